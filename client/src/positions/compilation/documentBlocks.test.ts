import { describe, expect, it } from 'vitest';
import { snapshotContentSchema, type SnapshotBlock } from '@concord/shared';
import { documentBlocks, openingWords } from './documentBlocks.ts';

const noOne = { originator: null, contributors: [] };
const noPositions = { proposes: [], supports: [], opposes: [], reservation: [] };
const block = (id: string, kind: SnapshotBlock['kind'], text: string, extra: Partial<SnapshotBlock> = {}): SnapshotBlock => ({
  id,
  kind,
  status: 'draft',
  role: 'text',
  level: 0,
  alternativeOf: null,
  label: { number: '', alternative: 0 },
  runs: text === '' ? [] : [{ text, marks: [] }],
  items: [],
  attribution: noOne,
  positions: noPositions,
  ...extra,
});

// Checked against the shared schema: the fixture is what the content route answers.
const content = snapshotContentSchema.parse({
  documentId: 'document-1',
  title: 'Negative security assurances',
  kind: 'phase1-options-report',
  session: '2026, first session',
  blocks: [
    block('heading1', 'heading', 'Preamble', { level: 2 }),
    block('pp00001', 'paragraph', 'Recalling the Treaty,', { role: 'preambular', label: { number: 'PP 1', alternative: 0 } }),
    block('op00001', 'paragraph', '', { role: 'operative', status: 'agreed', label: { number: '1.', alternative: 0 }, runs: [{ text: 'Decides ', marks: [] }, { text: 'to negotiate,', marks: ['bracket'] }] }),
    block('alt0001', 'paragraph', 'Decides to consider,', { role: 'operative', alternativeOf: 'op00001', label: { number: '1.', alternative: 1 } }),
    block('list0001', 'bulletList', '', { items: ['First item', 'Second item'].map((text) => ({ depth: 0, ordered: false, runs: [{ text, marks: [] }] })) }),
  ],
});

describe('documentBlocks', () => {
  it('reads the stored blocks in order, numbered as the server labels them, with their plain text', () => {
    expect(documentBlocks(content)).toEqual([
      { blockId: 'heading1', type: 'heading', number: '', alternative: 0, status: 'draft', level: 2, text: 'Preamble' },
      { blockId: 'pp00001', type: 'paragraph', number: 'PP 1', alternative: 0, status: 'draft', level: null, text: 'Recalling the Treaty,' },
      { blockId: 'op00001', type: 'paragraph', number: '1.', alternative: 0, status: 'agreed', level: null, text: 'Decides to negotiate,' },
      { blockId: 'alt0001', type: 'paragraph', number: '1.', alternative: 1, status: 'draft', level: null, text: 'Decides to consider,' },
      { blockId: 'list0001', type: 'bulletList', number: '', alternative: 0, status: 'draft', level: null, text: 'First item\nSecond item' },
    ]);
  });
});

describe('openingWords', () => {
  it('names an unnumbered paragraph by its first words', () => {
    expect(openingWords('  The nuclear-weapon States   undertake not to use or threaten to use nuclear weapons ')).toBe('The nuclear-weapon States undertake not to use or');
    expect(openingWords('')).toBe('');
  });
});
