import { describe, expect, it } from 'vitest';
import { getSchema } from '@tiptap/core';
import { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { EditorState } from '@tiptap/pm/state';
import type { Actor } from '@concord/shared';
import { documentExtensions } from '../schema/documentExtensions.ts';
import { judgeDocumentChange } from './judgeDocumentChange.ts';

const schema = getSchema(documentExtensions({ assignIds: true }));
const delegate: Actor = { role: 'delegate', disabled: false };
const chair: Actor = { role: 'chair', disabled: false };
const observer: Actor = { role: 'observer', disabled: false };

function paragraph(id: string, text: string, status = 'draft', extra: Record<string, unknown> = {}) {
  return { type: 'paragraph', attrs: { id, status, role: 'operative', ...extra }, content: text === '' ? [] : [{ type: 'text', text }] };
}

/** Draft "Recalling", agreed "Decides", draft "Urges". */
function documentState() {
  const doc = ProseMirrorNode.fromJSON(schema, {
    type: 'doc',
    content: [paragraph('draft1', 'Recalling'), paragraph('agreed1', 'Decides', 'agreed'), paragraph('draft2', 'Urges')],
  });
  return EditorState.create({ doc, schema });
}

/** Position just inside the top-level block at `index`. */
function inside(state: EditorState, index: number): number {
  let pos = 0;
  for (let child = 0; child < index; child++) pos += state.doc.child(child).nodeSize;
  return pos + 1;
}

describe('judgeDocumentChange', () => {
  it('accepts typing in a draft paragraph and refuses it in an agreed one', () => {
    const state = documentState();
    expect(judgeDocumentChange(delegate, state.doc, state.tr.insertText('x', inside(state, 0)).doc)).toEqual({ ok: true });
    const verdict = judgeDocumentChange(delegate, state.doc, state.tr.insertText('x', inside(state, 1)).doc);
    expect(verdict).toMatchObject({ ok: false, reason: 'locked-block', blockId: 'agreed1' });
    expect(judgeDocumentChange(chair, state.doc, state.tr.insertText('x', inside(state, 1)).doc)).toMatchObject({ ok: false, reason: 'locked-block' });
  });

  it('refuses deleting an agreed paragraph or joining text into it', () => {
    const state = documentState();
    const start = inside(state, 1) - 1;
    const deleted = state.tr.delete(start, start + state.doc.child(1).nodeSize).doc;
    expect(judgeDocumentChange(delegate, state.doc, deleted)).toMatchObject({ ok: false, reason: 'locked-block' });
    const joinStart = inside(state, 2) - 1;
    const joined = state.tr.join(joinStart).doc;
    expect(joined.childCount).toBe(2);
    expect(judgeDocumentChange(delegate, state.doc, joined)).toMatchObject({ ok: false, reason: 'locked-block' });
  });

  it('accepts a new draft paragraph split off the end of an agreed one, even while both halves share the id', () => {
    const state = documentState();
    const end = inside(state, 1) + 'Decides'.length;
    const attrs = { ...state.doc.child(1).attrs, status: 'draft' };
    const split = state.tr.split(end, 1, [{ type: schema.nodes.paragraph!, attrs }]).doc;
    expect(split.childCount).toBe(4);
    expect(judgeDocumentChange(delegate, state.doc, split)).toEqual({ ok: true });
    const middle = state.tr.split(inside(state, 1) + 3, 1, [{ type: schema.nodes.paragraph!, attrs }]).doc;
    expect(judgeDocumentChange(delegate, state.doc, middle)).toMatchObject({ ok: false, reason: 'locked-block' });
  });

  it('lets only chairs change a status, and on an agreed paragraph nothing else with it', () => {
    const state = documentState();
    const agreedPos = inside(state, 1) - 1;
    const reopened = state.tr.setNodeAttribute(agreedPos, 'status', 'draft').doc;
    expect(judgeDocumentChange(chair, state.doc, reopened)).toEqual({ ok: true });
    expect(judgeDocumentChange(delegate, state.doc, reopened)).toMatchObject({ ok: false, reason: 'status-forbidden' });
    const agreed = state.tr.setNodeAttribute(0, 'status', 'agreed').doc;
    expect(judgeDocumentChange(chair, state.doc, agreed)).toEqual({ ok: true });
    const roleOfAgreed = state.tr.setNodeAttribute(agreedPos, 'status', 'draft').setNodeAttribute(agreedPos, 'role', 'preambular').doc;
    expect(judgeDocumentChange(chair, state.doc, roleOfAgreed)).toMatchObject({ ok: false, reason: 'locked-block' });
  });

  it('lets editors change the role of a draft paragraph but not of an agreed one', () => {
    const state = documentState();
    expect(judgeDocumentChange(delegate, state.doc, state.tr.setNodeAttribute(0, 'role', 'preambular').doc)).toEqual({ ok: true });
    const agreedPos = inside(state, 1) - 1;
    expect(judgeDocumentChange(delegate, state.doc, state.tr.setNodeAttribute(agreedPos, 'role', 'text').doc)).toMatchObject({ ok: false, reason: 'locked-block' });
  });

  it('refuses every change from a read-only account', () => {
    const state = documentState();
    expect(judgeDocumentChange(observer, state.doc, state.tr.insertText('x', inside(state, 0)).doc)).toMatchObject({ ok: false, reason: 'read-only' });
  });

  it('lets only chairs create a paragraph that is not a draft', () => {
    const state = documentState();
    const agreedParagraph = schema.nodeFromJSON(paragraph('newone1', 'Welcomes', 'agreed'));
    const withNew = state.tr.insert(state.doc.content.size, agreedParagraph).doc;
    expect(judgeDocumentChange(delegate, state.doc, withNew)).toMatchObject({ ok: false, reason: 'status-forbidden' });
    expect(judgeDocumentChange(chair, state.doc, withNew)).toEqual({ ok: true });
  });

  it('refuses content the document schema does not allow', () => {
    const state = documentState();
    const badList = schema.nodeFromJSON({
      type: 'orderedList',
      attrs: { id: 'list0001', status: 'draft', start: 1, type: 'disc' },
      content: [{ type: 'listItem', content: [paragraph('item0001', 'one')] }],
    });
    expect(judgeDocumentChange(delegate, state.doc, state.tr.insert(state.doc.content.size, badList).doc)).toMatchObject({ ok: false, reason: 'schema-violation' });
    const anchorless = state.tr.addMark(inside(state, 0), inside(state, 0) + 3, schema.marks.comment!.create({ threadId: null })).doc;
    expect(judgeDocumentChange(delegate, state.doc, anchorless)).toMatchObject({ ok: false, reason: 'schema-violation' });
    const bracketed = state.tr.addMark(inside(state, 0), inside(state, 0) + 3, schema.marks.bracket!.create()).doc;
    expect(judgeDocumentChange(delegate, state.doc, bracketed)).toEqual({ ok: true });
  });
});
