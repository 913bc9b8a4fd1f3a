import { affiliationKindsByRole, nsaCommittee, roleLabels, type Affiliation, type Committee, type Role, type User } from '@concord/shared';
import { affiliationLabel } from '../../components/affiliationLabel.ts';
import type { Language } from '../../i18n/language.ts';

/** A role and affiliation being edited: both pickers keep their value while the role changes. */
export interface MembershipDraft {
  role: Role;
  delegationCode: string;
  organisationId: string;
}

export const emptyMembership: MembershipDraft = { role: 'delegate', delegationCode: '', organisationId: '' };

export function draftOf(user: Pick<User, 'role' | 'affiliation'>): MembershipDraft {
  const { affiliation } = user;
  return {
    role: user.role,
    delegationCode: affiliation.kind === 'delegation' ? affiliation.delegationCode : '',
    organisationId: affiliation.kind === 'observer' ? affiliation.organisationId : '',
  };
}

/** The affiliation the role needs (affiliationKindsByRole), or null while its picker is empty. */
export function affiliationOf(draft: MembershipDraft): Affiliation | null {
  const kind = affiliationKindsByRole[draft.role][0];
  if (kind === 'secretariat') return { kind: 'secretariat' };
  if (kind === 'delegation') return draft.delegationCode === '' ? null : { kind: 'delegation', delegationCode: draft.delegationCode };
  if (kind === 'observer') return draft.organisationId === '' ? null : { kind: 'observer', organisationId: draft.organisationId };
  return null;
}

/** Whether the account matches a filter typed by the secretariat: name, email, role or affiliation, in either language. */
export function matchesFilter(user: User, filter: string, language: Language, committee: Committee = nsaCommittee): boolean {
  const words = filter.toLocaleLowerCase(language).split(/\s+/).filter((word) => word !== '');
  if (words.length === 0) return true;
  const code = user.affiliation.kind === 'delegation' ? user.affiliation.delegationCode : user.affiliation.kind === 'observer' ? user.affiliation.organisationId : '';
  const haystack = [user.name, user.email, roleLabels[user.role][language], affiliationLabel(user.affiliation, language, committee), code]
    .join(' ')
    .toLocaleLowerCase(language);
  return words.every((word) => haystack.includes(word));
}
