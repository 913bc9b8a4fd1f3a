import * as Y from 'yjs';
import { documentField } from '@concord/shared';

/** A clientID of its own, far from the random ones of the load clients (any fixed value works). */
const templateClientId = 1;

/**
 * The first content of every document on the reference server: one empty draft paragraph, the structure that
 * Concord gives a new document (server/src/documents/createDocument.ts), so that both servers' clients type
 * into the same kind of Y.XmlText. Written under a fixed clientID with a fixed paragraph id, it is the same
 * update every time: applying it again to a document reloaded from LevelDB changes nothing.
 */
export function referenceTemplate(): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = templateClientId;
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.setAttribute('id', 'reference-first-paragraph');
  paragraph.setAttribute('status', 'draft');
  paragraph.setAttribute('role', 'text');
  paragraph.insert(0, [new Y.XmlText()]);
  doc.getXmlFragment(documentField).insert(0, [paragraph]);
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}
