import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can, type DocumentMeta, type SnapshotSummary, type User } from '@concord/shared';
import { getDocument } from '../api/documents.ts';
import { getPublicKey, listSnapshots, type PublicKey } from '../api/snapshots.ts';
import { Button } from '../components/Button.tsx';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { useDocumentTitle } from '../components/useDocumentTitle.ts';
import { ComparePanel } from '../snapshots/compare/ComparePanel.tsx';
import { ExportPanel } from '../snapshots/exports/ExportPanel.tsx';
import { FreezeForm } from '../snapshots/list/FreezeForm.tsx';
import { SnapshotTable } from '../snapshots/list/SnapshotTable.tsx';
import { useSnapshotChecks } from '../snapshots/list/useSnapshotChecks.ts';
import { VerifyPanel } from '../snapshots/verify/VerifyPanel.tsx';
import '../snapshots/snapshots.css';
import { addNamespaces } from '../i18n/namespaces.ts';
import { snapshotsTexts } from '../snapshots/i18n/texts.ts';

// This screen's texts come with its code, not in the first download.
addNamespaces({ snapshots: snapshotsTexts });

export interface SnapshotsScreenProps {
  documentId: string;
  user: User;
}

/**
 * A document's snapshots and exports: freeze the text (chairs, secretariat), the snapshots with their fingerprint
 * and signature check, downloads of each (signed) and of the live text (DRAFT, unsigned), the comparison of two
 * versions, and the check of a downloaded file against its signature file.
 */
export function SnapshotsScreen({ documentId, user }: SnapshotsScreenProps) {
  const { t } = useTranslation('snapshots');
  const [meta, setMeta] = useState<DocumentMeta | null>(null);
  const [snapshots, setSnapshots] = useState<SnapshotSummary[] | null>(null);
  const [key, setKey] = useState<PublicKey | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [open, setOpen] = useState<string | null>(null);
  useDocumentTitle(meta === null ? t('screen.title') : `${t('screen.title')} · ${meta.title}`);

  const load = useCallback(async () => {
    setError(null);
    try {
      const [document, list, publicKey] = await Promise.all([getDocument(documentId), listSnapshots(documentId), getPublicKey()]);
      setMeta(document);
      setSnapshots(list);
      setKey(publicKey);
    } catch (caught) {
      setError(caught);
    }
  }, [documentId]);
  useEffect(() => {
    void load();
  }, [load]);
  const checks = useSnapshotChecks(snapshots, key);

  const onTaken = (snapshot: SnapshotSummary) => {
    setSnapshots((previous) => [...(previous ?? []).filter((other) => other.id !== snapshot.id), snapshot]);
    setOpen(snapshot.id);
  };

  return (
    <section className="snapshots-screen" aria-labelledby="snapshots-title">
      <header className="screen__heading">
        <div>
          <h1 id="snapshots-title" tabIndex={-1}>
            {t('screen.title')}
          </h1>
          {meta !== null && (
            <p className="snapshots-screen__document" dir="auto">
              {meta.title}
            </p>
          )}
        </div>
      </header>
      <p className="screen__intro">{t('screen.intro')}</p>
      <nav className="snapshots-screen__toc" aria-label={t('screen.onThisPage')}>
        <ul>
          <li>
            <a href="#snapshots-list">{t('list.title')}</a>
          </li>
          <li>
            <a href="#live-text">{t('live.title')}</a>
          </li>
          <li>
            <a href="#compare">{t('compare.title')}</a>
          </li>
          <li>
            <a href="#verify">{t('verify.title')}</a>
          </li>
        </ul>
      </nav>
      {error !== null && (
        <div className="stack">
          <ErrorNotice error={error} />
          <Button onClick={() => void load()}>{t('screen.retry')}</Button>
        </div>
      )}

      {can(user, 'snapshot.create') && <FreezeForm documentId={documentId} onTaken={onTaken} />}

      <section id="snapshots-list" className="snapshots-screen__section" aria-labelledby="snapshots-list-title">
        <h2 id="snapshots-list-title">{t('list.title')}</h2>
        {snapshots === null ? (
          error === null && (
            <p className="muted" role="status">
              {t('screen.loading')}
            </p>
          )
        ) : snapshots.length === 0 ? (
          <p className="muted">{can(user, 'snapshot.create') ? t('list.emptyChair') : t('list.empty')}</p>
        ) : (
          <>
            <p className="screen__intro">{t('list.intro', { keyId: key?.keyId ?? '' })}</p>
            <SnapshotTable snapshots={snapshots} checks={checks} keyId={key?.keyId ?? null} open={open} onOpen={setOpen} />
          </>
        )}
      </section>

      <section id="live-text" className="panel snapshots-screen__live" aria-labelledby="live-text-title">
        <h2 id="live-text-title" className="panel__title">
          {t('live.title')} <span className="draft-badge">{t('live.badge')}</span>
        </h2>
        <p className="screen__intro">{t('live.intro')}</p>
        <ExportPanel target={{ kind: 'live', documentId }} label={t('live.downloadLabel')} />
      </section>

      <section id="compare" className="snapshots-screen__section" aria-labelledby="compare-title">
        <h2 id="compare-title">{t('compare.title')}</h2>
        <p className="screen__intro">{t('compare.intro')}</p>
        {snapshots !== null && <ComparePanel snapshots={snapshots} />}
      </section>

      <div id="verify">
        <VerifyPanel signedIn />
      </div>
    </section>
  );
}
