import { randomBytes } from 'node:crypto';
import * as Y from 'yjs';
import { documentField, type CreateDocument, type DocumentMeta } from '@concord/shared';
import type { Store } from '../storage/Store.ts';

/** A fresh random id for a document or a paragraph (URL-safe, 12 characters). */
export const newId = (): string => randomBytes(9).toString('base64url');

/**
 * The first content of a new document: one empty draft paragraph, so that every client finds a paragraph with
 * an id to type into (the editor cannot give an empty document a paragraph the server would accept twice).
 */
export function initialContent(): Uint8Array {
  const doc = new Y.Doc();
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.setAttribute('id', newId());
  paragraph.setAttribute('status', 'draft');
  paragraph.setAttribute('role', 'text');
  paragraph.insert(0, [new Y.XmlText()]);
  doc.getXmlFragment(documentField).insert(0, [paragraph]);
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

/**
 * Creates a document and stores its first content. The template is attributed to nobody: a paragraph's
 * originator is the first delegation to write in it (DocumentLedger).
 */
export async function createDocument(store: Store, input: CreateDocument): Promise<DocumentMeta> {
  const meta: DocumentMeta = { id: newId(), title: input.title, kind: input.kind, session: input.session, createdAt: new Date().toISOString() };
  await store.createDocument(meta);
  await store.appendUpdate(meta.id, initialContent(), 'create', null);
  return meta;
}
