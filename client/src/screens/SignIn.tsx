import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { nsaCommittee, type SessionInfo } from '@concord/shared';
import { signIn } from '../api/session.ts';
import { Button } from '../components/Button.tsx';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { Field } from '../components/Field.tsx';
import { Notice } from '../components/Notice.tsx';
import { useDocumentTitle } from '../components/useDocumentTitle.ts';
import { asLanguage } from '../i18n/language.ts';

export interface SignInProps {
  onSignedIn: (session: SessionInfo) => void;
  /** The session ended while the page was open (expired, revoked, account disabled). */
  sessionEnded: boolean;
}

/** Email and password. The server's answer says only "wrong" or "too many attempts, retry at...", never whether the email exists. */
export function SignIn({ onSignedIn, sessionEnded }: SignInProps) {
  const { t, i18n } = useTranslation();
  const language = asLanguage(i18n.language);
  useDocumentTitle(t('signIn.title'));
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitting(true);
    setError(null);
    try {
      onSignedIn(await signIn({ email, password }));
    } catch (caught) {
      setError(caught);
      setPassword('');
      setSubmitting(false);
    }
  };

  return (
    <section className="screen screen--narrow sign-in">
      <p className="sign-in__committee">{nsaCommittee.name[language]}</p>
      <h1 tabIndex={-1}>{t('signIn.title')}</h1>
      <p className="screen__intro">{t('signIn.intro')}</p>
      {sessionEnded && error === null && <Notice tone="info">{t('errors.unauthenticated')}</Notice>}
      {error !== null && <ErrorNotice error={error} />}
      <form className="form" onSubmit={(event) => void submit(event)} noValidate>
        <Field label={t('signIn.email')}>
          {(control) => (
            <input {...control} type="email" name="email" autoComplete="username" required value={email} onChange={(event) => setEmail(event.target.value)} />
          )}
        </Field>
        <Field label={t('signIn.password')}>
          {(control) => (
            <input
              {...control}
              type="password"
              name="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
          )}
        </Field>
        <div className="form__actions">
          <Button type="submit" variant="primary" disabled={submitting || email.trim() === '' || password === ''}>
            {submitting ? t('signIn.submitting') : t('signIn.submit')}
          </Button>
        </div>
      </form>
      <p className="screen__note">{t('signIn.noAccount')}</p>
    </section>
  );
}
