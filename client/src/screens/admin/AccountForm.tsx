import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { emailSchema, type Affiliation, type Role, type User } from '@concord/shared';
import { Button } from '../../components/Button.tsx';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { Field } from '../../components/Field.tsx';
import { affiliationOf, draftOf, emptyMembership, type MembershipDraft } from './membershipDraft.ts';
import { MembershipFields } from './MembershipFields.tsx';

export interface AccountValues {
  name: string;
  email: string;
  role: Role;
  affiliation: Affiliation;
}

export interface AccountFormProps {
  /** The account being edited; absent for a new account (then the email is asked too). */
  user?: User;
  /** The secretariat's own account: its role stays, so nobody locks the secretariat out by mistake. */
  lockMembership?: boolean;
  title: string;
  submitLabel: string;
  submittingLabel: string;
  onSubmit: (values: AccountValues) => Promise<void>;
  onCancel: () => void;
}

/** Name, email (new accounts only), role and affiliation, checked before they are sent; the server checks again. */
export function AccountForm({ user, lockMembership = false, title, submitLabel, submittingLabel, onSubmit, onCancel }: AccountFormProps) {
  const { t } = useTranslation();
  const [name, setName] = useState(user?.name ?? '');
  const [email, setEmail] = useState(user?.email ?? '');
  const [membership, setMembership] = useState<MembershipDraft>(user === undefined ? emptyMembership : draftOf(user));
  const [checked, setChecked] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);

  const affiliation = affiliationOf(membership);
  const nameError = name.trim() === '' ? t('admin.form.required') : null;
  const emailError = user !== undefined ? null : email.trim() === '' ? t('admin.form.required') : emailSchema.safeParse(email).success ? null : t('admin.form.invalidEmail');

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setChecked(true);
    if (nameError !== null || emailError !== null || affiliation === null) return;
    setSubmitting(true);
    setError(null);
    try {
      await onSubmit({ name: name.trim(), email: email.trim(), role: membership.role, affiliation });
    } catch (caught) {
      setError(caught);
      setSubmitting(false);
    }
  };

  return (
    <form className="form panel" onSubmit={(event) => void submit(event)} noValidate aria-label={title}>
      <h2 className="panel__title">{title}</h2>
      {error !== null && <ErrorNotice error={error} />}
      <div className="form__row">
        <Field label={t('admin.form.name')} error={checked ? nameError : null} className="form__grow">
          {(control) => <input {...control} type="text" maxLength={120} required autoFocus value={name} onChange={(event) => setName(event.target.value)} />}
        </Field>
        {user === undefined && (
          <Field label={t('admin.form.email')} error={checked ? emailError : null} className="form__grow">
            {(control) => <input {...control} type="email" maxLength={254} required value={email} onChange={(event) => setEmail(event.target.value)} />}
          </Field>
        )}
      </div>
      <MembershipFields draft={membership} onChange={setMembership} affiliationError={checked && affiliation === null ? t('admin.form.required') : null} disabled={lockMembership} />
      <div className="form__actions">
        <Button type="submit" variant="primary" disabled={submitting}>
          {submitting ? submittingLabel : submitLabel}
        </Button>
        <Button onClick={onCancel}>{t('actions.cancel')}</Button>
      </div>
    </form>
  );
}
