import { describe, expect, it } from 'vitest';
import { affiliationSchema, membershipSchema, roleLabels, roleSchema } from './roles.ts';

describe('roles', () => {
  it('labels every role in English and French', () => {
    for (const role of roleSchema.options) {
      expect(roleLabels[role].en).not.toBe('');
      expect(roleLabels[role].fr).not.toBe('');
    }
  });

  it('rejects an unknown role', () => {
    expect(roleSchema.safeParse('rapporteur').success).toBe(false);
  });
});

describe('affiliationSchema', () => {
  it('accepts a delegation, an observer organisation or the secretariat', () => {
    expect(affiliationSchema.parse({ kind: 'delegation', delegationCode: 'KWT' })).toEqual({ kind: 'delegation', delegationCode: 'KWT' });
    expect(affiliationSchema.parse({ kind: 'observer', organisationId: 'IAEA' })).toEqual({ kind: 'observer', organisationId: 'IAEA' });
    expect(affiliationSchema.parse({ kind: 'secretariat' })).toEqual({ kind: 'secretariat' });
  });

  it('rejects an unknown kind and a delegation without a valid code', () => {
    expect(affiliationSchema.safeParse({ kind: 'press' }).error?.issues[0]?.path).toEqual(['kind']);
    expect(affiliationSchema.safeParse({ kind: 'delegation', delegationCode: 'Kuwait' }).error?.issues[0]?.path).toEqual(['delegationCode']);
  });
});

describe('membershipSchema', () => {
  it('accepts a chair who represents a delegation', () => {
    expect(membershipSchema.safeParse({ role: 'chair', affiliation: { kind: 'delegation', delegationCode: 'KWT' } }).success).toBe(true);
  });

  it('rejects an observer who claims to speak for a delegation', () => {
    const result = membershipSchema.safeParse({ role: 'observer', affiliation: { kind: 'delegation', delegationCode: 'FRA' } });
    expect(result.error?.issues[0]?.message).toBe('role "observer" needs an affiliation of kind "observer", not "delegation"');
    expect(result.error?.issues[0]?.path).toEqual(['affiliation', 'kind']);
  });

  it('rejects a delegate affiliated to the secretariat', () => {
    expect(membershipSchema.safeParse({ role: 'delegate', affiliation: { kind: 'secretariat' } }).success).toBe(false);
  });
});
