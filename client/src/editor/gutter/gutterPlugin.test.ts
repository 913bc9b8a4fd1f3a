import { describe, expect, it } from 'vitest';
import { getSchema } from '@tiptap/core';
import { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { EditorState } from '@tiptap/pm/state';
import type { Decoration } from '@tiptap/pm/view';
import type { ParagraphAttribution } from '@concord/shared';
import type { Ledger } from '../collaboration/ledger.ts';
import { documentExtensions } from '../schema/documentExtensions.ts';
import type { GutterStrings } from './GutterStrings.ts';
import { gutterPluginKey, paragraphGutterPlugin } from './gutterPlugin.ts';

const schema = getSchema(documentExtensions({ assignIds: true }));
const ids = ['op00001', 'op00002', 'op00003', 'op00004'];
const doc = ProseMirrorNode.fromJSON(schema, {
  type: 'doc',
  content: ids.map((id) => ({ type: 'paragraph', attrs: { id, status: 'draft', role: 'operative' }, content: [{ type: 'text', text: id }] })),
});

// Only what the plugin's state reads (widgets are rendered by a view, which this test has none of).
const strings = { language: 'en', label: (entry: { number: string }) => entry.number } as unknown as GutterStrings;

function attribution(edits: number): ParagraphAttribution {
  return { originator: 'FRA', originatorTypist: null, createdAt: '2026-11-30T10:00:00.000Z', contributors: { FRA: { edits, lastEditAt: '2026-11-30T10:00:00.000Z', typists: [] } } };
}

function widgets(state: EditorState): Map<string, Decoration> {
  const found = gutterPluginKey.getState(state)!.decorations.find();
  return new Map(found.map((decoration) => [(decoration.spec as { blockId: string }).blockId, decoration]));
}

function withLedger(state: EditorState, ledger: Ledger): EditorState {
  return state.apply(state.tr.setMeta(gutterPluginKey, { ledger }));
}

describe('the paragraph gutter on a new ledger', () => {
  const start = EditorState.create({ doc, plugins: [paragraphGutterPlugin(strings, new Map(ids.map((id) => [id, attribution(1)])), null)] });

  it('replaces only the widget of the paragraph whose attribution changed', () => {
    const before = widgets(start);
    const after = widgets(withLedger(start, new Map(ids.map((id) => [id, attribution(id === 'op00003' ? 2 : 1)]))));
    expect([...after.keys()]).toEqual(ids);
    // A kept widget keeps its spec object (find() returns copies of the decorations themselves).
    for (const id of ids) expect(after.get(id)!.spec === before.get(id)!.spec, id).toBe(id !== 'op00003');
    expect(after.get('op00003')!.from).toBe(before.get('op00003')!.from);
  });

  it('keeps every widget when nothing shown changed, and updates what the toolbar reads', () => {
    const ledger = new Map(ids.map((id) => [id, attribution(1)]));
    const state = withLedger(start, ledger);
    expect(gutterPluginKey.getState(state)!.decorations).toBe(gutterPluginKey.getState(start)!.decorations);
    expect(gutterPluginKey.getState(state)!.ledger).toBe(ledger);
  });

  it('stays right after typing moved the paragraphs', () => {
    const typed = start.apply(start.tr.insertText('new words ', 1));
    const updated = withLedger(typed, new Map(ids.map((id) => [id, attribution(id === 'op00004' ? 5 : 1)])));
    const positions: number[] = [];
    updated.doc.forEach((_node, offset) => positions.push(offset));
    expect([...widgets(updated).values()].map((decoration) => decoration.from)).toEqual(positions);
    expect(gutterPluginKey.getState(updated)!.byId.get('op00004')!.contributors[0]!.edits).toBe(5);
  });
});
