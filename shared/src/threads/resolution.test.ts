import { describe, expect, it } from 'vitest';
import { threadRulesSchema } from './committeeRules.ts';
import { decideResolution } from './resolution.ts';
import { commentsBy, threadRecord, users } from './testFixtures.ts';

const { kuwait, france, chair, secretariat, observer } = users;
const open = threadRecord();
const balanced = commentsBy(kuwait, france);
const oneSided = commentsBy(kuwait, kuwait);

describe('decideResolution', () => {
  it('lets a chair resolve once both groups took part, recording no override', () => {
    expect(decideResolution(chair, open, balanced, undefined)).toEqual({ ok: true, code: 'all-groups-heard', overrideReason: null });
  });

  it('does not record a reason when nothing was overridden', () => {
    expect(decideResolution(chair, open, balanced, 'because')).toEqual({ ok: true, code: 'all-groups-heard', overrideReason: null });
  });

  it.each([
    ['no reason', undefined],
    ['an empty reason', ''],
    ['a reason of spaces', '   \n\t '],
  ])('refuses a one-sided thread with %s', (_name, reason) => {
    expect(decideResolution(chair, open, oneSided, reason)).toMatchObject({ ok: false, code: 'one-sided' });
  });

  it('names the missing groups', () => {
    const decision = decideResolution(chair, open, commentsBy(observer, chair), undefined);
    expect(decision).toMatchObject({ ok: false, code: 'one-sided' });
    expect(!decision.ok && decision.detail).toContain('missing: NWS, NNWS');
  });

  it('accepts a chair override with a written reason, trimmed', () => {
    expect(decideResolution(chair, open, oneSided, '  NWS delegations declined to comment in the meeting of 30 Nov.  ')).toEqual({
      ok: true,
      code: 'chair-override',
      overrideReason: 'NWS delegations declined to comment in the meeting of 30 Nov.',
    });
  });

  it('overrides an empty thread too (with a reason)', () => {
    expect(decideResolution(chair, open, [], 'duplicate of thread 2')).toMatchObject({ ok: true, code: 'chair-override' });
  });

  it('enforces the maximum reason length at the boundary', () => {
    const rules = threadRulesSchema.parse({ maxReasonLength: 10 });
    expect(decideResolution(chair, open, oneSided, 'x'.repeat(10), rules)).toMatchObject({ ok: true });
    expect(decideResolution(chair, open, oneSided, 'x'.repeat(11), rules)).toMatchObject({ ok: false, code: 'override-reason-too-long' });
    // Length counts after trimming.
    expect(decideResolution(chair, open, oneSided, `  ${'x'.repeat(10)}  `, rules)).toMatchObject({ ok: true });
  });

  it('refuses control characters in a reason', () => {
    expect(decideResolution(chair, open, oneSided, 'ok\u0000hidden')).toMatchObject({ ok: false, code: 'override-reason-invalid' });
  });

  it.each([
    ['delegate', kuwait],
    ['secretariat', secretariat],
    ['observer', observer],
    ['disabled chair', { ...chair, disabled: true }],
  ])('refuses a %s, even for a balanced thread or with a reason', (_name, actor) => {
    expect(decideResolution(actor, open, balanced, undefined)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(decideResolution(actor, open, oneSided, 'a good reason')).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('refuses to resolve a resolved thread', () => {
    expect(decideResolution(chair, threadRecord({ state: 'resolved' }), balanced, undefined)).toMatchObject({ ok: false, code: 'already-resolved' });
  });

  it('does not count queued comments of the missing group', () => {
    expect(decideResolution(chair, open, commentsBy(kuwait, [france, 'queued']), undefined)).toMatchObject({ ok: false, code: 'one-sided' });
  });
});
