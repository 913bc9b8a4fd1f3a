import { delegationByCode, nsaCommittee, type Committee } from '../committee/committee.ts';
import { can } from '../policy/permissions.ts';
import type { SessionUser } from './authorship.ts';
import { defaultThreadRules, type ThreadRules } from './committeeRules.ts';
import { decideResolution } from './resolution.ts';
import type { ThreadComment, Flag, ModerationInput, Thread } from './schemas.ts';

export type ModerationRefusal =
  | 'forbidden'
  | 'not-found'
  | 'own-comment'
  | 'not-queued'
  | 'not-published'
  | 'reason-too-long'
  | 'already-locked'
  | 'not-locked'
  | 'already-pinned'
  | 'not-pinned'
  | 'already-resolved'
  | 'not-resolved'
  | 'one-sided'
  | 'override-reason-too-long'
  | 'override-reason-invalid'
  | 'unknown-target'
  | 'already-answered';

export type ModerationDecision =
  /** `overrideReason` is set for a resolve: the reason to record, or null when every group took part. */
  | { ok: true; overrideReason: string | null }
  | { ok: false; code: ModerationRefusal; detail: string };

/** What the server loaded for the action: the thread (and its comments) or the flag it names; null when not found. */
export interface ModerationContext {
  thread: Thread | null;
  comments: readonly ThreadComment[];
  flag: Flag | null;
}

const allowed: ModerationDecision = { ok: true, overrideReason: null };
const refuse = (code: ModerationRefusal, detail: string): ModerationDecision => ({ ok: false, code, detail });

/**
 * Whether `actor` (from the session) may take this moderation action. Every action needs `document.moderate`
 * (chairs); then the action must make sense in the thread's state. Nobody releases their own queued comment.
 */
export function decideModeration(
  actor: SessionUser,
  input: ModerationInput,
  context: ModerationContext,
  rules: ThreadRules = defaultThreadRules,
  committee: Committee = nsaCommittee,
): ModerationDecision {
  if (!can(actor, 'document.moderate')) return refuse('forbidden', 'only a chair moderates threads');
  if (input.action === 'answer-flag') {
    if (context.flag === null || context.flag.id !== input.flagId) return refuse('not-found', 'no such flag');
    if (context.flag.answer !== null) return refuse('already-answered', 'the flag has been answered');
    if (input.answer.length > rules.maxReasonLength) return refuse('reason-too-long', `an answer is at most ${rules.maxReasonLength} characters`);
    return allowed;
  }
  const thread = context.thread;
  if (thread === null || thread.id !== input.threadId) return refuse('not-found', 'no such thread');
  switch (input.action) {
    case 'release':
    case 'reject':
    case 'hide': {
      const comment = context.comments.find((candidate) => candidate.id === input.commentId && candidate.threadId === thread.id);
      if (comment === undefined) return refuse('not-found', 'no such comment in this thread');
      if (input.action === 'release' && comment.author.userId === actor.id) return refuse('own-comment', 'nobody releases their own comment');
      const expected = input.action === 'hide' ? 'published' : 'queued';
      if (comment.state !== expected) return refuse(expected === 'queued' ? 'not-queued' : 'not-published', `the comment is ${comment.state}, not ${expected}`);
      if (input.action !== 'release' && input.reason.length > rules.maxReasonLength) {
        return refuse('reason-too-long', `a reason is at most ${rules.maxReasonLength} characters`);
      }
      return allowed;
    }
    case 'lock':
      return thread.locked ? refuse('already-locked', 'the thread is locked') : allowed;
    case 'unlock':
      return thread.locked ? allowed : refuse('not-locked', 'the thread is not locked');
    case 'pin':
      return thread.pinned ? refuse('already-pinned', 'the thread is pinned') : allowed;
    case 'unpin':
      return thread.pinned ? allowed : refuse('not-pinned', 'the thread is not pinned');
    case 'resolve': {
      const decision = decideResolution(actor, thread, context.comments, input.overrideReason, rules, committee);
      return decision.ok ? { ok: true, overrideReason: decision.overrideReason } : refuse(decision.code, decision.detail);
    }
    case 'reopen':
      return thread.state === 'resolved' ? allowed : refuse('not-resolved', 'the thread is open');
    case 'request-input': {
      if (thread.state !== 'open') return refuse('already-resolved', 'reopen the thread before asking for input');
      const known =
        input.target.kind === 'group'
          ? committee.groups.some((group) => input.target.kind === 'group' && group.id === input.target.groupId)
          : delegationByCode(input.target.delegationCode, committee) !== undefined;
      return known ? allowed : refuse('unknown-target', 'the committee has no such group or delegation');
    }
    case 'set-floor':
      return allowed;
  }
}
