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

/**
 * The label block `blockId` has now in the stored document ("PP 2", "3.", with its alternative rank), or null when
 * it has none (plain text, a heading) or is gone. Read from the store, so every instance answers the same.
 */
export async function paragraphLabelOf(store: Store, documentId: string, blockId: string): Promise<ParagraphLabel | null> {
  const { doc } = await readStoredDocument(store, documentId);
  try {
    const label = labelParagraphs(labelledBlocksOf(doc)).get(blockId);
    return label === undefined || (label.number === '' && label.alternative === 0) ? null : label;
  } finally {
    doc.destroy();
  }
}
