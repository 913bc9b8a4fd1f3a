import { useEffect, useState } from 'react';
import { threadsApi } from '../api/threads.ts';
import type { CollaborationSession } from '../editor/collaboration/CollaborationSession.ts';
import { DiscussionStore } from './model/DiscussionStore.ts';

/**
 * The document's discussion for the lifetime of the drafting room: one store per document, following the
 * session's live-update messages (a new local copy of the text keeps the same store, and what was typed in it).
 */
export function useDiscussionStore(documentId: string, session: CollaborationSession | null): DiscussionStore | null {
  const [store, setStore] = useState<DiscussionStore | null>(null);
  useEffect(() => {
    const created = new DiscussionStore(documentId, threadsApi);
    setStore(created);
    return () => {
      created.destroy();
      setStore(null);
    };
  }, [documentId]);
  useEffect(() => {
    if (store === null || session === null) return;
    return store.connect(session.subscribeDiscussion);
  }, [store, session]);
  return store;
}
