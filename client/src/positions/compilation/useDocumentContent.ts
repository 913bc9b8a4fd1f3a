import { useCallback, useEffect, useRef, useState } from 'react';
import type { SnapshotContent } from '@concord/shared';
import { getDocumentContent } from '../../api/documentContent.ts';

export interface DocumentContentState {
  content: SnapshotContent | null;
  /** The last fetch failed (what is shown, if anything, is older); null once one succeeds. */
  error: unknown;
  /** When the content shown was fetched. */
  fetchedAt: Date | null;
}

/**
 * The stored text of a document, read over HTTP (no collaboration session, so the reader does not show up among
 * those present in the room). `refresh` fetches it again; one request at a time, the last answer wins.
 */
export function useDocumentContent(documentId: string): DocumentContentState & { refresh: () => void } {
  const [state, setState] = useState<DocumentContentState>({ content: null, error: null, fetchedAt: null });
  const running = useRef(false);
  const again = useRef(false);
  const live = useRef(true);

  const refresh = useCallback(() => {
    if (running.current) {
      again.current = true;
      return;
    }
    running.current = true;
    void (async () => {
      do {
        again.current = false;
        try {
          const content = await getDocumentContent(documentId);
          if (live.current) setState({ content, error: null, fetchedAt: new Date() });
        } catch (error) {
          if (live.current) setState((previous) => ({ ...previous, error }));
        }
      } while (again.current && live.current);
      running.current = false;
    })();
  }, [documentId]);

  useEffect(() => {
    live.current = true;
    refresh();
    return () => {
      live.current = false;
    };
  }, [refresh]);

  return { ...state, refresh };
}
