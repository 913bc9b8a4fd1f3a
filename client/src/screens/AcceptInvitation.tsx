import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { passwordSchema } from '@concord/shared';
import { acceptInvitation } from '../api/invitations.ts';
import { Button } from '../components/Button.tsx';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { Field } from '../components/Field.tsx';
import { Notice } from '../components/Notice.tsx';
import { useDocumentTitle } from '../components/useDocumentTitle.ts';
import { Link } from '../routing/Link.tsx';
import { paths } from '../routing/routes.ts';
import { invitationTokenOf } from './invitation/invitationTokenOf.ts';

/** Reads the token once and takes it out of the address bar, so it stays out of the history and of screenshots. */
function takeTokenFromAddress(): string | null {
  const token = invitationTokenOf(window.location.hash);
  if (token !== null) window.history.replaceState(null, '', window.location.pathname);
  return token;
}

/** The page an invitation link opens: the invited person chooses a password (at least 12 characters), then signs in. */
export function AcceptInvitation() {
  const { t } = useTranslation();
  useDocumentTitle(t('invitation.title'));
  const [token] = useState(takeTokenFromAddress);
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [checked, setChecked] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);
  const [done, setDone] = useState(false);

  const tooShort = !passwordSchema.safeParse(password).success;
  const mismatch = password !== confirmation;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setChecked(true);
    if (token === null || tooShort || mismatch) return;
    setSubmitting(true);
    setError(null);
    try {
      await acceptInvitation({ token, password });
      setDone(true);
    } catch (caught) {
      setError(caught);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <section className="screen screen--narrow">
      <h1 tabIndex={-1}>{t('invitation.title')}</h1>
      {token === null && !done && <Notice tone="error">{t('invitation.missingToken')}</Notice>}
      {done && (
        <>
          <Notice tone="success">{t('invitation.done')}</Notice>
          <p>
            <Link to={paths.documents} className="button button--primary">
              {t('invitation.signIn')}
            </Link>
          </p>
        </>
      )}
      {token !== null && !done && (
        <>
          <p className="screen__intro">{t('invitation.intro')}</p>
          {error !== null && <ErrorNotice error={error} />}
          <form className="form" onSubmit={(event) => void submit(event)} noValidate>
            <Field label={t('invitation.password')} hint={t('invitation.passwordHint')} error={checked && tooShort ? t('invitation.tooShort') : null}>
              {(control) => (
                <input
                  {...control}
                  type="password"
                  name="new-password"
                  autoComplete="new-password"
                  minLength={12}
                  required
                  value={password}
                  onChange={(event) => setPassword(event.target.value)}
                />
              )}
            </Field>
            <Field label={t('invitation.confirm')} error={checked && !tooShort && mismatch ? t('invitation.mismatch') : null}>
              {(control) => (
                <input
                  {...control}
                  type="password"
                  name="confirm-password"
                  autoComplete="new-password"
                  required
                  value={confirmation}
                  onChange={(event) => setConfirmation(event.target.value)}
                />
              )}
            </Field>
            <div className="form__actions">
              <Button type="submit" variant="primary" disabled={submitting}>
                {submitting ? t('invitation.submitting') : t('invitation.submit')}
              </Button>
            </div>
          </form>
        </>
      )}
    </section>
  );
}
