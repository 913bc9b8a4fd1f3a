import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { documentField, type Position } from '@concord/shared';
import { snapshotContentOf } from './snapshotContentOf.ts';

const meta = { id: 'doc-000001', title: 'Phase 1 options', kind: 'phase1-options-report' as const, session: '2027, first session' };

function block(name: string, attributes: Record<string, unknown>, children: Array<Y.XmlText | Y.XmlElement>): Y.XmlElement {
  const element = new Y.XmlElement(name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, value as string);
  element.insert(0, children);
  return element;
}

function text(parts: Array<[string, Record<string, unknown>?]>): Y.XmlText {
  const xmlText = new Y.XmlText();
  let index = 0;
  for (const [insert, attributes] of parts) {
    xmlText.insert(index, insert, attributes ?? {});
    index += insert.length;
  }
  return xmlText;
}

describe('snapshotContentOf', () => {
  it('freezes blocks with their labels, marks, lists, attribution and positions', () => {
    const doc = new Y.Doc();
    const root = doc.getXmlFragment(documentField);
    doc.transact(() => {
      root.insert(0, [
        block('heading', { id: 'head-000001', status: 'draft', level: 2 }, [text([['Recommendations']])]),
        block('paragraph', { id: 'para-000001', status: 'agreed', role: 'preambular', alternativeOf: null }, [text([['Recalling', { italic: {} }], [' the declarations,']])]),
        block('paragraph', { id: 'para-000002', status: 'draft', role: 'operative', alternativeOf: null }, [
          text([['Calls upon States to '], ['reaffirm', { bracket: {}, 'comment--x1': { threadId: 'thread-1' } }], [' them;']]),
          block('hardBreak', {}, []),
          text([['Second line']]),
        ]),
        block('paragraph', { id: 'para-000003', status: 'draft', role: 'operative', alternativeOf: 'para-000002' }, [text([['Urges States;']])]),
        block('orderedList', { id: 'list-000001', status: 'draft', start: 1, type: 'a' }, [
          block('listItem', {}, [block('paragraph', { id: 'item-000001', status: 'draft', role: 'text', alternativeOf: null }, [text([['first']])])]),
          block('listItem', {}, [
            block('paragraph', { id: 'item-000002', status: 'draft', role: 'text', alternativeOf: null }, [text([['second']])]),
            block('bulletList', { id: 'list-000002', status: 'draft' }, [block('listItem', {}, [block('paragraph', { id: 'item-000003', status: 'draft', role: 'text', alternativeOf: null }, [text([['nested']])])])]),
          ]),
        ]),
      ]);
    });
    const positions: Position[] = [
      { documentId: meta.id, blockId: 'para-000002', delegationCode: 'FRA', stance: 'opposes', explanation: null, recordedBy: 'user-france', recordedAt: '2027-05-01T10:00:00.000Z' },
      { documentId: meta.id, blockId: 'para-000002', delegationCode: 'EGY', stance: 'proposes', explanation: 'ours', recordedBy: 'user-egypt', recordedAt: '2027-05-01T10:00:00.000Z' },
    ];
    const attribution = { 'para-000002': { originator: 'EGY' as const, originatorTypist: null, createdAt: null, contributors: { FRA: { edits: 1, lastEditAt: '2027-05-01T10:00:00.000Z', typists: [] }, EGY: { edits: 2, lastEditAt: '2027-05-01T10:00:00.000Z', typists: [] } } } };
    const content = snapshotContentOf(doc, meta, attribution, positions);

    expect(content.blocks.map((frozen) => [frozen.id, frozen.kind, frozen.label.number, frozen.label.alternative])).toEqual([
      ['head-000001', 'heading', '', 0],
      ['para-000001', 'paragraph', 'PP 1', 0],
      ['para-000002', 'paragraph', '1.', 0],
      ['para-000003', 'paragraph', '1.', 1],
      ['list-000001', 'orderedList', '', 0],
    ]);
    expect(content.blocks[0]!.level).toBe(2);
    expect(content.blocks[1]!.runs).toEqual([{ text: 'Recalling', marks: ['italic'] }, { text: ' the declarations,', marks: [] }]);
    expect(content.blocks[2]!.runs).toEqual([
      { text: 'Calls upon States to ', marks: [] },
      { text: 'reaffirm', marks: ['bracket'] },
      { text: ' them;\nSecond line', marks: [] },
    ]);
    expect(content.blocks[2]!.attribution).toEqual({ originator: 'EGY', contributors: ['EGY', 'FRA'] });
    expect(content.blocks[2]!.positions).toEqual({ proposes: ['EGY'], supports: [], opposes: ['FRA'], reservation: [] });
    expect(content.blocks[4]!.items).toEqual([
      { depth: 0, ordered: true, runs: [{ text: 'first', marks: [] }] },
      { depth: 0, ordered: true, runs: [{ text: 'second', marks: [] }] },
      { depth: 1, ordered: false, runs: [{ text: 'nested', marks: [] }] },
    ]);
  });
});
