import { describe, expect, it } from 'vitest';
import type { SnapshotBlock, SnapshotContent } from '@concord/shared';
import { compareContent } from '@concord/shared/snapshots/compareContent';
import { listLines, plainText, redlinePieces, segmentsOf, wordsByParagraph } from './redlineLayout.ts';

const none = { proposes: [], supports: [], opposes: [], reservation: [] };

function block(id: string, text: string, overrides: Partial<SnapshotBlock> = {}): SnapshotBlock {
  return {
    id,
    kind: 'paragraph',
    status: 'draft',
    role: 'operative',
    level: 0,
    alternativeOf: null,
    label: { number: '', alternative: 0 },
    runs: text === '' ? [] : [{ text, marks: [] }],
    items: [],
    attribution: { originator: null, contributors: [] },
    positions: none,
    ...overrides,
  };
}

const content = (...blocks: SnapshotBlock[]): SnapshotContent => ({ documentId: 'doc-1', title: 'T', kind: 'phase1-options-report', session: 'S', blocks });
const letters = (index: number) => `(${String.fromCharCode(96 + index)})`;

describe('the redline layout', () => {
  it('shows a renumbered paragraph with its former label and its status change', () => {
    const before = content(block('para-000001', 'Recalling the resolutions,', { label: { number: '1.', alternative: 0 } }), block('para-000002', 'Calls upon the States;', { label: { number: '2.', alternative: 0 } }));
    const after = content(block('para-000002', 'Calls upon the States;', { label: { number: '1.', alternative: 0 }, status: 'agreed' }));
    const comparison = compareContent(before, after);
    const kept = comparison.entries.find((entry) => entry.afterIds[0] === 'para-000002')!;
    const [piece] = redlinePieces(kept);
    expect(piece).toMatchObject({ labels: [{ number: '1.', alternative: 0 }], former: [{ number: '2.', alternative: 0 }], from: ['draft'], to: ['agreed'] });
    const removed = comparison.entries.find((entry) => entry.kind === 'removed')!;
    expect(redlinePieces(removed)[0]).toMatchObject({ after: undefined, labels: [{ number: '1.', alternative: 0 }], former: null, from: null, to: ['draft'] });
  });

  it('cuts a split paragraph into the paragraphs it became, the first naming where it came from', () => {
    const before = content(block('para-000001', 'Calls upon the nuclear-weapon States to reaffirm their assurances and requests the Secretariat to compile them;', { label: { number: '1.', alternative: 0 } }));
    const after = content(
      block('para-000001', 'Calls upon the nuclear-weapon States to reaffirm their assurances;', { label: { number: '1.', alternative: 0 } }),
      block('para-000009', 'Requests the Secretariat to compile them;', { label: { number: '2.', alternative: 0 } }),
    );
    const [entry] = compareContent(before, after).entries;
    expect(entry!.kind).toBe('split');
    const pieces = redlinePieces(entry!);
    expect(pieces.map((piece) => piece.labels.map((label) => label.number))).toEqual([['1.'], ['2.']]);
    // The first keeps its number; the new one does not claim the number of the paragraph it came from.
    expect(pieces.map((piece) => piece.former)).toEqual([null, null]);
    expect(plainText(pieces[1]!.words.filter((word) => word.op !== 'delete')).trim()).toMatch(/^Requests the Secretariat/);
    expect(wordsByParagraph(entry!.words)).toHaveLength(2);
  });

  it('lays out a list line by line with markers, an added item underlined whole', () => {
    const list = (id: string, items: string[]) =>
      block(id, '', { kind: 'orderedList', role: 'text', items: items.map((text) => ({ depth: 0, ordered: true, runs: [{ text, marks: [] }] })) });
    const comparison = compareContent(content(list('list-000001', ['first measure', 'second measure'])), content(list('list-000001', ['first measure', 'second measure', 'third measure'])));
    const [entry] = comparison.entries;
    const lines = listLines(entry!.words, entry!.before[0], entry!.after[0], letters);
    expect(lines.map((line) => [line.op, line.marker, plainText(line.words)])).toEqual([
      ['equal', '(a)', 'first measure'],
      ['equal', '(b)', 'second measure'],
      ['insert', '(c)', 'third measure'],
    ]);
  });

  it('joins neighbouring words of the same change into one stretch', () => {
    const comparison = compareContent(content(block('para-000001', 'to reaffirm their assurances')), content(block('para-000001', 'to recall and honour their assurances')));
    const segments = segmentsOf(comparison.entries[0]!.words);
    expect(segments.filter((segment) => segment.op !== 'equal').map((segment) => `${segment.op}:${segment.text}`)).toEqual(['delete:reaffirm', 'insert:recall and honour']);
    expect(segments.map((segment) => segment.text).join('')).toBe('to reaffirmrecall and honour their assurances');
  });
});
