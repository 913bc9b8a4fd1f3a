import type { ModerationInput, SessionUser } from '@concord/shared';
import type { CommentPatch, ThreadPatch } from './ThreadStore.ts';

/** What an allowed moderation action writes: a comment's patch, a thread's patch, or nothing (request-input). */
export type ModerationWrite =
  | { kind: 'comment'; commentId: string; patch: CommentPatch }
  | { kind: 'thread'; patch: ThreadPatch }
  | { kind: 'none' };

/** The write of an action decideModeration allowed; `overrideReason` is the decision's, `at` the server's time. */
export function moderationPatch(input: Exclude<ModerationInput, { action: 'answer-flag' }>, actor: SessionUser, overrideReason: string | null, at: string): ModerationWrite {
  switch (input.action) {
    case 'release':
      return { kind: 'comment', commentId: input.commentId, patch: { state: 'published', publishedAt: at } };
    case 'reject':
      return { kind: 'comment', commentId: input.commentId, patch: { state: 'rejected', publishedAt: null, moderation: { by: actor.id, at, reason: input.reason } } };
    case 'hide':
      return { kind: 'comment', commentId: input.commentId, patch: { state: 'hidden', moderation: { by: actor.id, at, reason: input.reason } } };
    case 'lock':
      return { kind: 'thread', patch: { locked: true } };
    case 'unlock':
      return { kind: 'thread', patch: { locked: false } };
    case 'pin':
      return { kind: 'thread', patch: { pinned: true } };
    case 'unpin':
      return { kind: 'thread', patch: { pinned: false } };
    case 'resolve':
      return { kind: 'thread', patch: { state: 'resolved', resolution: { by: actor.id, at, overrideReason } } };
    case 'reopen':
      return { kind: 'thread', patch: { state: 'open', resolution: null } };
    case 'set-floor':
      return { kind: 'thread', patch: { floor: { enabled: input.enabled, k: input.k } } };
    case 'request-input':
      // Notifying the target is the live delivery's job; the request itself is the audit entry.
      return { kind: 'none' };
  }
}
