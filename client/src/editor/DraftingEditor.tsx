import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EditorContent } from '@tiptap/react';
import { can, type User } from '@concord/shared';
import type { ChangeVerdict, RefusedChangeReason } from './blocks/judgeDocumentChange.ts';
import type { CollaborationSession } from './collaboration/CollaborationSession.ts';
import type { CollaborationSnapshot } from './collaboration/CollaborationSnapshot.ts';
import { DiscussionPanel } from '../discussion/DiscussionPanel.tsx';
import type { DiscussionStore } from '../discussion/model/DiscussionStore.ts';
import { PresencePanel } from './presence/PresencePanel.tsx';
import { Toolbar } from './toolbar/Toolbar.tsx';
import { TypingForBanner, TypingForSelect } from './toolbar/TypingFor.tsx';
import { useDraftingEditor } from './useDraftingEditor.ts';
import type { EditorStrings } from './useEditorStrings.ts';

const guardNoticeMs = 6000;

interface DraftingEditorProps {
  session: CollaborationSession;
  snapshot: CollaborationSnapshot;
  user: User;
  strings: EditorStrings;
  /** The document's threads; null until created (the panel then waits). */
  discussion: DiscussionStore | null;
}

/** The drafting area of one local copy: tools, the text with its paragraph gutter, the discussion and who is present. */
export function DraftingEditor({ session, snapshot, user, strings, discussion }: DraftingEditorProps) {
  const { t } = useTranslation('editor');
  const toolbarRef = useRef<HTMLDivElement>(null);
  const [guardReason, setGuardReason] = useState<RefusedChangeReason | null>(null);
  const guardTimer = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(guardTimer.current), []);

  const onRefused = useCallback((verdict: Exclude<ChangeVerdict, { ok: true }>) => {
    setGuardReason(verdict.reason);
    window.clearTimeout(guardTimer.current);
    guardTimer.current = window.setTimeout(() => setGuardReason(null), guardNoticeMs);
  }, []);
  const onFocusToolbar = useCallback(() => {
    toolbarRef.current?.querySelector<HTMLElement>('button:not([disabled]), select:not([disabled])')?.focus();
  }, []);

  const editor = useDraftingEditor({ session, snapshot, user, strings, editorLabel: t('screen.editorLabel'), onRefused, onFocusToolbar });
  const self = useMemo(() => session.presenceUser(), [session, snapshot.typingFor]);
  const canEdit = can(user, 'document.edit');

  return (
    <div className="drafting__workspace drafting__workspace--discussion">
      <div className="drafting__main">
        {canEdit && editor !== null && (
          <div className="drafting__tools">
            <Toolbar
              editor={editor}
              user={user}
              strings={strings}
              ref={toolbarRef}
              extra={can(user, 'document.typeForDelegation') ? <TypingForSelect session={session} typingFor={snapshot.typingFor} user={user} strings={strings} /> : null}
            />
          </div>
        )}
        <TypingForBanner session={session} typingFor={snapshot.typingFor} strings={strings} />
        <p className="guard-notice" role="status">
          {guardReason !== null && t(`guard.${guardReason}`)}
        </p>
        {!snapshot.ready && <p className="drafting__waiting">{t('screen.waiting')}</p>}
        <div className={snapshot.ready ? 'drafting__page' : 'drafting__page drafting__page--waiting'}>
          <EditorContent editor={editor} />
        </div>
      </div>
      <div className="drafting__side">
        {discussion !== null && <DiscussionPanel store={discussion} editor={editor} user={user} strings={strings} textReady={snapshot.ready} />}
        {/* Scrolls on its own under the discussion: focusable, so that the keyboard can scroll it too. */}
        <div className="drafting__presence" tabIndex={0} role="region" aria-labelledby="presence-title">
          <PresencePanel provider={snapshot.provider} self={self} strings={strings} />
        </div>
      </div>
    </div>
  );
}
