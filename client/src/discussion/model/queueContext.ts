import { decideFloor, voiceOf, type FloorDecision, type ThreadComment } from '@concord/shared';
import type { ThreadView } from '../../api/threads.ts';

/** What a chair needs beside a held comment: the comment it follows, and why the floor held it. */
export interface QueueContext {
  /** The last comment on the floor when it was posted (null if none). */
  follows: ThreadComment | null;
  /** The floor's decision then, with today's floor settings (`published` if they no longer hold it). */
  decision: FloorDecision;
  /** The group whose run held it, or null when its author speaks for no group. */
  groupId: string | null;
}

const moderatedBy = (comment: ThreadComment, at: string) => comment.moderation !== null && comment.moderation.at <= at;

/**
 * The thread's other comments as they stood at `at`: published by then (and not yet hidden), or waiting then
 * (posted, not yet released nor rejected). A chair sees every comment, so nothing is missing from the record.
 */
function commentsAsOf(comments: readonly ThreadComment[], at: string, exceptId: string): ThreadComment[] {
  const then: ThreadComment[] = [];
  for (const comment of comments) {
    if (comment.id === exceptId || comment.createdAt > at) continue;
    const published = comment.publishedAt !== null && comment.publishedAt <= at;
    if (published && !(comment.state === 'hidden' && moderatedBy(comment, at))) then.push({ ...comment, state: 'published' });
    else if (!published && !(comment.state === 'rejected' && moderatedBy(comment, at))) then.push({ ...comment, state: 'queued', publishedAt: null });
  }
  return then;
}

/** The context of a comment waiting in the chair's queue, reconstructed from the thread's record. */
export function queueContext(thread: ThreadView, comment: ThreadComment): QueueContext {
  const then = commentsAsOf(thread.comments, comment.createdAt, comment.id);
  const onFloor = then.filter((other) => other.state === 'published').sort((first, second) => (first.publishedAt ?? '').localeCompare(second.publishedAt ?? ''));
  const voice = voiceOf(comment.author);
  return { follows: onFloor.at(-1) ?? null, decision: decideFloor(thread, then, voice), groupId: voice.kind === 'group' ? voice.groupId : null };
}
