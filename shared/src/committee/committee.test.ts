import { describe, expect, it } from 'vitest';
import { committeeSchema, delegationByCode, groupOf, nsaCommittee } from './committee.ts';
import type { Committee } from './committee.ts';

const smallCommittee: Committee = {
  id: 'regional-test',
  name: { en: 'A committee with other groups', fr: "Un comité avec d'autres groupes" },
  groups: [
    { id: 'AFRICA', name: { en: 'African Group', fr: "Groupe des États d'Afrique" } },
    { id: 'WEOG', name: { en: 'Western European and other States', fr: "Groupe des États d'Europe occidentale et autres États" } },
  ],
  delegations: [
    { code: 'KEN', name: { en: 'Kenya', fr: 'Kenya' }, group: 'AFRICA' },
    { code: 'NOR', name: { en: 'Norway', fr: 'Norvège' }, group: 'WEOG' },
  ],
  observerOrganisations: [],
};

describe('nsaCommittee', () => {
  it('bundles the NPT groups, the 191 States parties and the three observer organisations', () => {
    expect(nsaCommittee.groups.map((group) => group.id)).toEqual(['NWS', 'NNWS']);
    expect(nsaCommittee.delegations).toHaveLength(191);
    expect(nsaCommittee.observerOrganisations.map((organisation) => organisation.id)).toEqual(['IAEA', 'UNODA', 'UNIDIR']);
  });
});

describe('delegationByCode and groupOf', () => {
  it('find a delegation and its group', () => {
    expect(delegationByCode('GBR')?.name).toEqual({ en: 'United Kingdom', fr: 'Royaume-Uni' });
    expect(groupOf('FRA')?.id).toBe('NWS');
    expect(groupOf('KWT')?.id).toBe('NNWS');
    expect(groupOf('KWT')?.name.fr).toBe("États non dotés d'armes nucléaires");
  });

  it('return undefined for a State that is not a party', () => {
    expect(delegationByCode('IND')).toBeUndefined();
    expect(groupOf('ISR')).toBeUndefined();
  });

  it('work on any committee passed in', () => {
    expect(groupOf('NOR', smallCommittee)?.id).toBe('WEOG');
    expect(groupOf('FRA', smallCommittee)).toBeUndefined();
  });
});

describe('committeeSchema', () => {
  it('accepts a committee with groups of its own', () => {
    expect(committeeSchema.safeParse(smallCommittee).success).toBe(true);
  });

  it('rejects a delegation whose group the committee does not define', () => {
    const result = committeeSchema.safeParse({
      ...smallCommittee,
      delegations: [...smallCommittee.delegations, { code: 'FRA', name: { en: 'France', fr: 'France' }, group: 'NWS' }],
    });
    expect(result.error?.issues[0]?.message).toBe('delegation "FRA" is in group "NWS", which this committee does not define (groups: AFRICA, WEOG)');
    expect(result.error?.issues[0]?.path).toEqual(['delegations', 2, 'group']);
  });

  it('rejects duplicate delegation codes, group ids and observer ids', () => {
    const result = committeeSchema.safeParse({
      ...smallCommittee,
      groups: [...smallCommittee.groups, smallCommittee.groups[0]],
      delegations: [...smallCommittee.delegations, smallCommittee.delegations[1]],
      observerOrganisations: [nsaCommittee.observerOrganisations[0], nsaCommittee.observerOrganisations[0]],
    });
    const messages = result.error?.issues.map((issue) => issue.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        'duplicate delegation code "NOR" (first at index 1)',
        'duplicate observer organisation id "IAEA" (first at index 0)',
      ]),
    );
  });

  it('reports duplicate group ids once the fields themselves are valid', () => {
    const result = committeeSchema.safeParse({ ...smallCommittee, groups: [...smallCommittee.groups, smallCommittee.groups[1]] });
    expect(result.error?.issues.map((issue) => issue.message)).toEqual(['duplicate group id "WEOG" (first at index 1)']);
    expect(result.error?.issues[0]?.path).toEqual(['groups', 2, 'id']);
  });
});
