import type * as Y from 'yjs';
import { labelParagraphs, type ParagraphLabel } from '@concord/shared';
import { readStoredDocument } from '../collaboration/Room.ts';
import { documentBlocks } from '../snapshots/snapshotContentOf.ts';
import type { Store } from '../storage/Store.ts';

/** The label of block `blockId` in `doc` ("PP 2", "3.", with its alternative rank), or null when it has none or is gone. */
export function paragraphLabelIn(doc: Y.Doc, blockId: string): ParagraphLabel | null {
  const label = labelParagraphs([...documentBlocks(doc)]).get(blockId);
  return label === undefined || (label.number === '' && label.alternative === 0) ? null : label;
}

/**
 * The label block `blockId` has now: read in `open` (the document's room on this instance, a walk of its top-level
 * blocks) when there is one, else in the document rebuilt from the store.
 */
export async function paragraphLabelOf(store: Store, documentId: string, blockId: string, open: Y.Doc | null): Promise<ParagraphLabel | null> {
  if (open !== null) return paragraphLabelIn(open, blockId);
  const { doc } = await readStoredDocument(store, documentId);
  try {
    return paragraphLabelIn(doc, blockId);
  } finally {
    doc.destroy();
  }
}
