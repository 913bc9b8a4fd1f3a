import type { ThreadView } from '../../api/threads.ts';
import type { DocumentOutline } from './documentOutline.ts';

/**
 * Where a thread's anchor stands in the text as this page knows it:
 * - present: the paragraph is there, and for a range its mark too;
 * - pending: not found, but perhaps not arrived yet (nothing is said about it);
 * - detached: a range whose marked text was deleted (the thread stays with its paragraph);
 * - paragraph-gone: the paragraph itself was deleted.
 */
export type AnchorPresence = 'present' | 'pending' | 'detached' | 'paragraph-gone';

/** What the page knows of the text and the thread list, to tell "deleted" from "not arrived yet". */
export interface AnchorKnowledge {
  outline: DocumentOutline;
  /** The text has content to show. */
  textReady: boolean;
  /** The text has synced with the server at least once. */
  textSynced: boolean;
  /** Threads that came in a full list (DiscussionStore `listedThreadIds`). */
  listedThreadIds: ReadonlySet<string>;
}

/**
 * A new range thread reaches others (message 103, then HTTP) before its comment mark (written by its creator once
 * the server answered, then carried by the text's sync). So a missing mark means "deleted" only when this page saw
 * it and it went, or when the thread came in a full load of the list (it existed before: its mark was written
 * then) and the text has synced with the server since the page opened. The same holds for a paragraph created
 * just before a thread was opened on it. No timer: a mark that never arrives is never called deleted by mistake.
 */
export function anchorPresence(thread: Pick<ThreadView, 'id' | 'anchor'>, knowledge: AnchorKnowledge): AnchorPresence {
  const { outline, textReady, textSynced, listedThreadIds } = knowledge;
  const { blockId } = thread.anchor;
  const settled = textReady && textSynced && listedThreadIds.has(thread.id);
  if (!outline.blocks.has(blockId)) return textReady && (outline.seenBlockIds.has(blockId) || settled) ? 'paragraph-gone' : 'pending';
  if (thread.anchor.kind === 'paragraph' || outline.anchoredThreadIds.has(thread.id)) return 'present';
  return textReady && (outline.seenThreadIds.has(thread.id) || settled) ? 'detached' : 'pending';
}
