import { useEffect, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { can, documentKindLabels, type DocumentMeta, type User } from '@concord/shared';
import { getDocument } from '../api/documents.ts';
import { useDiscussionStore } from '../discussion/useDiscussionStore.ts';
import { Button } from '../components/Button.tsx';
import { Notice } from '../components/Notice.tsx';
import { useDocumentTitle } from '../components/useDocumentTitle.ts';
import type { CollaborationSnapshot } from './collaboration/CollaborationSnapshot.ts';
import { useCollaborationSession } from './collaboration/useCollaborationSession.ts';
import { ConnectionStatus } from './ConnectionStatus.tsx';
import { DraftingEditor } from './DraftingEditor.tsx';
import { RefusalNotice } from './RefusalNotice.tsx';
import { useEditorStrings } from './useEditorStrings.ts';
import './editor.css';
import { addNamespaces } from '../i18n/namespaces.ts';
import { editorTexts } from '../editor/i18n/texts.ts';
import { discussionTexts } from '../discussion/i18n/texts.ts';
import { positionsTexts } from '../positions/i18n/texts.ts';

// This screen's texts come with its code, not in the first download.
addNamespaces({ editor: editorTexts, discussion: discussionTexts, positions: positionsTexts });

export interface EditorScreenProps {
  documentId: string;
  user: User;
}

const noSubscription = () => () => undefined;

/** The drafting room for one document: title, connection state, notices, the collaborative editor and its discussion. */
export function EditorScreen({ documentId, user }: EditorScreenProps) {
  const { t } = useTranslation('editor');
  const strings = useEditorStrings();
  const [meta, setMeta] = useState<DocumentMeta | null>(null);
  const [metaFailed, setMetaFailed] = useState(false);
  useEffect(() => {
    let live = true;
    getDocument(documentId).then(
      (document) => live && setMeta(document),
      () => live && setMetaFailed(true),
    );
    return () => {
      live = false;
    };
  }, [documentId]);
  const title = meta?.title ?? (metaFailed ? t('screen.titleUnavailable') : t('screen.loadingTitle'));
  useDocumentTitle(title);

  const session = useCollaborationSession(documentId, user);
  const snapshot: CollaborationSnapshot | null = useSyncExternalStore(session?.subscribe ?? noSubscription, () => session?.getSnapshot() ?? null);
  const discussion = useDiscussionStore(documentId, session);
  const readOnly = !can(user, 'document.edit');

  return (
    <section className="drafting" aria-labelledby="drafting-title">
      <header className="drafting__header">
        <div className="drafting__heading">
          <h1 id="drafting-title" tabIndex={-1}>
            {title}
          </h1>
          {meta !== null && (
            <p className="drafting__meta">
              {documentKindLabels[meta.kind][strings.language]}
              {meta.session !== '' && ` · ${meta.session}`}
            </p>
          )}
        </div>
        <div className="drafting__indicators">
          {readOnly && (
            <p className="read-only-badge">
              <strong>{t('readOnly.badge')}</strong> <span className="read-only-badge__explanation">{t('readOnly.explanation')}</span>
            </p>
          )}
          {snapshot !== null && <ConnectionStatus display={snapshot.display} />}
        </div>
      </header>
      {snapshot?.stopped === 'signed-out' && <Notice tone="error">{t('session.ended')}</Notice>}
      {(snapshot?.stopped === 'account-changed' || snapshot?.stopped === 'refused-repeatedly') && (
        <Notice tone="error">
          <p>{snapshot.stopped === 'account-changed' ? t('session.changed') : t('refusal.repeated')}</p>
          <Button variant="primary" onClick={() => window.location.reload()}>
            {t('session.reload')}
          </Button>
        </Notice>
      )}
      {snapshot?.refusal != null && snapshot.stopped === null && <RefusalNotice refusal={snapshot.refusal} onDismiss={() => session?.dismissRefusal()} />}
      {session !== null && snapshot !== null && snapshot.stopped !== 'refused-repeatedly' && (
        <DraftingEditor key={snapshot.generation} session={session} snapshot={snapshot} user={user} strings={strings} discussion={discussion} />
      )}
    </section>
  );
}
