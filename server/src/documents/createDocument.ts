import type { CreateDocument, DocumentMeta } from '@concord/shared';
import type { Store } from '../storage/Store.ts';
import { newId, templateUpdate } from './templates.ts';

export { newId };

/**
 * The first content of an 'other' document: one empty draft paragraph, so that every client finds a paragraph
 * with an id to type into (the editor cannot give an empty document a paragraph the server would accept twice).
 */
export function initialContent(): Uint8Array {
  return templateUpdate('other');
}

/**
 * Creates a document and stores its first content, the outline of its kind (templates.ts). The template is
 * attributed to nobody: a paragraph's originator is the first delegation to write in it (DocumentLedger).
 */
export async function createDocument(store: Store, input: CreateDocument): Promise<DocumentMeta> {
  const meta: DocumentMeta = { id: newId(), title: input.title, kind: input.kind, session: input.session, createdAt: new Date().toISOString() };
  await store.createDocument(meta);
  await store.appendUpdate(meta.id, templateUpdate(meta.kind), 'create', null);
  return meta;
}
