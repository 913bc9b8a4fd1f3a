import type Database from 'better-sqlite3';
import { z } from 'zod';
import { notificationSchema, threadIdSchema, userIdSchema, type Notification } from '@concord/shared';
import { openSqliteFile } from '../storage/openSqliteFile.ts';
import { DuplicateThreadRecordError, storedRecord, validRecord } from '../threads/ThreadStore.ts';
import type { NotificationStore } from './NotificationStore.ts';

// Each notification is one JSON column (validated by zod both ways), beside the key columns the queries need.
// created_at is milliseconds: ISO texts of different precisions do not sort as text. `seq` breaks ties by insertion.
const schema = `
  CREATE TABLE IF NOT EXISTS notifications (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    user_id TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    read_at TEXT,
    record TEXT NOT NULL CHECK (json_valid(record))
  ) STRICT;
  CREATE INDEX IF NOT EXISTS notifications_by_user ON notifications (user_id, created_at, seq);
  CREATE INDEX IF NOT EXISTS notifications_unread ON notifications (user_id) WHERE read_at IS NULL;
  CREATE TABLE IF NOT EXISTS thread_followers (
    thread_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    PRIMARY KEY (thread_id, user_id)
  ) STRICT;
`;

const recordRowSchema = z.object({ record: z.string() });
const countRowSchema = z.object({ count: z.number().int() });
const userRowSchema = z.object({ user_id: z.string() });
const timestampSchema = z.iso.datetime();

/** Notifications and thread followers in `<directory>/concord.sqlite`, on their own connection (WAL shares the file). */
export class SqliteNotificationStore implements NotificationStore {
  private readonly database: Database.Database;
  private readonly statements;
  private closed = false;

  constructor(directory: string) {
    // FULL, as the thread store: a notification whose write resolved survives power loss.
    this.database = openSqliteFile(directory, 'FULL');
    this.database.exec(schema);
    const prepare = (sql: string) => this.database.prepare(sql);
    this.statements = {
      insert: prepare('INSERT INTO notifications (id, user_id, created_at, read_at, record) VALUES (?, ?, ?, ?, ?)'),
      latest: prepare('SELECT record FROM notifications WHERE user_id = ? ORDER BY created_at DESC, seq DESC LIMIT ?'),
      unreadCount: prepare('SELECT COUNT(*) AS count FROM notifications WHERE user_id = ? AND read_at IS NULL'),
      unreadOne: prepare('SELECT record FROM notifications WHERE id = ? AND user_id = ? AND read_at IS NULL'),
      unreadAll: prepare('SELECT record FROM notifications WHERE user_id = ? AND read_at IS NULL ORDER BY seq'),
      markRead: prepare('UPDATE notifications SET read_at = ?, record = ? WHERE id = ?'),
      trim: prepare(
        `DELETE FROM notifications WHERE user_id = ? AND seq NOT IN
           (SELECT seq FROM notifications WHERE user_id = ? ORDER BY created_at DESC, seq DESC LIMIT ?)`,
      ),
      follow: prepare('INSERT INTO thread_followers (thread_id, user_id) VALUES (?, ?) ON CONFLICT DO NOTHING'),
      unfollow: prepare('DELETE FROM thread_followers WHERE thread_id = ? AND user_id = ?'),
      followers: prepare('SELECT user_id FROM thread_followers WHERE thread_id = ? ORDER BY user_id'),
      isFollowing: prepare('SELECT 1 FROM thread_followers WHERE thread_id = ? AND user_id = ?'),
    };
  }

  async add(notifications: readonly Notification[]): Promise<void> {
    const valid = notifications.map((notification) => validRecord(notificationSchema, notification, 'notification'));
    this.write(() => {
      for (const notification of valid) {
        try {
          this.statements.insert.run(notification.id, notification.userId, Date.parse(notification.createdAt), notification.readAt, JSON.stringify(notification));
        } catch (error) {
          // Thrown inside the transaction, so the notifications inserted before it are rolled back.
          throw asDuplicate(error, `notification ${notification.id} already exists`);
        }
      }
    });
  }

  async list(userId: string, limit: number): Promise<Notification[]> {
    this.checkOpen();
    if (limit <= 0) return [];
    return this.statements.latest.all(userId, Math.floor(limit)).map((row) => storedRecord(notificationSchema, recordRowSchema.parse(row).record, 'notification'));
  }

  async unreadCount(userId: string): Promise<number> {
    this.checkOpen();
    return countRowSchema.parse(this.statements.unreadCount.get(userId)).count;
  }

  async markRead(userId: string, ids: readonly string[], at: string): Promise<void> {
    const readAt = validRecord(timestampSchema, at, 'read time');
    this.write(() => {
      for (const id of new Set(ids)) {
        const row = this.statements.unreadOne.get(id, userId);
        if (row !== undefined) this.markRecordRead(recordRowSchema.parse(row).record, readAt);
      }
    });
  }

  async markAllRead(userId: string, at: string): Promise<void> {
    const readAt = validRecord(timestampSchema, at, 'read time');
    this.write(() => {
      for (const row of this.statements.unreadAll.all(userId)) this.markRecordRead(recordRowSchema.parse(row).record, readAt);
    });
  }

  async trim(userId: string, keep: number): Promise<void> {
    this.write(() => this.statements.trim.run(userId, userId, Math.max(0, Math.floor(keep))));
  }

  async follow(threadId: string, userId: string): Promise<void> {
    const [validThreadId, validUserId] = validFollower(threadId, userId);
    this.write(() => this.statements.follow.run(validThreadId, validUserId));
  }

  async unfollow(threadId: string, userId: string): Promise<void> {
    this.write(() => this.statements.unfollow.run(threadId, userId));
  }

  async followers(threadId: string): Promise<string[]> {
    this.checkOpen();
    const userIds = this.statements.followers.all(threadId).map((row) => userRowSchema.parse(row).user_id);
    return validRecord(z.array(userIdSchema), userIds, 'stored followers');
  }

  async isFollowing(threadId: string, userId: string): Promise<boolean> {
    this.checkOpen();
    return this.statements.isFollowing.get(threadId, userId) !== undefined;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.database.close();
  }

  /** Sets readAt in the record and in its column together, so the count and the record agree. */
  private markRecordRead(text: string, readAt: string): void {
    const stored = storedRecord(notificationSchema, text, 'notification');
    const read = validRecord(notificationSchema, { ...stored, readAt }, 'notification');
    this.statements.markRead.run(readAt, JSON.stringify(read), read.id);
  }

  /** Runs `work` in an IMMEDIATE transaction: all of it or nothing, and no write of another connection in between. */
  private write<Result>(work: () => Result): Result {
    this.checkOpen();
    return this.database.transaction(work).immediate();
  }

  private checkOpen(): void {
    if (this.closed) throw new Error('SqliteNotificationStore is closed');
  }
}

/** A follower's ids, validated before they are stored. */
function validFollower(threadId: string, userId: string): [string, string] {
  return [validRecord(threadIdSchema, threadId, 'thread id'), validRecord(userIdSchema, userId, 'user id')];
}

function asDuplicate(error: unknown, message: string): unknown {
  const code = error instanceof Error && 'code' in error ? error.code : undefined;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' ? new DuplicateThreadRecordError(message, { cause: error }) : error;
}
