import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can, documentKindLabels, type DocumentMeta, type User } from '@concord/shared';
import { listDocuments } from '../api/documents.ts';
import { Button } from '../components/Button.tsx';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { useDocumentTitle } from '../components/useDocumentTitle.ts';
import { asLanguage } from '../i18n/language.ts';
import { navigate } from '../routing/history.ts';
import { Link } from '../routing/Link.tsx';
import { paths } from '../routing/routes.ts';
import { groupDocuments, knownSessions } from './documents/groupDocuments.ts';
import { NewDocumentForm } from './documents/NewDocumentForm.tsx';

const newDocumentFormId = 'new-document';

/** Every document of the committee, by session and kind; chairs and the secretariat create new ones here. */
export function DocumentList({ user }: { user: User }) {
  const { t, i18n } = useTranslation();
  const language = asLanguage(i18n.language);
  useDocumentTitle(t('documents.title'));
  const [documents, setDocuments] = useState<DocumentMeta[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [creating, setCreating] = useState(false);
  const toggleRef = useRef<HTMLButtonElement>(null);

  const load = useCallback(async () => {
    setError(null);
    try {
      setDocuments(await listDocuments());
    } catch (caught) {
      setError(caught);
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const groups = useMemo(() => groupDocuments(documents ?? [], new Intl.Collator(language)), [documents, language]);
  const dateFormat = useMemo(() => new Intl.DateTimeFormat(language, { dateStyle: 'medium' }), [language]);
  const mayCreate = can(user, 'document.create');

  return (
    <section className="screen">
      <div className="screen__heading">
        <h1 tabIndex={-1}>{t('documents.title')}</h1>
        {mayCreate && (
          <Button ref={toggleRef} variant={creating ? 'secondary' : 'primary'} onClick={() => setCreating(!creating)} aria-expanded={creating} aria-controls={newDocumentFormId}>
            {t('documents.new.open')}
          </Button>
        )}
      </div>
      {creating && (
        <NewDocumentForm
          id={newDocumentFormId}
          sessions={knownSessions(groups)}
          onCreated={(document) => navigate(paths.document(document.id))}
          onCancel={() => {
            setCreating(false);
            toggleRef.current?.focus();
          }}
        />
      )}
      {error !== null && (
        <div className="stack">
          <ErrorNotice error={error} />
          <Button onClick={() => void load()}>{t('actions.retry')}</Button>
        </div>
      )}
      {documents === null && error === null && (
        <p className="muted" role="status">
          {t('app.loading')}
        </p>
      )}
      {documents !== null && documents.length === 0 && <p className="muted">{t('documents.empty')}</p>}
      {groups.map((group, index) => (
        <section key={group.session} className="session-group" aria-labelledby={`session-${index}`}>
          {/* Names and titles keep their own direction (dir=auto), whatever the interface language's. */}
          <h2 id={`session-${index}`} className="session-group__title" dir="auto">
            {group.session === '' ? t('documents.noSession') : group.session}
          </h2>
          {group.kinds.map((kindGroup) => (
            <div key={kindGroup.kind} className="kind-group">
              <h3 className="kind-group__title">
                {documentKindLabels[kindGroup.kind][language]}
                <span className="kind-group__count"> ({t('documents.count', { count: kindGroup.documents.length })})</span>
              </h3>
              <ul className="document-list">
                {kindGroup.documents.map((document) => (
                  <li key={document.id} className="document-list__item">
                    <Link to={paths.document(document.id)} className="document-list__link" dir="auto">
                      {document.title}
                    </Link>
                    <span className="document-list__meta">{t('documents.created', { date: dateFormat.format(new Date(document.createdAt)) })}</span>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </section>
      ))}
    </section>
  );
}
