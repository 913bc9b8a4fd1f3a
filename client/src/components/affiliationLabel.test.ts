import { describe, expect, it } from 'vitest';
import { affiliationLabel } from './affiliationLabel.ts';

describe('affiliationLabel', () => {
  it('names the delegation in the interface language', () => {
    expect(affiliationLabel({ kind: 'delegation', delegationCode: 'GBR' }, 'en')).toBe('United Kingdom');
    expect(affiliationLabel({ kind: 'delegation', delegationCode: 'GBR' }, 'fr')).toBe('Royaume-Uni');
  });

  it('names the observer organisation and the secretariat', () => {
    expect(affiliationLabel({ kind: 'observer', organisationId: 'IAEA' }, 'fr')).toBe("Agence internationale de l'énergie atomique");
    expect(affiliationLabel({ kind: 'secretariat' }, 'fr')).toBe('Secrétariat');
  });

  it('shows the code of a delegation the committee does not list', () => {
    expect(affiliationLabel({ kind: 'delegation', delegationCode: 'XXX' }, 'en')).toBe('XXX');
  });
});
