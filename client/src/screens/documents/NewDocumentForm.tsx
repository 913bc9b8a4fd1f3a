import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { documentKindLabels, documentKindSchema, type DocumentKind, type DocumentMeta } from '@concord/shared';
import { createDocument } from '../../api/documents.ts';
import { Button } from '../../components/Button.tsx';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { Field } from '../../components/Field.tsx';
import { asLanguage } from '../../i18n/language.ts';

export interface NewDocumentFormProps {
  id: string;
  sessions: readonly string[];
  onCreated: (document: DocumentMeta) => void;
  onCancel: () => void;
}

/** Title, kind and committee session of a new document (chairs and the secretariat). */
export function NewDocumentForm({ id, sessions, onCreated, onCancel }: NewDocumentFormProps) {
  const { t, i18n } = useTranslation();
  const language = asLanguage(i18n.language);
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<DocumentKind>('phase1-options-report');
  const [session, setSession] = useState(sessions[0] ?? '');
  const [checked, setChecked] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);
  const sessionListId = `${id}-sessions`;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setChecked(true);
    if (title.trim() === '' || session.trim() === '') return;
    setSubmitting(true);
    setError(null);
    try {
      onCreated(await createDocument({ title: title.trim(), kind, session: session.trim() }));
    } catch (caught) {
      setError(caught);
      setSubmitting(false);
    }
  };

  return (
    <form id={id} className="form panel" onSubmit={(event) => void submit(event)} noValidate aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="panel__title">
        {t('documents.new.title')}
      </h2>
      {error !== null && <ErrorNotice error={error} />}
      <div className="form__row">
        <Field label={t('documents.new.documentTitle')} error={checked && title.trim() === '' ? t('admin.form.required') : null} className="form__grow">
          {(control) => <input {...control} type="text" maxLength={200} required autoFocus value={title} onChange={(event) => setTitle(event.target.value)} />}
        </Field>
        <Field label={t('documents.new.kind')} hint={t('documents.new.templateHint')}>
          {(control) => (
            <select {...control} value={kind} onChange={(event) => setKind(documentKindSchema.parse(event.target.value))}>
              {documentKindSchema.options.map((option) => (
                <option key={option} value={option}>
                  {documentKindLabels[option][language]}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <Field label={t('documents.new.session')} hint={t('documents.new.sessionHint')} error={checked && session.trim() === '' ? t('admin.form.required') : null}>
        {(control) => (
          <input {...control} type="text" list={sessionListId} maxLength={100} required value={session} onChange={(event) => setSession(event.target.value)} />
        )}
      </Field>
      <datalist id={sessionListId}>
        {sessions.map((known) => (
          <option key={known} value={known} />
        ))}
      </datalist>
      <div className="form__actions">
        <Button type="submit" variant="primary" disabled={submitting}>
          {submitting ? t('documents.new.submitting') : t('documents.new.submit')}
        </Button>
        <Button onClick={onCancel}>{t('actions.cancel')}</Button>
      </div>
    </form>
  );
}
