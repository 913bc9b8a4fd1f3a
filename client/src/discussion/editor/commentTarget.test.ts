import { describe, expect, it } from 'vitest';
import { getSchema } from '@tiptap/core';
import { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { EditorState, TextSelection } from '@tiptap/pm/state';
import { documentExtensions } from '../../editor/schema/documentExtensions.ts';
import { commentTarget, quoteOf, targetKey } from './commentTarget.ts';

const schema = getSchema(documentExtensions({ assignIds: true }));
const paragraph = (id: string, text: string, status = 'draft') => ({ type: 'paragraph', attrs: { id, status, role: 'operative' }, content: [{ type: 'text', text }] });
const doc = ProseMirrorNode.fromJSON(schema, {
  type: 'doc',
  content: [paragraph('block-01', 'Nuclear-weapon States shall not use'), paragraph('block-02', 'Agreed language', 'agreed')],
});
// Positions: block-01 text runs from 1 to 36; block-02 starts at 37, its text at 38.
const stateWith = (from: number, to: number = from) => EditorState.create({ doc, selection: TextSelection.create(doc, from, to) });

describe('commentTarget', () => {
  it('comments on the selected words of one paragraph the user may edit', () => {
    const target = commentTarget(stateWith(23, 28), true);
    expect(target).toEqual({ kind: 'range', blockId: 'block-01', quote: 'shall', from: 23, to: 28 });
  });

  it('falls back to the paragraph holding the cursor, saying why', () => {
    expect(commentTarget(stateWith(5), true)).toEqual({ kind: 'paragraph', blockId: 'block-01', reason: 'no-selection' });
    expect(commentTarget(stateWith(23, 28), false)).toEqual({ kind: 'paragraph', blockId: 'block-01', reason: 'cannot-edit' });
    expect(commentTarget(stateWith(39, 45), true)).toEqual({ kind: 'paragraph', blockId: 'block-02', reason: 'locked' });
    expect(commentTarget(stateWith(10, 42), true)).toEqual({ kind: 'paragraph', blockId: 'block-02', reason: 'across-paragraphs' });
  });

  it('changes its key only when what a comment would do changes', () => {
    expect(targetKey(commentTarget(stateWith(3), true))).toBe(targetKey(commentTarget(stateWith(9), true)));
    expect(targetKey(commentTarget(stateWith(3), true))).not.toBe(targetKey(commentTarget(stateWith(40), true)));
  });
});

describe('quoteOf', () => {
  it('flattens white space and cuts a long quote to the schema’s 500 characters', () => {
    expect(quoteOf('  shall\n not  use ')).toBe('shall not use');
    const long = quoteOf('word '.repeat(200));
    expect(long).toHaveLength(500);
    expect(long.endsWith('…')).toBe(true);
  });
});
