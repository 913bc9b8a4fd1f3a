import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import {
  notificationPlace,
  notificationsForComment,
  notificationsForInputRequest,
  type CommentAuthor,
  type InputTarget,
  type Notification,
  type NotificationDraft,
  type ParagraphLabel,
  type SessionUser,
  type Thread,
  type ThreadComment,
} from '@concord/shared';
import type { NotificationStore } from '../notifications/NotificationStore.ts';
import { toDocument, toUsers, type DiscussionEvent, type DiscussionEvents } from './discussionEvents.ts';

export interface DiscussionNotifierOptions {
  events: DiscussionEvents;
  notifications: NotificationStore;
  /** Every account, to find who a mention or a request for input reaches. */
  listReaders: () => Promise<SessionUser[]>;
  /** The paragraph's label now ("PP 2"), named in the notification; null when it has none. */
  paragraphLabel: (documentId: string, blockId: string) => Promise<ParagraphLabel | null>;
  logger: Logger;
  /** Notifications kept per user, the oldest dropped beyond it. */
  keepPerUser?: number;
}

/**
 * What follows a stored change of the discussion: clients told live (message 103 on every instance) and readers
 * notified. The change is stored before this runs and stands whatever happens here: a failure is logged, and a
 * client that missed an event catches up at its next (re)connection.
 */
export class DiscussionNotifier {
  constructor(private readonly options: DiscussionNotifierOptions) {}

  threadChanged(thread: Pick<Thread, 'id' | 'documentId'>): Promise<void> {
    return this.publish(toDocument(thread.documentId, { kind: 'thread', threadId: thread.id }));
  }

  positionsChanged(documentId: string, blockId: string): Promise<void> {
    return this.publish(toDocument(documentId, { kind: 'positions', blockId }));
  }

  flagsChanged(documentId: string, flagId: string): Promise<void> {
    return this.publish(toDocument(documentId, { kind: 'flags', flagId }));
  }

  /** A comment reached the floor (posted, or released from the queue): the delegations it mentions and the thread's followers hear of it. */
  async commentPublished(thread: Thread, comment: ThreadComment): Promise<void> {
    await this.guarded('comment notifications', async () => {
      const followers = await this.options.notifications.followers(thread.id);
      const drafts = notificationsForComment(comment, followers, await this.options.listReaders());
      await this.deliver(thread, comment.id, comment.author, drafts);
    });
  }

  /** A chair asked a group or a delegation for input on a thread. */
  async inputRequested(thread: Thread, target: InputTarget, chair: CommentAuthor): Promise<void> {
    await this.guarded('input request notifications', async () => {
      const drafts = notificationsForInputRequest(target, chair.userId, await this.options.listReaders());
      await this.deliver(thread, null, chair, drafts);
    });
  }

  private async deliver(thread: Thread, commentId: string | null, actor: CommentAuthor, drafts: NotificationDraft[]): Promise<void> {
    if (drafts.length === 0) return;
    const place = notificationPlace(thread);
    // A notification without the label beats none: the thread it links to shows the paragraph anyway.
    const paragraph = await this.options.paragraphLabel(place.documentId, place.blockId).catch((error: unknown) => {
      this.options.logger.warn({ err: error, documentId: place.documentId }, 'paragraph label for notifications failed');
      return null;
    });
    const createdAt = new Date().toISOString();
    const notifications: Notification[] = drafts.map((draft) => ({
      id: randomBytes(12).toString('base64url'),
      userId: draft.userId,
      ...place,
      paragraph,
      commentId,
      actor: { name: actor.name, affiliation: actor.affiliation },
      reason: draft.reason,
      createdAt,
      readAt: null,
    }));
    const { notifications: store, keepPerUser = 500 } = this.options;
    await store.add(notifications);
    const userIds = drafts.map((draft) => draft.userId);
    await Promise.all(userIds.map((userId) => store.trim(userId, keepPerUser)));
    await this.publish(toUsers(userIds, { kind: 'notifications' }));
  }

  private publish(event: DiscussionEvent): Promise<void> {
    return this.guarded('discussion event', () => this.options.events.publish(event));
  }

  private async guarded(what: string, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      this.options.logger.warn({ err: error }, `${what} failed`);
    }
  }
}
