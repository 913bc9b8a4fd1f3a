import { describe, expect, it } from 'vitest';
import type { SessionUser } from './authorship.ts';
import { threadRulesSchema } from './committeeRules.ts';
import { decideModeration, type ModerationContext } from './moderation.ts';
import { moderationActionNames, moderationInputSchema, type Flag, type ModerationInput } from './schemas.ts';
import { blockId, commentsBy, documentId, threadRecord, users } from './testFixtures.ts';

const { kuwait, france, chair, secretariat, observer } = users;

// comment-1 Kuwait published, comment-2 France published, comment-3 Kuwait queued.
const comments = commentsBy(kuwait, france, [kuwait, 'queued']);
const flag: Flag = { id: 'flag-1', documentId, blockId, delegationCode: 'KWT', explanation: null, raisedBy: kuwait.id, raisedAt: '2026-11-30T10:00:00.000Z', answer: null };

/** One valid input per action, against a thread in which it makes sense. */
const cases: Record<ModerationInput['action'], { input: ModerationInput; context: ModerationContext }> = {
  release: { input: { action: 'release', threadId: 'thread-1', commentId: 'comment-3' }, context: { thread: threadRecord(), comments, flag: null } },
  reject: { input: { action: 'reject', threadId: 'thread-1', commentId: 'comment-3', reason: 'repeats comment 1' }, context: { thread: threadRecord(), comments, flag: null } },
  hide: { input: { action: 'hide', threadId: 'thread-1', commentId: 'comment-1', reason: 'personal remark' }, context: { thread: threadRecord(), comments, flag: null } },
  lock: { input: { action: 'lock', threadId: 'thread-1' }, context: { thread: threadRecord(), comments, flag: null } },
  unlock: { input: { action: 'unlock', threadId: 'thread-1' }, context: { thread: threadRecord({ locked: true }), comments, flag: null } },
  pin: { input: { action: 'pin', threadId: 'thread-1' }, context: { thread: threadRecord(), comments, flag: null } },
  unpin: { input: { action: 'unpin', threadId: 'thread-1' }, context: { thread: threadRecord({ pinned: true }), comments, flag: null } },
  resolve: { input: { action: 'resolve', threadId: 'thread-1' }, context: { thread: threadRecord(), comments, flag: null } },
  reopen: { input: { action: 'reopen', threadId: 'thread-1' }, context: { thread: threadRecord({ state: 'resolved' }), comments, flag: null } },
  'request-input': {
    input: { action: 'request-input', threadId: 'thread-1', target: { kind: 'group', groupId: 'NWS' } },
    context: { thread: threadRecord(), comments, flag: null },
  },
  'set-floor': { input: { action: 'set-floor', threadId: 'thread-1', enabled: true, k: null }, context: { thread: threadRecord(), comments, flag: null } },
  'answer-flag': { input: { action: 'answer-flag', flagId: 'flag-1', answer: 'Paragraph 3 now reflects it.' }, context: { thread: null, comments: [], flag } },
};

// The matrix, written out: Y = allowed, - = refused 'forbidden'.
const matrix: Record<string, Record<ModerationInput['action'], 'Y' | '-'>> = {
  //            release reject hide lock unlock pin unpin resolve reopen request-input set-floor answer-flag
  chair:       { release: 'Y', reject: 'Y', hide: 'Y', lock: 'Y', unlock: 'Y', pin: 'Y', unpin: 'Y', resolve: 'Y', reopen: 'Y', 'request-input': 'Y', 'set-floor': 'Y', 'answer-flag': 'Y' },
  delegate:    { release: '-', reject: '-', hide: '-', lock: '-', unlock: '-', pin: '-', unpin: '-', resolve: '-', reopen: '-', 'request-input': '-', 'set-floor': '-', 'answer-flag': '-' },
  secretariat: { release: '-', reject: '-', hide: '-', lock: '-', unlock: '-', pin: '-', unpin: '-', resolve: '-', reopen: '-', 'request-input': '-', 'set-floor': '-', 'answer-flag': '-' },
  observer:    { release: '-', reject: '-', hide: '-', lock: '-', unlock: '-', pin: '-', unpin: '-', resolve: '-', reopen: '-', 'request-input': '-', 'set-floor': '-', 'answer-flag': '-' },
  disabledChair: { release: '-', reject: '-', hide: '-', lock: '-', unlock: '-', pin: '-', unpin: '-', resolve: '-', reopen: '-', 'request-input': '-', 'set-floor': '-', 'answer-flag': '-' },
};
const actors: Record<string, SessionUser> = { chair, delegate: france, secretariat, observer, disabledChair: { ...chair, disabled: true } };

describe('role x moderation action matrix', () => {
  it('covers every moderation action', () => {
    expect(Object.keys(cases).sort()).toEqual([...moderationActionNames].sort());
  });

  for (const [actorName, row] of Object.entries(matrix)) {
    for (const action of moderationActionNames) {
      it(`${actorName} ${row[action] === 'Y' ? 'may' : 'may not'} ${action}`, () => {
        const { input, context } = cases[action];
        // The case inputs are valid wire messages.
        expect(moderationInputSchema.parse(input)).toEqual(input);
        const decision = decideModeration(actors[actorName]!, input, context);
        if (row[action] === 'Y') expect(decision).toMatchObject({ ok: true });
        else expect(decision).toMatchObject({ ok: false, code: 'forbidden' });
      });
    }
  }
});

