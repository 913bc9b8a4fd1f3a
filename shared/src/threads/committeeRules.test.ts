import { describe, expect, it } from 'vitest';
import { nsaCommittee } from '../committee/committee.ts';
import { defaultThreadRules, threadRulesFor } from './committeeRules.ts';

describe('thread rules', () => {
  it('default to k = 2 and the floor off', () => {
    expect(defaultThreadRules).toEqual({ floorK: 2, floorOnByDefault: false, maxCommentLength: 4_000, maxExplanationLength: 1_000, maxReasonLength: 500, commentsPerMinute: 10 });
    expect(threadRulesFor(nsaCommittee)).toEqual(defaultThreadRules);
  });

  it('take overrides field by field', () => {
    expect(threadRulesFor({ id: 'other' }, { floorK: 3 })).toEqual({ ...defaultThreadRules, floorK: 3 });
  });

  it.each([
    ['a k of zero', { floorK: 0 }],
    ['a fractional k', { floorK: 1.5 }],
    ['a comment length over the hard cap', { maxCommentLength: 10_001 }],
  ])('refuse %s', (_name, overrides) => {
    expect(() => threadRulesFor(nsaCommittee, overrides)).toThrow();
  });
});
