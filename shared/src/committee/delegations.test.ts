import { describe, expect, it } from 'vitest';
import { delegationListSchema, nptDelegationListSchema, nptDelegations } from './delegations.ts';
import type { NptDelegation } from './delegations.ts';

const codes = nptDelegations.map((delegation) => delegation.code);

function issuesOf(result: { success: boolean; error?: { issues: Array<{ message: string; path: PropertyKey[] }> } }) {
  expect(result.success).toBe(false);
  return result.error?.issues ?? [];
}

describe('nptDelegations', () => {
  it('lists the 191 NPT States parties', () => {
    expect(nptDelegations).toHaveLength(191);
  });

  it('uses unique ISO 3166-1 alpha-3 codes', () => {
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^[A-Z]{3}$/);
  });

  it('has exactly the five nuclear-weapon States of article IX.3, all others being NNWS', () => {
    const nuclearWeaponStates = nptDelegations.filter((delegation) => delegation.group === 'NWS').map((delegation) => delegation.code);
    expect(nuclearWeaponStates.sort()).toEqual(['CHN', 'FRA', 'GBR', 'RUS', 'USA']);
    expect(nptDelegations.filter((delegation) => delegation.group === 'NNWS')).toHaveLength(186);
  });

  it('leaves out the UN Member States that are not parties: India, Israel, Pakistan, South Sudan', () => {
    for (const code of ['IND', 'ISR', 'PAK', 'SSD']) expect(codes).not.toContain(code);
  });

  it('includes the Holy See, the State of Palestine and the DPRK (whose withdrawal is disputed)', () => {
    expect(nptDelegations.find((delegation) => delegation.code === 'VAT')?.name).toEqual({ en: 'Holy See', fr: 'Saint-Siège' });
    expect(nptDelegations.find((delegation) => delegation.code === 'PSE')?.name).toEqual({ en: 'State of Palestine', fr: 'État de Palestine' });
    expect(codes).toContain('PRK');
  });

  it('names every State party in English and French', () => {
    for (const delegation of nptDelegations) {
      expect(delegation.name.en.trim(), delegation.code).not.toBe('');
      expect(delegation.name.fr.trim(), delegation.code).not.toBe('');
    }
  });
});

describe('delegation schemas', () => {
  const france: NptDelegation = { code: 'FRA', name: { en: 'France', fr: 'France' }, group: 'NWS' };
  const kuwait: NptDelegation = { code: 'KWT', name: { en: 'Kuwait', fr: 'Koweït' }, group: 'NNWS' };

  it('rejects a duplicate code, pointing at the repeat and its first occurrence', () => {
    const issues = issuesOf(delegationListSchema.safeParse([france, kuwait, { ...kuwait }]));
    expect(issues).toHaveLength(1);
    expect(issues[0]?.message).toBe('duplicate delegation code "KWT" (first at index 1)');
    expect(issues[0]?.path).toEqual([2, 'code']);
  });

  it('rejects a code that is not three capital letters', () => {
    const issues = issuesOf(delegationListSchema.safeParse([{ ...kuwait, code: 'kw' }]));
    expect(issues[0]?.message).toMatch(/ISO 3166-1 alpha-3/);
    expect(issues[0]?.path).toEqual([0, 'code']);
  });

  it('rejects an empty French name', () => {
    const issues = issuesOf(delegationListSchema.safeParse([{ ...kuwait, name: { en: 'Kuwait', fr: '  ' } }]));
    expect(issues[0]?.message).toBe('a French name is required');
    expect(issues[0]?.path).toEqual([0, 'name', 'fr']);
  });

  it('rejects an NPT list whose nuclear-weapon States are not the five of article IX.3', () => {
    const withSixth = nptDelegations.map((delegation) => (delegation.code === 'KWT' ? { ...delegation, group: 'NWS' as const } : delegation));
    const issues = issuesOf(nptDelegationListSchema.safeParse(withSixth));
    expect(issues[0]?.message).toBe(
      'the NPT has exactly 5 nuclear-weapon States (CHN, FRA, GBR, RUS, USA); this list marks 6 as NWS: CHN, FRA, KWT, RUS, GBR, USA',
    );
  });

  it('rejects a group that the NPT does not have', () => {
    const issues = issuesOf(nptDelegationListSchema.safeParse([{ ...kuwait, group: 'WEOG' }]));
    expect(issues.some((issue) => issue.path.join('.') === '0.group')).toBe(true);
  });
});
