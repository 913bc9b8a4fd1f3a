import { describe, expect, it } from 'vitest';
import { nptObserverOrganisations, observerOrganisationListSchema } from './observers.ts';

describe('observer organisations', () => {
  it('names the IAEA, UNODA and UNIDIR in English and French', () => {
    expect(nptObserverOrganisations.map((organisation) => organisation.id)).toEqual(['IAEA', 'UNODA', 'UNIDIR']);
    for (const organisation of nptObserverOrganisations) {
      expect(organisation.name.en).not.toBe('');
      expect(organisation.name.fr).not.toBe('');
    }
  });

  it('can be extended with another organisation', () => {
    const extended = [...nptObserverOrganisations, { id: 'CTBTO', name: { en: 'CTBTO Preparatory Commission', fr: "Commission préparatoire de l'OTICE" } }];
    expect(observerOrganisationListSchema.parse(extended)).toHaveLength(4);
  });

  it('rejects a lower-case id', () => {
    const result = observerOrganisationListSchema.safeParse([{ id: 'iaea', name: { en: 'IAEA', fr: 'AIEA' } }]);
    expect(result.error?.issues[0]?.path).toEqual([0, 'id']);
  });
});
