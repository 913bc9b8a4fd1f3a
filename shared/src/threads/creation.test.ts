import { describe, expect, it } from 'vitest';
import { threadRulesSchema } from './committeeRules.ts';
import { createComment, createThread, raiseFlag, recordPosition } from './creation.ts';
import { createCommentInputSchema, createThreadInputSchema, raiseFlagInputSchema, recordPositionInputSchema } from './schemas.ts';
import { blockId, commentsBy, documentId, threadRecord, users } from './testFixtures.ts';

const { kuwait, egypt, france, chair, secretariat, observer } = users;
const at = '2026-11-30T12:00:00.000Z';
const threadInput = createThreadInputSchema.parse({ documentId, anchor: { kind: 'range', blockId, quote: 'legally binding' }, body: 'Why "legally"?' });

describe('createThread', () => {
  it('builds an open thread and a published opening comment, authored from the session', () => {
    const result = createThread(france, threadInput, { threadId: 'thread-9', commentId: 'comment-9' }, at);
    expect(result).toMatchObject({
      ok: true,
      thread: { id: 'thread-9', state: 'open', locked: false, pinned: false, floor: { enabled: false, k: null }, resolution: null, anchor: threadInput.anchor },
      comment: { id: 'comment-9', threadId: 'thread-9', state: 'published', publishedAt: at, body: 'Why "legally"?' },
    });
    if (!result.ok) return;
    expect(result.comment.author).toEqual({ userId: 'user-france', name: 'Delegate of France', role: 'delegate', affiliation: 'FRA', group: 'NWS' });
  });

  it('starts with the floor on when the committee says so', () => {
    const result = createThread(kuwait, threadInput, { threadId: 'thread-9', commentId: 'comment-9' }, at, threadRulesSchema.parse({ floorOnByDefault: true }));
    expect(result.ok && result.thread.floor.enabled).toBe(true);
  });

  it('marks observer authors as observers, with no group', () => {
    const result = createThread(observer, threadInput, { threadId: 'thread-9', commentId: 'comment-9' }, at);
    expect(result.ok && result.comment.author).toEqual({ userId: 'user-observer', name: 'IAEA representative', role: 'observer', affiliation: 'IAEA', group: null });
  });

  it('refuses a disabled account and a body over the committee limit', () => {
    expect(createThread({ ...kuwait, disabled: true }, threadInput, { threadId: 'thread-9', commentId: 'comment-9' }, at)).toMatchObject({ ok: false, code: 'forbidden' });
    const rules = threadRulesSchema.parse({ maxCommentLength: 5 });
    expect(createThread(kuwait, { ...threadInput, body: '12345' }, { threadId: 'thread-9', commentId: 'comment-9' }, at, rules).ok).toBe(true);
    expect(createThread(kuwait, { ...threadInput, body: '123456' }, { threadId: 'thread-9', commentId: 'comment-9' }, at, rules)).toMatchObject({ ok: false, code: 'too-long' });
  });
});

describe('createComment', () => {
  const input = { threadId: 'thread-1', body: 'We agree.' };

  it('publishes a reply when the floor is off', () => {
    const result = createComment(egypt, threadRecord(), commentsBy(kuwait, kuwait, kuwait, kuwait), input, 'comment-9', at);
    expect(result).toMatchObject({ ok: true, comment: { state: 'published', publishedAt: at, author: { affiliation: 'EGY', group: 'NNWS' } } });
  });

  it('queues the over-represented group when the floor is on, with no publication time', () => {
    const thread = threadRecord({ floor: { enabled: true, k: 2 } });
    const result = createComment(egypt, thread, commentsBy(france, kuwait, kuwait, kuwait), input, 'comment-9', at);
    expect(result).toMatchObject({ ok: true, comment: { state: 'queued', publishedAt: null, moderation: null } });
    expect(createComment(france, thread, commentsBy(france, kuwait, kuwait, kuwait), input, 'comment-9', at)).toMatchObject({ ok: true, comment: { state: 'published' } });
  });

  it.each([
    ['a locked thread', threadRecord({ locked: true }), input, 'locked'],
    ['a resolved thread', threadRecord({ state: 'resolved' }), input, 'resolved'],
    ['another thread than the input names', threadRecord({ id: 'thread-2' }), input, 'wrong-thread'],
  ] as const)('refuses a comment on %s', (_name, thread, commentInput, code) => {
    expect(createComment(kuwait, thread, [], commentInput, 'comment-9', at)).toMatchObject({ ok: false, code });
  });
});

describe('impersonation: authorship comes from the session only', () => {
  it.each([
    ['thread', createThreadInputSchema, { ...threadInput, author: { userId: 'user-france', affiliation: 'FRA' } }],
    ['comment', createCommentInputSchema, { threadId: 'thread-1', body: 'x', author: { affiliation: 'USA', group: 'NWS' } }],
    ['comment with a state', createCommentInputSchema, { threadId: 'thread-1', body: 'x', state: 'published' }],
    ['position', recordPositionInputSchema, { documentId, blockId, stance: 'supports', delegationCode: 'USA' }],
    ['flag', raiseFlagInputSchema, { documentId, blockId, delegationCode: 'FRA' }],
  ] as const)('the %s input schema refuses author fields', (_name, schema, input) => {
    expect(schema.safeParse(input).success).toBe(false);
  });
});

describe('recordPosition and raiseFlag', () => {
  const positionInput = recordPositionInputSchema.parse({ documentId, blockId, stance: 'opposes', explanation: 'Too weak.' });
  const flagInput = raiseFlagInputSchema.parse({ documentId, blockId });

  it("record the session delegate's delegation", () => {
    expect(recordPosition(france, positionInput, at)).toEqual({
      ok: true,
      position: { documentId, blockId, stance: 'opposes', explanation: 'Too weak.', delegationCode: 'FRA', recordedBy: 'user-france', recordedAt: at },
    });
    expect(raiseFlag(kuwait, flagInput, 'flag-9', at)).toEqual({
      ok: true,
      flag: { id: 'flag-9', documentId, blockId, explanation: null, delegationCode: 'KWT', raisedBy: 'user-kuwait', raisedAt: at, answer: null },
    });
  });

  it.each([
    ['a chair (presiding)', chair, 'not-a-delegation'],
    ['the secretariat', secretariat, 'not-a-delegation'],
    ['an observer', observer, 'not-a-delegation'],
    ['a disabled delegate', { ...kuwait, disabled: true }, 'forbidden'],
    ['a delegate of a non-party', { ...kuwait, affiliation: { kind: 'delegation' as const, delegationCode: 'IND' } }, 'not-a-delegation'],
  ])('refuse %s', (_name, user, code) => {
    expect(recordPosition(user, positionInput, at)).toMatchObject({ ok: false, code });
    expect(raiseFlag(user, flagInput, 'flag-9', at)).toMatchObject({ ok: false, code });
  });

  it("enforce the committee's explanation length", () => {
    const rules = threadRulesSchema.parse({ maxExplanationLength: 3 });
    expect(recordPosition(france, { ...positionInput, explanation: 'abc' }, at, rules).ok).toBe(true);
    expect(recordPosition(france, { ...positionInput, explanation: 'abcd' }, at, rules)).toMatchObject({ ok: false, code: 'too-long' });
    expect(raiseFlag(france, { ...flagInput, explanation: 'abcd' }, 'flag-9', at, rules)).toMatchObject({ ok: false, code: 'too-long' });
  });
});
