import * as Y from 'yjs';
import { documentField, labelParagraphs, paragraphRoleSchema, type LabelledBlock, type ParagraphLabel } from '@concord/shared';
import { readStoredDocument } from '../collaboration/Room.ts';
import type { Store } from '../storage/Store.ts';

/** The top-level blocks of a document as paragraph numbering sees them (role and alternative). */
export function labelledBlocksOf(doc: Y.Doc): LabelledBlock[] {
  const blocks: LabelledBlock[] = [];
  for (const element of doc.getXmlFragment(documentField).toArray()) {
    if (!(element instanceof Y.XmlElement)) continue;
    const id = element.getAttribute('id');
    if (typeof id !== 'string') continue;
    const paragraph = element.nodeName === 'paragraph';
    const role = paragraphRoleSchema.safeParse(element.getAttribute('role'));
    const alternativeOf = element.getAttribute('alternativeOf');
    blocks.push({ id, role: paragraph && role.success ? role.data : 'text', alternativeOf: paragraph && typeof alternativeOf === 'string' ? alternativeOf : null });
  }
  return blocks;
}

/** The label of block `blockId` in `doc` ("PP 2", "3.", with its alternative rank), or null when it has none or is gone. */
export function paragraphLabelIn(doc: Y.Doc, blockId: string): ParagraphLabel | null {
  const label = labelParagraphs(labelledBlocksOf(doc)).get(blockId);
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
