import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Invitation, User } from '@concord/shared';
import { Button } from '../../components/Button.tsx';
import { asLanguage } from '../../i18n/language.ts';

export interface InvitationPanelProps {
  invitation: Invitation;
  user: User;
  onClose: () => void;
}

/** The one-time invitation link, shown once with a copy button; the server keeps only its hash. */
export function InvitationPanel({ invitation, user, onClose }: InvitationPanelProps) {
  const { t, i18n } = useTranslation();
  const language = asLanguage(i18n.language);
  const titleId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const linkRef = useRef<HTMLInputElement>(null);
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle');
  const expires = new Intl.DateTimeFormat(language, { dateStyle: 'long', timeStyle: 'short' }).format(new Date(invitation.expiresAt));

  useEffect(() => {
    headingRef.current?.focus();
  }, [invitation]);

  const copyLink = async () => {
    try {
      await navigator.clipboard.writeText(invitation.url);
      setCopy('copied');
    } catch {
      // No clipboard (an insecure context or a refused permission): select the link for a manual copy.
      linkRef.current?.select();
      setCopy('failed');
    }
  };

  return (
    <section className="panel panel--highlight" aria-labelledby={titleId}>
      <h2 id={titleId} ref={headingRef} tabIndex={-1} className="panel__title">
        {t('admin.invitation.title', { name: user.name })}
      </h2>
      <p>{t('admin.invitation.body', { email: user.email, expires })}</p>
      <div className="copy-field">
        <label className="visually-hidden" htmlFor={`${titleId}-link`}>
          {t('admin.invitation.link')}
        </label>
        <input id={`${titleId}-link`} ref={linkRef} className="copy-field__input" dir="ltr" type="text" readOnly value={invitation.url} onFocus={(event) => event.target.select()} />
        <Button variant="primary" onClick={() => void copyLink()}>
          {copy === 'copied' ? t('actions.copied') : t('actions.copy')}
        </Button>
      </div>
      <p className="copy-field__status" role="status">
        {copy === 'copied' ? t('actions.copied') : copy === 'failed' ? t('actions.copyFailed') : ''}
      </p>
      <div className="form__actions">
        <Button onClick={onClose}>{t('actions.close')}</Button>
      </div>
    </section>
  );
}
