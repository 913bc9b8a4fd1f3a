import { useEffect, useState, useSyncExternalStore } from 'react';
import { positionsApi } from '../api/positions.ts';
import { PositionsStore, type DiscussionFeed, type PositionsSnapshot } from './PositionsStore.ts';

/**
 * A document's positions and flags for a React screen: fetched at once, then live through `feed` (the
 * collaboration session, once open) with its `positions`, `flags` and `resync` messages.
 */
export function usePositionsStore(documentId: string, feed: DiscussionFeed | null): { store: PositionsStore; snapshot: PositionsSnapshot } {
  const [store] = useState(() => new PositionsStore(documentId, positionsApi));
  useEffect(() => {
    if (feed === null) {
      void store.refresh();
      return;
    }
    return store.connect(feed);
  }, [store, feed]);
  const snapshot = useSyncExternalStore(store.subscribe, store.getSnapshot);
  return { store, snapshot };
}
