import { describe, expect, it } from 'vitest';
import { getSchema } from '@tiptap/core';
import { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { documentExtensions } from '../../editor/schema/documentExtensions.ts';
import { documentBlocks, openingWords } from './documentBlocks.ts';

const schema = getSchema(documentExtensions({ assignIds: false }));
const paragraph = (id: string, role: string, text: string, extra: Record<string, unknown> = {}) => ({
  type: 'paragraph',
  attrs: { id, status: 'draft', role, ...extra },
  content: [{ type: 'text', text }],
});

describe('documentBlocks', () => {
  it('reads the blocks in order, numbered as the drafting room numbers them, with their text', () => {
    const doc = ProseMirrorNode.fromJSON(schema, {
      type: 'doc',
      content: [
        { type: 'heading', attrs: { id: 'heading1', status: 'draft', level: 2 }, content: [{ type: 'text', text: 'Preamble' }] },
        paragraph('pp00001', 'preambular', 'Recalling the Treaty,'),
        paragraph('op00001', 'operative', 'Decides to negotiate,', { status: 'agreed' }),
        paragraph('alt0001', 'operative', 'Decides to consider,', { alternativeOf: 'op00001' }),
        {
          type: 'bulletList',
          attrs: { id: 'list0001', status: 'draft' },
          content: ['First item', 'Second item'].map((text) => ({ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] })),
        },
      ],
    });
    expect(documentBlocks(doc)).toEqual([
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
