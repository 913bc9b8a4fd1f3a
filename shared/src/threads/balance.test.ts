import { describe, expect, it } from 'vitest';
import type { Committee } from '../committee/committee.ts';
import { groupColumns, threadBalance, threadsLackingInput } from './balance.ts';
import { commentsBy, threadRecord, users } from './testFixtures.ts';

const { kuwait, egypt, france, china, chair, secretariat, observer } = users;

describe('threadBalance', () => {
  it('an empty thread: no group heard, no ratio', () => {
    const balance = threadBalance([]);
    expect(balance.indicator).toEqual({ kind: 'none' });
    expect(balance.ratio).toBeNull();
    expect(balance.groups).toEqual([
      { groupId: 'NWS', comments: 0, delegations: [] },
      { groupId: 'NNWS', comments: 0, delegations: [] },
    ]);
  });

  it('counts comments and distinct delegations per group', () => {
    const balance = threadBalance(commentsBy(kuwait, egypt, kuwait, france));
    expect(balance.groups).toEqual([
      { groupId: 'NWS', comments: 1, delegations: ['FRA'] },
      { groupId: 'NNWS', comments: 3, delegations: ['EGY', 'KWT'] },
    ]);
    expect(balance.delegations).toEqual(['EGY', 'FRA', 'KWT']);
    expect(balance.indicator).toEqual({ kind: 'all' });
    expect(balance.ratio).toBeCloseTo(1 / 3);
  });

  it.each([
    ['only NNWS', [kuwait, egypt], { kind: 'only', heard: ['NNWS'], missing: ['NWS'] }, 0],
    ['only NWS', [france, china], { kind: 'only', heard: ['NWS'], missing: ['NNWS'] }, 0],
    ['both, even', [france, kuwait], { kind: 'all' }, 1],
    ['only observers', [observer, observer], { kind: 'none' }, null],
    ['chair only', [chair], { kind: 'none' }, null],
    ['secretariat and chair with one NWS delegate', [secretariat, chair, france], { kind: 'only', heard: ['NWS'], missing: ['NNWS'] }, 0],
  ] as const)('%s', (_name, authors, indicator, ratio) => {
    const balance = threadBalance(commentsBy(...authors));
    expect(balance.indicator).toEqual(indicator);
    expect(balance.ratio).toBe(ratio);
  });

  it('keeps observers and presiding comments apart, out of the balance', () => {
    const balance = threadBalance(commentsBy(observer, chair, secretariat, observer, kuwait));
    expect(balance.observerComments).toBe(2);
    expect(balance.presidingComments).toBe(2);
    expect(balance.groups.map((group) => group.comments)).toEqual([0, 1]);
    // The chair represents Ireland (NNWS) but presides: the thread is still one-sided.
    expect(balance.delegations).toEqual(['KWT']);
  });

  it('counts only published comments: queued, rejected and hidden ones do not make a thread balanced', () => {
    for (const state of ['queued', 'rejected', 'hidden'] as const) {
      const balance = threadBalance(commentsBy(kuwait, [france, state]));
      expect(balance.indicator, state).toEqual({ kind: 'only', heard: ['NNWS'], missing: ['NWS'] });
    }
  });

  it('works with another committee and leaves out delegates it does not know', () => {
    const regional: Committee = {
      id: 'regional',
      name: { en: 'Regional', fr: 'Régional' },
      groups: [
        { id: 'AFRICA', name: { en: 'Africa', fr: 'Afrique' } },
        { id: 'WEOG', name: { en: 'WEOG', fr: 'GEOA' } },
        { id: 'GRULAC', name: { en: 'GRULAC', fr: 'GRULAC' } },
      ],
      delegations: [
        { code: 'EGY', name: { en: 'Egypt', fr: 'Égypte' }, group: 'AFRICA' },
        { code: 'FRA', name: { en: 'France', fr: 'France' }, group: 'WEOG' },
        { code: 'BRA', name: { en: 'Brazil', fr: 'Brésil' }, group: 'GRULAC' },
      ],
      observerOrganisations: [],
    };
    const comments = commentsBy(egypt, france).map((comment) => ({ ...comment, author: { ...comment.author, group: comment.author.affiliation === 'EGY' ? 'AFRICA' : 'WEOG' } }));
    const balance = threadBalance(comments, regional);
    expect(balance.indicator).toEqual({ kind: 'only', heard: ['AFRICA', 'WEOG'], missing: ['GRULAC'] });
    expect(balance.ratio).toBe(0);
  });
});

describe('groupColumns', () => {
  it('splits into NWS | NNWS columns in order, observers and presiding apart', () => {
    const comments = commentsBy(kuwait, france, observer, chair, egypt, [china, 'hidden']);
    const split = groupColumns(comments);
    expect(split.columns.map((column) => [column.groupId, column.comments.map((comment) => comment.id)])).toEqual([
      ['NWS', ['comment-2', 'comment-6']],
      ['NNWS', ['comment-1', 'comment-5']],
    ]);
    expect(split.observers.map((comment) => comment.id)).toEqual(['comment-3']);
    expect(split.presiding.map((comment) => comment.id)).toEqual(['comment-4']);
    expect(split.unaffiliated).toEqual([]);
  });

  it('puts a delegate of an unknown delegation apart rather than in a column', () => {
    const [comment] = commentsBy(kuwait);
    const split = groupColumns([{ ...comment!, author: { ...comment!.author, affiliation: 'XXX', group: null } }]);
    expect(split.unaffiliated).toHaveLength(1);
    expect(split.columns.every((column) => column.comments.length === 0)).toBe(true);
  });
});

describe('threadsLackingInput', () => {
  it('lists open threads missing a group, not balanced or resolved ones', () => {
    const lacking = threadsLackingInput([
      { thread: threadRecord({ id: 'one-sided' }), comments: commentsBy(kuwait, egypt) },
      { thread: threadRecord({ id: 'balanced' }), comments: commentsBy(kuwait, france) },
      { thread: threadRecord({ id: 'resolved', state: 'resolved' }), comments: commentsBy(france) },
      { thread: threadRecord({ id: 'observers-only' }), comments: commentsBy(observer, chair) },
    ]);
    expect(lacking).toEqual([
      { threadId: 'one-sided', missing: ['NWS'] },
      { threadId: 'observers-only', missing: ['NWS', 'NNWS'] },
    ]);
  });

  it('is empty for a document without threads', () => {
    expect(threadsLackingInput([])).toEqual([]);
  });
});
