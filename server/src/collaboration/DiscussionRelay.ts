import type { DiscussionMessage } from '@concord/shared';
import type { DiscussionEvent, DiscussionEvents } from '../threads/discussionEvents.ts';
import type { CollaborationServer } from './CollaborationServer.ts';
import { encodeDiscussion } from './protocol.ts';

const resync: DiscussionMessage = { kind: 'resync' };

/**
 * Carries discussion events (from this instance or, through Redis, any other) to the open sockets they concern as
 * message 103: every connection to the document, or every connection of the users named. When events may have been
 * lost, every connection is told to resync.
 */
export class DiscussionRelay {
  private readonly unsubscribe: () => void;

  constructor(
    private readonly collaboration: CollaborationServer,
    events: DiscussionEvents,
  ) {
    this.unsubscribe = events.subscribe((event) => this.relay(event));
  }

  private relay(event: DiscussionEvent | null): void {
    const frame = encodeDiscussion(event?.message ?? resync);
    const users = event?.audience === 'users' ? new Set(event.userIds) : null;
    for (const connection of this.collaboration.openConnections) {
      if (connection.closed) continue;
      const concerned =
        event === null ||
        (event.audience === 'document' ? connection.documentId === event.documentId : users!.has(connection.identity.user?.id ?? ''));
      if (concerned) connection.send(frame);
    }
  }

  close(): void {
    this.unsubscribe();
  }
}
