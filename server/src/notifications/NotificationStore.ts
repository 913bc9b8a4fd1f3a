import type { Notification } from '@concord/shared';

/**
 * Issue 5's notifications and thread followers, per user. SQLite and Redis implement it; one contract suite
 * (tests/integration/notificationStore.contract.test.ts) runs against both. Records are validated with the shared
 * zod schemas when written and when read (a corrupt record is an InvalidThreadRecordError naming it).
 */
export interface NotificationStore {
  /** Stores each notification (ids unique; a duplicate id throws DuplicateThreadRecordError, and nothing of the batch is stored). */
  add(notifications: readonly Notification[]): Promise<void>;
  /** A user's latest notifications, newest first (by createdAt, then insertion), at most `limit`. */
  list(userId: string, limit: number): Promise<Notification[]>;
  /** How many of the user's notifications are unread. */
  unreadCount(userId: string): Promise<number>;
  /** Marks these of the user's notifications read at `at` (ids of other users', unknown or already read ones are left alone). */
  markRead(userId: string, ids: readonly string[], at: string): Promise<void>;
  markAllRead(userId: string, at: string): Promise<void>;
  /** Keeps at most `keep` notifications per user, dropping the oldest: called after `add` so no list grows without bound. */
  trim(userId: string, keep: number): Promise<void>;

  /** Followers of a thread: told of every new published comment. Idempotent. */
  follow(threadId: string, userId: string): Promise<void>;
  unfollow(threadId: string, userId: string): Promise<void>;
  followers(threadId: string): Promise<string[]>;
  isFollowing(threadId: string, userId: string): Promise<boolean>;
  close(): Promise<void>;
}
