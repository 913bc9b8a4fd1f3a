import { describe, expect, it } from 'vitest';
import type { User } from '@concord/shared';
import { affiliationOf, draftOf, emptyMembership, matchesFilter } from './membershipDraft.ts';

const user = (overrides: Partial<User>): User => ({
  id: 'user-00001',
  email: 'delegate.egy@example.org',
  name: 'Amira Hassan',
  role: 'delegate',
  affiliation: { kind: 'delegation', delegationCode: 'EGY' },
  disabled: false,
  hasPassword: true,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...overrides,
});

describe('affiliationOf', () => {
  it('gives the affiliation kind the role needs, from the matching picker', () => {
    const draft = { role: 'chair' as const, delegationCode: 'KWT', organisationId: 'IAEA' };
    expect(affiliationOf(draft)).toEqual({ kind: 'delegation', delegationCode: 'KWT' });
    expect(affiliationOf({ ...draft, role: 'observer' })).toEqual({ kind: 'observer', organisationId: 'IAEA' });
    expect(affiliationOf({ ...draft, role: 'secretariat' })).toEqual({ kind: 'secretariat' });
  });

  it('gives none while the picker the role needs is empty', () => {
    expect(affiliationOf(emptyMembership)).toBeNull();
    expect(affiliationOf({ role: 'observer', delegationCode: 'FRA', organisationId: '' })).toBeNull();
  });

  it('reads back an account', () => {
    const observer = user({ role: 'observer', affiliation: { kind: 'observer', organisationId: 'IAEA' } });
    expect(affiliationOf(draftOf(observer))).toEqual(observer.affiliation);
    expect(affiliationOf(draftOf(user({})))).toEqual({ kind: 'delegation', delegationCode: 'EGY' });
  });
});

describe('matchesFilter', () => {
  const egypt = user({});
  it.each(['', 'amira', 'HASSAN amira', 'egy', 'Egypt', 'delegate'])('finds the account with %j in English', (filter) => {
    expect(matchesFilter(egypt, filter, 'en')).toBe(true);
  });

  it('matches the delegation name in the interface language', () => {
    expect(matchesFilter(egypt, 'Égypte', 'fr')).toBe(true);
    expect(matchesFilter(egypt, 'Égypte', 'en')).toBe(false);
  });

  it.each(['france', 'chair', 'amira france'])('does not find it with %j', (filter) => {
    expect(matchesFilter(egypt, filter, 'en')).toBe(false);
  });
});
