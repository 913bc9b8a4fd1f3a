import { describe, expect, it } from 'vitest';
import { getSchema } from '@tiptap/core';
import { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { activeDecorations } from './CommentAnchor.ts';
import { documentExtensions } from './documentExtensions.ts';

const schema = getSchema(documentExtensions({ assignIds: true }));
const comment = (threadId: string) => ({ type: 'comment', attrs: { threadId } });
const doc = ProseMirrorNode.fromJSON(schema, {
  type: 'doc',
  content: [
    {
      type: 'paragraph',
      attrs: { id: 'block-01', status: 'draft', role: 'text' },
      content: [
        { type: 'text', text: 'States ' },
        { type: 'text', text: 'shall', marks: [comment('thread-a'), comment('thread-b')] },
        { type: 'text', text: ' not', marks: [comment('thread-a')] },
      ],
    },
    { type: 'paragraph', attrs: { id: 'block-02', status: 'draft', role: 'text' }, content: [{ type: 'text', text: 'Second' }] },
  ],
});

const spans = (threadId: string | null, blockId: string | null) =>
  activeDecorations(doc, { threadId, blockId })
    .find()
    .map((decoration) => [decoration.from, decoration.to]);

describe('activeDecorations', () => {
  it('marks every piece of text carrying the thread’s mark, overlapping anchors included', () => {
    expect(spans('thread-a', 'block-01')).toEqual([
      [8, 13],
      [13, 17],
    ]);
    expect(spans('thread-b', 'block-01')).toEqual([[8, 13]]);
  });

  it('marks the paragraph of a thread whose text is gone (or that never had any), and nothing without a thread', () => {
    expect(spans('thread-gone', 'block-02')).toEqual([[18, 26]]);
    expect(spans(null, 'block-02')).toEqual([]);
  });
});
