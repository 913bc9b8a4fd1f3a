import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { affiliationKindsByRole, nsaCommittee, roleLabels, roleSchema, type Role } from '@concord/shared';
import { Field } from '../../components/Field.tsx';
import { asLanguage } from '../../i18n/language.ts';
import type { MembershipDraft } from './membershipDraft.ts';

export interface MembershipFieldsProps {
  draft: MembershipDraft;
  onChange: (draft: MembershipDraft) => void;
  /** Shown under the affiliation picker when it is empty at submit. */
  affiliationError: string | null;
  disabled?: boolean;
}

/** The role, then whom the account speaks for: a delegation (chairs, delegates), an observer organisation, or the secretariat. */
export function MembershipFields({ draft, onChange, affiliationError, disabled = false }: MembershipFieldsProps) {
  const { t, i18n } = useTranslation();
  const language = asLanguage(i18n.language);
  const affiliationKind = affiliationKindsByRole[draft.role][0];
  // Delegations by group (NWS, NNWS), each sorted by name in the interface language.
  const delegationGroups = useMemo(() => {
    const collator = new Intl.Collator(language);
    return nsaCommittee.groups.map((group) => ({
      group,
      delegations: nsaCommittee.delegations.filter((delegation) => delegation.group === group.id).sort((a, b) => collator.compare(a.name[language], b.name[language])),
    }));
  }, [language]);
  const organisations = useMemo(() => {
    const collator = new Intl.Collator(language);
    return [...nsaCommittee.observerOrganisations].sort((a, b) => collator.compare(a.name[language], b.name[language]));
  }, [language]);

  return (
    <div className="form__row">
      <Field label={t('admin.form.role')}>
        {(control) => (
          <select {...control} value={draft.role} disabled={disabled} onChange={(event) => onChange({ ...draft, role: roleSchema.parse(event.target.value) })}>
            {roleSchema.options.map((role: Role) => (
              <option key={role} value={role}>
                {roleLabels[role][language]}
              </option>
            ))}
          </select>
        )}
      </Field>
      {affiliationKind === 'delegation' && (
        <Field label={t('admin.form.delegation')} error={affiliationError} className="form__grow">
          {(control) => (
            <select {...control} value={draft.delegationCode} disabled={disabled} required onChange={(event) => onChange({ ...draft, delegationCode: event.target.value })}>
              <option value="">{t('admin.form.choose')}</option>
              {delegationGroups.map(({ group, delegations }) => (
                <optgroup key={group.id} label={group.name[language]}>
                  {delegations.map((delegation) => (
                    <option key={delegation.code} value={delegation.code}>
                      {delegation.name[language]}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          )}
        </Field>
      )}
      {affiliationKind === 'observer' && (
        <Field label={t('admin.form.organisation')} error={affiliationError} className="form__grow">
          {(control) => (
            <select {...control} value={draft.organisationId} disabled={disabled} required onChange={(event) => onChange({ ...draft, organisationId: event.target.value })}>
              <option value="">{t('admin.form.choose')}</option>
              {organisations.map((organisation) => (
                <option key={organisation.id} value={organisation.id}>
                  {organisation.name[language]}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      {affiliationKind === 'secretariat' && <p className="form__note">{t('admin.form.secretariatAffiliation')}</p>}
    </div>
  );
}
