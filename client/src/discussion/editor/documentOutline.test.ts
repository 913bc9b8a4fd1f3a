import { describe, expect, it } from 'vitest';
import { getSchema } from '@tiptap/core';
import { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { documentExtensions } from '../../editor/schema/documentExtensions.ts';
import { documentOutline } from './documentOutline.ts';

const schema = getSchema(documentExtensions({ assignIds: true }));
const comment = (threadId: string) => ({ type: 'comment', attrs: { threadId } });

const doc = ProseMirrorNode.fromJSON(schema, {
  type: 'doc',
  content: [
    { type: 'heading', attrs: { id: 'heading-1', status: 'draft', level: 1 }, content: [{ type: 'text', text: 'Negative security assurances: the options before the committee' }] },
    { type: 'paragraph', attrs: { id: 'block-pp1', status: 'draft', role: 'preambular' }, content: [{ type: 'text', text: 'Recalling', marks: [comment('thread-one')] }] },
    {
      type: 'paragraph',
      attrs: { id: 'block-op1', status: 'agreed', role: 'operative' },
      content: [
        { type: 'text', text: 'Decides ' },
        { type: 'text', text: 'to', marks: [comment('thread-two'), comment('thread-three')] },
      ],
    },
    { type: 'paragraph', attrs: { id: 'block-alt', status: 'draft', role: 'operative', alternativeOf: 'block-op1' }, content: [{ type: 'text', text: 'Resolves' }] },
  ],
});

describe('documentOutline', () => {
  const outline = documentOutline(doc);

  it('numbers the blocks as the gutter does and keeps their order', () => {
    expect([...outline.order]).toEqual([
      ['heading-1', 0],
      ['block-pp1', 1],
      ['block-op1', 2],
      ['block-alt', 3],
    ]);
    expect(outline.blocks.get('block-pp1')).toMatchObject({ number: 'PP 1', alternative: 0, locked: false });
    expect(outline.blocks.get('block-op1')).toMatchObject({ number: '1.', locked: true });
    expect(outline.blocks.get('block-alt')).toMatchObject({ number: '1.', alternative: 1 });
  });

  it('names an unnumbered block by its first words', () => {
    expect(outline.blocks.get('heading-1')).toMatchObject({ number: '', excerpt: 'Negative security assurances: the options befor…' });
  });

  it('finds every thread anchored in the text, overlapping ones included', () => {
    expect([...outline.anchoredThreadIds].sort()).toEqual(['thread-one', 'thread-three', 'thread-two']);
  });
});
