import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { Editor } from '@tiptap/core';
import { can, type User } from '@concord/shared';
import type { ThreadView } from '../api/threads.ts';
import { Button } from '../components/Button.tsx';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { showActiveThread } from '../editor/schema/CommentAnchor.ts';
import type { EditorStrings } from '../editor/useEditorStrings.ts';
import { useSearchParameter } from '../routing/history.ts';
import { ChairQueue } from './ChairQueue.tsx';
import { DiscussionContext, type DiscussionEnvironment } from './DiscussionContext.ts';
import { DiscussionHeader } from './DiscussionHeader.tsx';
import { commentTarget } from './editor/commentTarget.ts';
import { revealActiveAnchor } from './editor/revealAnchor.ts';
import { trackRange } from './editor/trackedRange.ts';
import { useCommentTarget } from './editor/useCommentTarget.ts';
import { useDocumentOutline } from './editor/useDocumentOutline.ts';
import { useFitToViewport } from './editor/useFitToViewport.ts';
import type { DiscussionStore } from './model/DiscussionStore.ts';
import { discussionSummary, filterShowing, filterThreads, queuedComments, sortThreads, type ThreadFilter } from './model/threadListing.ts';
import { NewThreadForm, type Composition } from './NewThreadForm.tsx';
import { paragraphName } from './thread/ThreadAnchor.tsx';
import { ThreadList } from './ThreadList.tsx';
import { useEditorHooks } from './editor/useEditorHooks.ts';
import { useMountedEditor } from './editor/useMountedEditor.ts';
import './discussion.css';

export interface DiscussionPanelProps {
  store: DiscussionStore;
  editor: Editor | null;
  user: User;
  strings: EditorStrings;
  textReady: boolean;
}

/**
 * The discussion beside the text (issue 5): the document's threads in the order of their paragraphs, pinned
 * first, each with its balance between the groups; opening a thread, replying, following; and for chairs the
 * moderation controls and the queue of comments held by the alternating floor. The server decides everything.
 */
