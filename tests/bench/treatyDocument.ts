import * as Y from 'yjs';
import { documentField } from '@concord/shared';

const clauses = [
  'Each State Party undertakes not to transfer to any recipient whatsoever nuclear weapons or other nuclear explosive devices',
  'or control over such weapons or explosive devices directly, or indirectly, and not in any way to assist, encourage, or induce',
  'any non-nuclear-weapon State to manufacture or otherwise acquire nuclear weapons, subject to the safeguards set forth in the',
  'agreement to be negotiated and concluded with the International Atomic Energy Agency in accordance with its Statute.',
];

/**
 * Writes a treaty-like document into `doc`: `paragraphs` draft paragraphs of ~250-450 characters, each with
 * its own id as Concord's schema asks, in front of what the document already holds (its first, empty paragraph).
 */
export function writeTreatyDocument(doc: Y.Doc, paragraphs: number): void {
  const blocks = Array.from({ length: paragraphs }, (_unused, index) => {
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.setAttribute('id', `treaty-paragraph-${index + 1}`);
    paragraph.setAttribute('status', 'draft');
    paragraph.setAttribute('role', 'operative');
    const sentence = clauses.slice(0, 2 + (index % 3)).join(' ');
    paragraph.insert(0, [new Y.XmlText(`${index + 1}. ${sentence}`)]);
    return paragraph;
  });
  doc.getXmlFragment(documentField).insert(0, blocks);
}

/** A small edit inside one paragraph, as a delegate's keystrokes would make. */
export function editTreatyParagraph(doc: Y.Doc, index: number, words: string): void {
  const paragraph = doc.getXmlFragment(documentField).get(index);
  if (!(paragraph instanceof Y.XmlElement)) return;
  const text = paragraph.get(0);
  if (text instanceof Y.XmlText) text.insert(Math.floor(text.length / 2), words);
}
