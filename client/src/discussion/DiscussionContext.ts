import { createContext, useContext } from 'react';
import type { User } from '@concord/shared';
import type { ThreadView } from '../api/threads.ts';
import type { EditorStrings } from '../editor/useEditorStrings.ts';
import type { DocumentOutline } from './editor/documentOutline.ts';
import type { DiscussionStore } from './model/DiscussionStore.ts';

/** What every part of the discussion panel needs: the store, who is looking, and the text's outline. */
export interface DiscussionEnvironment {
  store: DiscussionStore;
  user: User;
  strings: EditorStrings;
  outline: DocumentOutline;
  /** Whether the text has loaded (before, no anchor can be said to be missing). */
  textReady: boolean;
  /** Whether the text has synced with the server, and which threads came in a full list (see anchorPresence). */
  textSynced: boolean;
  listedThreadIds: ReadonlySet<string>;
  isChair: boolean;
  canComment: boolean;
  /** Opens a thread in the panel and marks its anchor in the text (null closes it). */
  selectThread: (threadId: string | null) => void;
  /** Scrolls the text to the thread's anchor. */
  revealInText: (thread: ThreadView) => void;
}

export const DiscussionContext = createContext<DiscussionEnvironment | null>(null);

export function useDiscussion(): DiscussionEnvironment {
  const environment = useContext(DiscussionContext);
  if (environment === null) throw new Error('useDiscussion is used outside the discussion panel');
  return environment;
}
