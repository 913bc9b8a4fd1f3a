import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { documentField, groupMix } from '@concord/shared';
import { DocumentLedger } from './DocumentLedger.ts';
import { transactionEffect } from './touchedBlocks.ts';
import type { UpdateAuthor } from './UpdateAuthor.ts';

const author = (speaker: string, at: string, typedFor = false): UpdateAuthor => ({ userId: `user-${speaker}`, name: `Delegate of ${speaker}`, role: typedFor ? 'chair' : 'delegate', speaker, typedFor, at });

function paragraph(id: string, text: string): Y.XmlElement {
  const element = new Y.XmlElement('paragraph');
  element.setAttribute('id', id);
  const content = new Y.XmlText();
  content.insert(0, text);
  element.insert(0, [content]);
  return element;
}

/** A document whose every transaction is attributed to the author passed as its origin. */
function attributedDocument() {
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment(documentField);
  const ledger = new DocumentLedger();
  doc.on('afterTransaction', (transaction: Y.Transaction) => ledger.record(transactionEffect(transaction, fragment), transaction.origin as UpdateAuthor));
  return { doc, fragment, ledger };
}

describe('DocumentLedger', () => {
  it('records who created a paragraph and every delegation that changed it', () => {
    const { doc, fragment, ledger } = attributedDocument();
    doc.transact(() => fragment.insert(0, [paragraph('p-one', 'Recalls'), paragraph('p-two', 'Notes')]), author('FRA', '2026-11-30T10:00:00.000Z'));
    doc.transact(() => ((fragment.get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(7, ' with concern'), author('EGY', '2026-11-30T10:01:00.000Z'));
    doc.transact(() => ((fragment.get(0) as Y.XmlElement).get(0) as Y.XmlText).format(0, 7, { bold: {} }), author('EGY', '2026-11-30T10:01:30.000Z'));
    doc.transact(() => ((fragment.get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(0, 'Also '), author('EGY', '2026-11-30T10:02:31.000Z'));
    doc.transact(() => fragment.delete(1, 1), author('USA', '2026-11-30T10:03:00.000Z'));
    const first = ledger.paragraphs.get('p-one')!;
    expect(first.originator).toBe('FRA');
    expect(first.contributors).toEqual({
      FRA: { edits: 1, lastEditAt: '2026-11-30T10:00:00.000Z', typists: [] },
      // Two sessions: the second update came within a minute of the first, the third after a longer pause.
      EGY: { edits: 2, lastEditAt: '2026-11-30T10:02:31.000Z', typists: [] },
    });
    expect(groupMix(first)).toEqual({ NWS: 1, NNWS: 2 });
    // Deleting a paragraph is an edit of it, by the delegation that deleted it.
    expect(Object.keys(ledger.paragraphs.get('p-two')!.contributors).sort()).toEqual(['FRA', 'USA']);
  });

  it('names the typist when a chair types for a delegation', () => {
    const { doc, fragment, ledger } = attributedDocument();
    doc.transact(() => fragment.insert(0, [paragraph('p-one', 'Urges')]), author('MEX', '2026-11-30T10:00:00.000Z', true));
    const attribution = ledger.paragraphs.get('p-one')!;
    expect(attribution.originator).toBe('MEX');
    expect(attribution.originatorTypist).toEqual({ userId: 'user-MEX', name: 'Delegate of MEX', role: 'chair' });
    expect(attribution.contributors.MEX!.typists).toHaveLength(1);
  });

  it('binds the clients of an update to its author and survives serialisation', () => {
    const { doc, fragment, ledger } = attributedDocument();
    doc.transact(() => fragment.insert(0, [paragraph('p-one', 'Urges')]), author('IRL', '2026-11-30T10:00:00.000Z'));
    expect(ledger.clientOwners.get(doc.clientID)).toBe('user-IRL');
    const copy = DocumentLedger.parse(ledger.serialize());
    expect(copy.all()).toEqual(ledger.all());
    expect(copy.clientOwners).toEqual(ledger.clientOwners);
  });

  it('reports each changed paragraph once', () => {
    const { doc, fragment, ledger } = attributedDocument();
    doc.transact(() => fragment.insert(0, [paragraph('p-one', 'Urges')]), author('IRL', '2026-11-30T10:00:00.000Z'));
    expect(Object.keys(ledger.takeChanges())).toEqual(['p-one']);
    expect(ledger.takeChanges()).toEqual({});
  });
});
