import { delegationByCode, nsaCommittee, roleLabels, type Affiliation, type Committee } from '@concord/shared';
import type { Language } from '../i18n/language.ts';

/** Whom an account speaks for, in the interface language: the delegation, the observer organisation, or the secretariat. */
export function affiliationLabel(affiliation: Affiliation, language: Language, committee: Committee = nsaCommittee): string {
  switch (affiliation.kind) {
    case 'delegation':
      return delegationByCode(affiliation.delegationCode, committee)?.name[language] ?? affiliation.delegationCode;
    case 'observer':
      return committee.observerOrganisations.find((organisation) => organisation.id === affiliation.organisationId)?.name[language] ?? affiliation.organisationId;
    case 'secretariat':
      return roleLabels.secretariat[language];
  }
}