describe('decideModeration in context', () => {
  const thread = threadRecord();

  it('never lets anyone release their own queued comment', () => {
    const chairQueued = commentsBy([chair, 'queued']);
    const input: ModerationInput = { action: 'release', threadId: 'thread-1', commentId: 'comment-1' };
    expect(decideModeration(chair, input, { thread, comments: chairQueued, flag: null })).toMatchObject({ ok: false, code: 'own-comment' });
    // A delegate trying to release their own queued comment is refused (they cannot moderate at all).
    expect(decideModeration(kuwait, cases.release.input, cases.release.context)).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('refuses a delegate resolving a one-sided thread, with or without a reason', () => {
    const oneSided = commentsBy(kuwait, kuwait);
    for (const overrideReason of [undefined, 'we all agree']) {
      expect(decideModeration(kuwait, { action: 'resolve', threadId: 'thread-1', overrideReason }, { thread, comments: oneSided, flag: null })).toMatchObject({
        ok: false,
        code: 'forbidden',
      });
    }
  });

  it('applies the resolution rule for chairs and passes the override reason on', () => {
    const oneSided = commentsBy(kuwait, kuwait);
    expect(decideModeration(chair, { action: 'resolve', threadId: 'thread-1' }, { thread, comments: oneSided, flag: null })).toMatchObject({ ok: false, code: 'one-sided' });
    expect(decideModeration(chair, { action: 'resolve', threadId: 'thread-1', overrideReason: ' agreed in plenary ' }, { thread, comments: oneSided, flag: null })).toEqual({
      ok: true,
      overrideReason: 'agreed in plenary',
    });
  });

  it.each([
    ['release of a published comment', { action: 'release', threadId: 'thread-1', commentId: 'comment-1' }, threadRecord(), 'not-queued'],
    ['reject of a published comment', { action: 'reject', threadId: 'thread-1', commentId: 'comment-2', reason: 'x' }, threadRecord(), 'not-queued'],
    ['hide of a queued comment', { action: 'hide', threadId: 'thread-1', commentId: 'comment-3', reason: 'x' }, threadRecord(), 'not-published'],
    ['an unknown comment', { action: 'release', threadId: 'thread-1', commentId: 'comment-9' }, threadRecord(), 'not-found'],
    ['a comment of another thread', { action: 'release', threadId: 'thread-2', commentId: 'comment-3' }, threadRecord({ id: 'thread-2' }), 'not-found'],
    ['a thread other than the one loaded', { action: 'lock', threadId: 'thread-2' }, threadRecord(), 'not-found'],
    ['lock of a locked thread', { action: 'lock', threadId: 'thread-1' }, threadRecord({ locked: true }), 'already-locked'],
    ['unlock of an unlocked thread', { action: 'unlock', threadId: 'thread-1' }, threadRecord(), 'not-locked'],
    ['pin of a pinned thread', { action: 'pin', threadId: 'thread-1' }, threadRecord({ pinned: true }), 'already-pinned'],
    ['unpin of an unpinned thread', { action: 'unpin', threadId: 'thread-1' }, threadRecord(), 'not-pinned'],
    ['reopen of an open thread', { action: 'reopen', threadId: 'thread-1' }, threadRecord(), 'not-resolved'],
    ['resolve of a resolved thread', { action: 'resolve', threadId: 'thread-1' }, threadRecord({ state: 'resolved' }), 'already-resolved'],
    ['input requested on a resolved thread', { action: 'request-input', threadId: 'thread-1', target: { kind: 'group', groupId: 'NWS' } }, threadRecord({ state: 'resolved' }), 'already-resolved'],
    ['input requested from an unknown group', { action: 'request-input', threadId: 'thread-1', target: { kind: 'group', groupId: 'WEOG' } }, threadRecord(), 'unknown-target'],
    ['input requested from a non-party', { action: 'request-input', threadId: 'thread-1', target: { kind: 'delegation', delegationCode: 'IND' } }, threadRecord(), 'unknown-target'],
  ] as const)('refuses %s', (_name, input, threadState, code) => {
    expect(decideModeration(chair, input, { thread: threadState, comments, flag: null })).toMatchObject({ ok: false, code });
  });

  it('accepts input requested from a delegation of the committee', () => {
    const input: ModerationInput = { action: 'request-input', threadId: 'thread-1', target: { kind: 'delegation', delegationCode: 'CHN' } };
    expect(decideModeration(chair, input, { thread, comments, flag: null })).toMatchObject({ ok: true });
  });

  it('refuses a thread that was not found', () => {
    expect(decideModeration(chair, cases.lock.input, { thread: null, comments: [], flag: null })).toMatchObject({ ok: false, code: 'not-found' });
  });

  it("enforces the committee's reason length", () => {
    const rules = threadRulesSchema.parse({ maxReasonLength: 5 });
    const hide = (reason: string): ModerationInput => ({ action: 'hide', threadId: 'thread-1', commentId: 'comment-1', reason });
    expect(decideModeration(chair, hide('12345'), { thread, comments, flag: null }, rules)).toMatchObject({ ok: true });
    expect(decideModeration(chair, hide('123456'), { thread, comments, flag: null }, rules)).toMatchObject({ ok: false, code: 'reason-too-long' });
    const answer: ModerationInput = { action: 'answer-flag', flagId: 'flag-1', answer: '123456' };
    expect(decideModeration(chair, answer, { thread: null, comments: [], flag }, rules)).toMatchObject({ ok: false, code: 'reason-too-long' });
  });

  it('refuses answering an answered or unknown flag', () => {
    const answered = { ...flag, answer: { by: chair.id, at: flag.raisedAt, text: 'done' } };
    expect(decideModeration(chair, cases['answer-flag'].input, { thread: null, comments: [], flag: answered })).toMatchObject({ ok: false, code: 'already-answered' });
    expect(decideModeration(chair, cases['answer-flag'].input, { thread: null, comments: [], flag: null })).toMatchObject({ ok: false, code: 'not-found' });
  });
});
