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

  it('counts editing sessions by the UTC day each began, March apart from May', () => {
    const { doc, fragment, ledger } = attributedDocument();
    const text = () => (fragment.get(0) as Y.XmlElement).get(0) as Y.XmlText;
    doc.transact(() => fragment.insert(0, [paragraph('p-one', 'Urges')]), author('EGY', '2026-03-10T09:00:00.000Z'));
    doc.transact(() => text().insert(5, ' all'), author('EGY', '2026-03-10T09:00:30.000Z'));
    doc.transact(() => text().insert(0, 'Also '), author('EGY', '2026-05-04T23:59:30.000Z'));
    // Within a minute of the last change, past midnight: the same session, counted on the day it began.
    doc.transact(() => text().insert(0, 'And '), author('EGY', '2026-05-05T00:00:10.000Z'));
    doc.transact(() => text().insert(0, 'Yes '), author('FRA', '2026-05-05T08:00:00.000Z'));
    const byDay = (subject: DocumentLedger) => subject.dailyEdits().sort((left, right) => left.speaker.localeCompare(right.speaker) || left.day.localeCompare(right.day));
    expect(byDay(ledger)).toEqual([
      { speaker: 'EGY', day: '2026-03-10', edits: 1 },
      { speaker: 'EGY', day: '2026-05-04', edits: 1 },
      { speaker: 'FRA', day: '2026-05-05', edits: 1 },
    ]);
    expect(ledger.paragraphs.get('p-one')!.contributors.EGY!.edits).toBe(2);
    expect(byDay(DocumentLedger.parse(ledger.serialize()))).toEqual(byDay(ledger));
  });

  it('reads a ledger stored before days were kept, dating its sessions at each paragraph’s last edit', () => {
    // An old ledger's paragraph may record a contributor with no session yet (edits 0): nothing is dated for it.
    const stored = JSON.stringify({
      version: 1,
      paragraphs: {
        'p-one': { originator: 'FRA', originatorTypist: null, createdAt: '2026-03-01T10:00:00.000Z', contributors: { FRA: { edits: 3, lastEditAt: '2026-04-02T10:00:00.000Z', typists: [] } } },
        'p-two': {
          originator: 'FRA',
          originatorTypist: null,
          createdAt: '2026-03-01T10:00:00.000Z',
          contributors: { FRA: { edits: 1, lastEditAt: '2026-04-02T18:00:00.000Z', typists: [] }, EGY: { edits: 0, lastEditAt: '2026-04-03T18:00:00.000Z', typists: [] } },
        },
      },
      clientOwners: { '17': 'user-FRA' },
    });
    const ledger = DocumentLedger.parse(stored);
    expect(ledger.dailyEdits()).toEqual([{ speaker: 'FRA', day: '2026-04-02', edits: 4 }]);
    expect(ledger.clientOwners.get(17)).toBe('user-FRA');
    expect(() => DocumentLedger.parse(JSON.stringify({ version: 1, paragraphs: {}, clientOwners: {}, activity: { FRA: { 'April 2': 1 } } }))).toThrow();
    // Stored again, it keeps what it was read with, and still reads.
    expect(DocumentLedger.parse(ledger.serialize()).dailyEdits()).toEqual(ledger.dailyEdits());
  });
});
