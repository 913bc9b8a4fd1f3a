import { describe, expect, it } from 'vitest';
import { getSchema } from '@tiptap/core';
import { Node as ProseMirrorNode } from '@tiptap/pm/model';
import type { ParagraphAttribution } from '@concord/shared';
import { topLevelBlocks } from '../blocks/topLevelBlocks.ts';
import { documentExtensions } from '../schema/documentExtensions.ts';
import { gutterEntries } from './gutterEntries.ts';

const schema = getSchema(documentExtensions({ assignIds: true }));
const paragraph = (id: string, role: string, extra: Record<string, unknown> = {}) => ({ type: 'paragraph', attrs: { id, status: 'draft', role, ...extra }, content: [{ type: 'text', text: id }] });

const doc = ProseMirrorNode.fromJSON(schema, {
  type: 'doc',
  content: [
    { type: 'heading', attrs: { id: 'heading1', status: 'draft', level: 1 }, content: [{ type: 'text', text: 'Preamble' }] },
    paragraph('pp00001', 'preambular'),
    paragraph('pp00002', 'preambular', { status: 'agreed' }),
    paragraph('op00001', 'operative'),
    paragraph('alt0001', 'operative', { alternativeOf: 'op00001' }),
    paragraph('op00002', 'operative', { status: 'agreed-ad-ref' }),
  ],
});

const attribution: ParagraphAttribution = {
  originator: 'FRA',
  originatorTypist: null,
  createdAt: '2026-11-30T10:00:00.000Z',
  contributors: {
    FRA: { edits: 2, lastEditAt: '2026-11-30T10:01:00.000Z', typists: [] },
    EGY: { edits: 3, lastEditAt: '2026-11-30T10:02:00.000Z', typists: [] },
    MEX: { edits: 1, lastEditAt: '2026-11-30T10:03:00.000Z', typists: [{ userId: 'chair-user', name: 'Chair of the committee', role: 'chair' }] },
    CHAIR: { edits: 4, lastEditAt: '2026-11-30T10:04:00.000Z', typists: [] },
  },
};

describe('gutterEntries', () => {
  it('numbers preambular and operative paragraphs and their alternatives as the UN does', () => {
    const entries = gutterEntries(topLevelBlocks(doc), new Map());
    expect(entries.map((entry) => [entry.number, entry.alternative])).toEqual([
      ['', 0],
      ['PP 1', 0],
      ['PP 2', 0],
      ['1.', 0],
      ['1.', 1],
      ['2.', 0],
    ]);
    expect(entries.map((entry) => entry.locked)).toEqual([false, false, true, false, false, true]);
  });

  it('summarises who wrote a paragraph and the mix of groups, leaving the chair out of the groups', () => {
    const entries = gutterEntries(topLevelBlocks(doc), new Map([['op00001', attribution]]));
    const entry = entries[3]!;
    expect(entry.originator).toBe('FRA');
    expect(entry.mix).toEqual([
      { group: 'NWS', edits: 2 },
      { group: 'NNWS', edits: 4 },
    ]);
    expect(entry.contributors.map((contributor) => contributor.speaker)).toEqual(['CHAIR', 'EGY', 'FRA', 'MEX']);
    expect(entry.contributors.find((contributor) => contributor.speaker === 'MEX')?.typists).toEqual(['Chair of the committee']);
    expect(entries[1]!.contributors).toEqual([]);
    expect(entries[1]!.mix).toEqual([
      { group: 'NWS', edits: 0 },
      { group: 'NNWS', edits: 0 },
    ]);
  });
});
