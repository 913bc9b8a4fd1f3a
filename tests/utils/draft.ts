import * as Y from 'yjs';
import { documentField } from '@concord/shared';

/**
 * The text of a document's first paragraph: the server creates every document with one, so tests that type
 * text type into it, as an editor would. Only once the document has synced with the server.
 */
export function draftText(doc: Y.Doc): Y.XmlText {
  const first = doc.getXmlFragment(documentField).get(0);
  if (!(first instanceof Y.XmlElement)) throw new Error('the document has no paragraph yet: wait for the first sync');
  const text = first.get(0);
  if (!(text instanceof Y.XmlText)) throw new Error('the first paragraph holds no text');
  return text;
}

/** The plain text of every top-level block, one per line ('' for a document not synced yet). */
export function documentText(doc: Y.Doc): string {
  const lines: string[] = [];
  for (const block of doc.getXmlFragment(documentField).toArray()) {
    if (!(block instanceof Y.XmlElement)) continue;
    let line = '';
    for (const child of block.toArray()) {
      if (child instanceof Y.XmlText) line += child.toDelta().map((part: { insert: unknown }) => (typeof part.insert === 'string' ? part.insert : '')).join('');
    }
    lines.push(line);
  }
  return lines.join('\n');
}