export function DiscussionPanel({ store, editor: givenEditor, user, strings, textReady }: DiscussionPanelProps) {
  const { t } = useTranslation('discussion');
  const editor = useMountedEditor(givenEditor);
  const snapshot = useSyncExternalStore(store.subscribe, store.getSnapshot);
  const { outline, refresh } = useDocumentOutline(editor);
  const canEdit = can(user, 'document.edit');
  const canComment = can(user, 'document.comment');
  const isChair = can(user, 'document.moderate');
  const target = useCommentTarget(editor, canEdit);
  const [filter, setFilter] = useState<ThreadFilter>('open');
  const [queueShown, setQueueShown] = useState(false);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [composition, setComposition] = useState<Composition | null>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const panelRef = useRef<HTMLElement>(null);
  useFitToViewport(panelRef);

  const threadsById = useMemo(() => new Map(snapshot.threads.map((thread) => [thread.id, thread])), [snapshot.threads]);
  const selected = selectedId === null ? undefined : threadsById.get(selectedId);
  const summary = useMemo(() => discussionSummary(snapshot.threads), [snapshot.threads]);
  const listed = useMemo(() => sortThreads(filterThreads(snapshot.threads, filter), outline.order), [snapshot.threads, filter, outline.order]);
  // The open thread stays on screen when it leaves the filter (resolved just now, say), apart, until it is closed.
  const kept = selected !== undefined && !listed.includes(selected) ? selected : null;
  const queueCount = useMemo(() => (isChair ? queuedComments(snapshot.threads).length : 0), [isChair, snapshot.threads]);

  const selectThread = useCallback(
    (threadId: string | null) => {
      setSelectedId(threadId);
      const thread = threadId === null ? undefined : threadsById.get(threadId);
      if (thread === undefined) return;
      setQueueShown(false);
      setFilter((current) => filterShowing(thread, current));
    },
    [threadsById],
  );
  const revealInText = useCallback(
    (thread: ThreadView) => {
      if (editor === null || editor.isDestroyed) return;
      showActiveThread(editor.view, { threadId: thread.id, blockId: thread.anchor.blockId });
      revealActiveAnchor(editor.view, true);
    },
    [editor],
  );

  const startComposing = useCallback(() => {
    if (editor === null || editor.isDestroyed || !canComment) return;
    const now = commentTarget(editor.state, canEdit);
    if (now.kind === 'none') return;
    setQueueShown(false);
    setComposition(
      now.kind === 'range'
        ? { anchor: { kind: 'range', blockId: now.blockId, quote: now.quote }, reason: null, range: trackRange(editor.state, now.from, now.to) }
        : { anchor: { kind: 'paragraph', blockId: now.blockId }, reason: now.reason, range: null },
    );
  }, [editor, canComment, canEdit]);

  useEditorHooks(editor, { onAnchorClick: selectThread, onCommentShortcut: startComposing });

  // A notification links to `?thread=<id>`: open that thread once it is loaded, once per link followed.
  const requestedThread = useSearchParameter('thread');
  const openedFromLink = useRef<string | null>(null);
  const requestedLoaded = requestedThread !== null && threadsById.has(requestedThread);
  useEffect(() => {
    if (!requestedLoaded || openedFromLink.current === requestedThread) return;
    openedFromLink.current = requestedThread;
    selectThread(requestedThread);
  }, [requestedLoaded, requestedThread, selectThread]);

  // The open thread's anchor is drawn stronger in the text; a thread opened from the text is brought into view here.
  const selectedBlockId = selected?.anchor.blockId ?? null;
  useEffect(() => {
    if (editor === null || editor.isDestroyed) return;
    showActiveThread(editor.view, { threadId: selectedId, blockId: selectedBlockId });
    if (selectedId !== null) revealActiveAnchor(editor.view, false);
  }, [editor, selectedId, selectedBlockId]);
  // The open thread (with its note, when it was kept after leaving the filter) is brought to the top of the panel.
  const keptId = kept?.id ?? null;
  useEffect(() => {
    const container = listRef.current;
    if (container == null) return;
    const target = keptId !== null ? '[data-testid="kept-thread"]' : selectedId === null ? null : `[data-thread-id="${CSS.escape(selectedId)}"]`;
    const item = target === null ? null : container.querySelector(target);
    // Scrolls the panel only (scrollIntoView would scroll the page too); the chair's queue starts at its top.
    if (item != null) container.scrollTop += item.getBoundingClientRect().top - container.getBoundingClientRect().top - 8;
    else if (queueShown) container.scrollTop = 0;
  }, [selectedId, keptId, queueShown, filter]);

  const environment: DiscussionEnvironment = useMemo(
    () => ({ store, user, strings, outline, textReady, textSynced: snapshot.textSynced, listedThreadIds: snapshot.listedThreadIds, isChair, canComment, selectThread, revealInText }),
    [store, user, strings, outline, textReady, snapshot.textSynced, snapshot.listedThreadIds, isChair, canComment, selectThread, revealInText],
  );
  const targetName = target.kind === 'none' ? null : paragraphName({ ...environment, t }, target.blockId);

  return (
    <DiscussionContext value={environment}>
      <aside className="discussion" aria-labelledby="discussion-title" ref={panelRef}>
        <DiscussionHeader
          summary={summary}
          filter={filter}
          onFilter={setFilter}
          target={canComment ? target : null}
          targetName={targetName}
          onComment={startComposing}
          queue={isChair ? { count: queueCount, shown: queueShown, onShow: setQueueShown } : null}
          compact={selected !== undefined && !queueShown}
        />
        <div className="discussion__scroll" ref={listRef}>
          {composition !== null && (
            <NewThreadForm
              key={JSON.stringify(composition.anchor)}
              composition={composition}
              editor={editor}
              onCancel={() => setComposition(null)}
              onCreated={(threadId) => {
                setComposition(null);
                refresh();
                setFilter('open');
                setSelectedId(threadId);
              }}
            />
          )}
          <div className="discussion__list">
            {snapshot.status === 'loading' && <p className="discussion__empty">{t('panel.loading')}</p>}
            {snapshot.loadError !== null && (
              <div className="discussion__load-error">
                <ErrorNotice error={snapshot.loadError} />
                <Button variant="secondary" onClick={() => void store.reload()}>
                  {t('panel.retry')}
                </Button>
              </div>
            )}
            {queueShown ? (
              <ChairQueue threads={snapshot.threads} onOpenThread={selectThread} />
            ) : (
              snapshot.status !== 'loading' && <ThreadList filter={filter} listed={listed} kept={kept} selectedId={selectedId} onFilter={setFilter} />
            )}
          </div>
        </div>
      </aside>
    </DiscussionContext>
  );
}
