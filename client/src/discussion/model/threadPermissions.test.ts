import { describe, expect, it } from 'vitest';
import { authors, comment, threadView } from './threadFixtures.ts';
import { replyBlocker, resolutionNeed } from './threadPermissions.ts';

const chair = { role: 'chair', disabled: false } as const;
const delegate = { role: 'delegate', disabled: false } as const;
const observer = { role: 'observer', disabled: false } as const;

describe('replyBlocker', () => {
  it('lets delegates, observers and chairs reply in an open, unlocked thread', () => {
    const thread = threadView();
    expect(replyBlocker(delegate, thread)).toBeNull();
    expect(replyBlocker(observer, thread)).toBeNull();
    expect(replyBlocker(chair, thread)).toBeNull();
  });

  it('says why not: a disabled account, a resolved thread, a locked one', () => {
    expect(replyBlocker({ role: 'delegate', disabled: true }, threadView())).toBe('cannot-comment');
    expect(replyBlocker(delegate, threadView({ state: 'resolved', locked: true }))).toBe('resolved');
    expect(replyBlocker(chair, threadView({ locked: true }))).toBe('locked');
  });
});

describe('resolutionNeed (mirrors shared resolution.ts)', () => {
  it('needs nothing more once both groups have taken part', () => {
    expect(resolutionNeed(chair, threadView({}, [comment(authors.france), comment(authors.egypt)]))).toEqual({ kind: 'none' });
  });

  it('asks for an override reason naming the groups not heard (a chair’s or an observer’s comment does not count)', () => {
    expect(resolutionNeed(chair, threadView({}, [comment(authors.france), comment(authors.chair), comment(authors.iaea)]))).toEqual({ kind: 'override', missing: ['NNWS'] });
    expect(resolutionNeed(chair, threadView({}, [comment(authors.secretariat)]))).toEqual({ kind: 'override', missing: ['NWS', 'NNWS'] });
  });

  it('offers nothing to a delegate, nor for a thread already resolved', () => {
    const balanced = threadView({}, [comment(authors.france), comment(authors.egypt)]);
    expect(resolutionNeed(delegate, balanced)).toBeNull();
    expect(resolutionNeed(chair, { ...balanced, state: 'resolved' })).toBeNull();
  });
});
