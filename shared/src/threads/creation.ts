import { nsaCommittee, type Committee } from '../committee/committee.ts';
import { can } from '../policy/permissions.ts';
import { authorOf, voiceOf, type SessionUser } from './authorship.ts';
import { defaultThreadRules, type ThreadRules } from './committeeRules.ts';
import { decideFloor } from './floor.ts';
import type { ThreadComment, CreateCommentInput, CreateThreadInput, Flag, Position, RaiseFlagInput, RecordPositionInput, Thread } from './schemas.ts';

export type CreationRefusal = 'forbidden' | 'not-a-delegation' | 'too-long' | 'wrong-thread' | 'locked' | 'resolved';
export type Refused = { ok: false; code: CreationRefusal; detail: string };

// The author always comes from `user`, the session: inputs have no author, delegation or state fields.

function checkLength(text: string | null, max: number, label: string): Refused | null {
  if (text === null || text.length <= max) return null;
  return { ok: false, code: 'too-long', detail: `${label} is at most ${max} characters in this committee` };
}

/** A new thread and its opening comment, written by `user`. Ids and time are the caller's (the server's). */
export function createThread(
  user: SessionUser,
  input: CreateThreadInput,
  ids: { threadId: string; commentId: string },
  at: string,
  rules: ThreadRules = defaultThreadRules,
  committee: Committee = nsaCommittee,
): { ok: true; thread: Thread; comment: ThreadComment } | Refused {
  if (!can(user, 'document.comment')) return { ok: false, code: 'forbidden', detail: 'this account cannot comment' };
  const tooLong = checkLength(input.body, rules.maxCommentLength, 'a comment');
  if (tooLong !== null) return tooLong;
  const author = authorOf(user, committee);
  const thread: Thread = {
    id: ids.threadId,
    documentId: input.documentId,
    anchor: input.anchor,
    createdBy: author,
    createdAt: at,
    state: 'open',
    locked: false,
    pinned: false,
    floor: { enabled: rules.floorOnByDefault, k: null },
    resolution: null,
  };
  // An empty thread has no run, so the opening comment is always published.
  const comment: ThreadComment = {
    id: ids.commentId,
    threadId: thread.id,
    documentId: thread.documentId,
    author,
    body: input.body,
    createdAt: at,
    publishedAt: at,
    state: 'published',
    moderation: null,
  };
  return { ok: true, thread, comment };
}

/** A reply by `user` in `thread`, published or queued by the alternating floor. */
export function createComment(
  user: SessionUser,
  thread: Thread,
  comments: readonly ThreadComment[],
  input: CreateCommentInput,
  commentId: string,
  at: string,
  rules: ThreadRules = defaultThreadRules,
  committee: Committee = nsaCommittee,
): { ok: true; comment: ThreadComment } | Refused {
  if (!can(user, 'document.comment')) return { ok: false, code: 'forbidden', detail: 'this account cannot comment' };
  if (input.threadId !== thread.id) return { ok: false, code: 'wrong-thread', detail: 'the comment names another thread' };
  if (thread.locked) return { ok: false, code: 'locked', detail: 'a chair has locked this thread' };
  if (thread.state === 'resolved') return { ok: false, code: 'resolved', detail: 'the thread is resolved; a chair may reopen it' };
  const tooLong = checkLength(input.body, rules.maxCommentLength, 'a comment');
  if (tooLong !== null) return tooLong;
  const author = authorOf(user, committee);
  const floor = decideFloor(thread, comments, voiceOf(author), rules);
  return {
    ok: true,
    comment: {
      id: commentId,
      threadId: thread.id,
      documentId: thread.documentId,
      author,
      body: input.body,
      createdAt: at,
      publishedAt: floor.state === 'published' ? at : null,
      state: floor.state,
      moderation: null,
    },
  };
}

/**
 * The delegation `user` speaks for, when they may record positions and flags: delegates of a delegation the
 * committee knows. A chair presides and does not state their delegation's position from the chair.
 */
function speakingDelegation(user: SessionUser, committee: Committee): { ok: true; code: string } | Refused {
  if (!can(user, 'document.comment')) return { ok: false, code: 'forbidden', detail: 'this account cannot take positions' };
  const author = authorOf(user, committee);
  const voice = voiceOf(author);
  if (voice.kind !== 'group') return { ok: false, code: 'not-a-delegation', detail: 'only a delegate speaks for a delegation' };
  return { ok: true, code: voice.delegationCode };
}

/** `user`'s delegation's position on a paragraph, as of `at`. */
export function recordPosition(
  user: SessionUser,
  input: RecordPositionInput,
  at: string,
  rules: ThreadRules = defaultThreadRules,
  committee: Committee = nsaCommittee,
): { ok: true; position: Position } | Refused {
  const delegation = speakingDelegation(user, committee);
  if (!delegation.ok) return delegation;
  const tooLong = checkLength(input.explanation, rules.maxExplanationLength, 'an explanation');
  if (tooLong !== null) return tooLong;
  return {
    ok: true,
    position: { ...input, delegationCode: delegation.code, recordedBy: user.id, recordedAt: at },
  };
}

/** `user`'s delegation's "our views are not reflected" flag on a paragraph, unanswered. */
export function raiseFlag(
  user: SessionUser,
  input: RaiseFlagInput,
  flagId: string,
  at: string,
  rules: ThreadRules = defaultThreadRules,
  committee: Committee = nsaCommittee,
): { ok: true; flag: Flag } | Refused {
  const delegation = speakingDelegation(user, committee);
  if (!delegation.ok) return delegation;
  const tooLong = checkLength(input.explanation, rules.maxExplanationLength, 'an explanation');
  if (tooLong !== null) return tooLong;
  return {
    ok: true,
    flag: { id: flagId, ...input, delegationCode: delegation.code, raisedBy: user.id, raisedAt: at, answer: null },
  };
}
