import { describe, expect, it } from 'vitest';
import { authorOf, voiceOf } from './authorship.ts';
import { threadRulesSchema } from './committeeRules.ts';
import { decideFloor, floorKOf, trailingRun } from './floor.ts';
import { commentsBy, threadRecord, users } from './testFixtures.ts';

const { kuwait, egypt, france, china, chair, observer, secretariat } = users;
const floorOn = threadRecord({ floor: { enabled: true, k: null } });
const nnws = voiceOf(authorOf(kuwait));
const nws = voiceOf(authorOf(france));

describe('trailingRun', () => {
  it.each([
    ['empty thread', [], 0],
    ['one NNWS', [kuwait], 1],
    ['NNWS NNWS', [kuwait, egypt], 2],
    ['NWS then NNWS NNWS', [france, kuwait, egypt], 2],
    ['NNWS NNWS then NWS', [kuwait, egypt, france], 0],
    ['observer, chair and secretariat neither extend nor break a run', [kuwait, observer, chair, secretariat, egypt], 2],
  ] as const)('%s', (_name, authors, run) => {
    expect(trailingRun(commentsBy(...authors), 'NNWS')).toBe(run);
  });

  it('ignores queued, rejected and hidden comments', () => {
    expect(trailingRun(commentsBy(kuwait, [egypt, 'queued'], [kuwait, 'rejected'], [egypt, 'hidden']), 'NNWS')).toBe(1);
  });

  it('orders by publication, so a released comment counts where it reached the floor', () => {
    const [first, second] = commentsBy(kuwait, france);
    // France's comment was written first but released after Kuwait's.
    const released = { ...second!, createdAt: '2026-11-30T09:00:00.000Z', publishedAt: '2026-11-30T11:00:00.000Z' };
    expect(trailingRun([released, first!], 'NNWS')).toBe(0);
    expect(trailingRun([released, first!], 'NWS')).toBe(1);
  });
});

describe('decideFloor (k = 2: a group speaks at most twice in a row; the third waits)', () => {
  it.each([
    [0, 'published'],
    [1, 'published'],
    [2, 'queued'],
    [3, 'queued'],
  ] as const)('with %i consecutive NNWS comments, the next NNWS comment is %s', (run, state) => {
    const comments = commentsBy(france, ...Array.from({ length: run }, () => kuwait));
    expect(decideFloor(floorOn, comments, nnws).state).toBe(state);
  });

  it('gives the floor to the other group whatever the run', () => {
    expect(decideFloor(floorOn, commentsBy(kuwait, egypt, kuwait, egypt), nws)).toEqual({ state: 'published', code: 'within-floor' });
  });

  it('reports the run and k when queuing', () => {
    expect(decideFloor(floorOn, commentsBy(kuwait, egypt), nnws)).toEqual({ state: 'queued', code: 'run-exceeds-k', run: 2, k: 2 });
  });

  it('publishes everything when the floor is off', () => {
    expect(decideFloor(threadRecord(), commentsBy(kuwait, egypt, kuwait, egypt), nnws)).toEqual({ state: 'published', code: 'floor-off' });
  });

  it('never queues observers, chairs or the secretariat', () => {
    const comments = commentsBy(kuwait, egypt, kuwait, egypt);
    for (const user of [observer, chair, secretariat]) {
      expect(decideFloor(floorOn, comments, voiceOf(authorOf(user))).code, user.role).toBe('not-a-group');
    }
  });

  it("uses the thread's own k, else the committee's", () => {
    const comments = commentsBy(kuwait);
    expect(decideFloor(threadRecord({ floor: { enabled: true, k: 1 } }), comments, nnws).state).toBe('queued');
    expect(decideFloor(floorOn, comments, nnws, threadRulesSchema.parse({ floorK: 1 })).state).toBe('queued');
    expect(decideFloor(floorOn, comments, nnws, threadRulesSchema.parse({ floorK: 5 })).state).toBe('published');
    expect(floorKOf(threadRecord({ floor: { enabled: true, k: 7 } }))).toBe(7);
    expect(floorKOf(floorOn)).toBe(2);
  });

  it('queues behind an earlier queued comment of the same group, so nothing overtakes it', () => {
    const comments = commentsBy(kuwait, [egypt, 'queued'], france);
    expect(decideFloor(floorOn, comments, nnws)).toMatchObject({ state: 'queued', code: 'earlier-comment-queued' });
    // The other group is not held back by it.
    expect(decideFloor(floorOn, commentsBy(kuwait, [egypt, 'queued']), voiceOf(authorOf(china))).state).toBe('published');
  });
});
