import { Extension } from '@tiptap/core';
import { Fragment, Slice, type Node as ProseMirrorNode } from '@tiptap/pm/model';
import { Plugin, PluginKey, type Transaction } from '@tiptap/pm/state';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import type { Actor } from '@concord/shared';
import { judgeDocumentChange, type ChangeVerdict } from './judgeDocumentChange.ts';

export interface ContentGuardOptions {
  actor: Actor;
  /** Told about each local change the guard stopped, to explain it to the user. */
  onRefused: (verdict: Exclude<ChangeVerdict, { ok: true }>) => void;
}

const orderedListTypes = new Set(['1', 'a', 'A', 'i', 'I']);

/** Whether a transaction renders a change that came through Yjs (another user, or one's own undo): never refused here. */
export function isRemoteChange(transaction: Transaction): boolean {
  const meta: unknown = transaction.getMeta(ySyncPluginKey);
  return typeof meta === 'object' && meta !== null && (meta as { isChangeOrigin?: unknown }).isChangeOrigin === true;
}

/** Pasted lists and headings carry HTML values the schema does not allow (type="disc", start="abc"): fix them. */
function sanitizePasted(fragment: Fragment): Fragment {
  const nodes: ProseMirrorNode[] = [];
  fragment.forEach((node) => {
    if (node.isText) {
      nodes.push(node);
      return;
    }
    let attrs = node.attrs;
    if (node.type.name === 'orderedList') {
      const start = Number(attrs.start);
      attrs = {
        ...attrs,
        start: Number.isInteger(start) && start >= 0 && start <= 10_000 ? start : 1,
        type: typeof attrs.type === 'string' && orderedListTypes.has(attrs.type) ? attrs.type : null,
      };
    }
    if (node.type.name === 'heading') {
      const level = Number(attrs.level);
      attrs = { ...attrs, level: Number.isInteger(level) && level >= 1 && level <= 3 ? level : 3 };
    }
    nodes.push(node.type.create(attrs, sanitizePasted(node.content), node.marks));
  });
  return Fragment.from(nodes);
}

/**
 * Keeps the editor from producing what the server refuses (docs/protocol.md, "The document policy"): a local
 * transaction that would change an agreed paragraph, set a status without being a chair, or leave the document
 * schema is filtered out before it reaches Yjs, so it is never sent. Remote changes pass: the server accepted them.
 * Dragging blocks inside the editor is off: y-prosemirror turns a move into rewriting neighbouring blocks in place,
 * which changes their ids, and the server refuses that.
 */
export const ContentGuard = Extension.create<ContentGuardOptions>({
  name: 'contentGuard',

  addOptions() {
    return { actor: { role: 'observer', disabled: true }, onRefused: () => undefined };
  },

  addProseMirrorPlugins() {
    const { actor, onRefused } = this.options;
    return [
      new Plugin({
        key: new PluginKey('contentGuard'),
        filterTransaction: (transaction, state) => {
          if (!transaction.docChanged || isRemoteChange(transaction)) return true;
          const verdict = judgeDocumentChange(actor, state.doc, transaction.doc);
          if (verdict.ok) return true;
          onRefused(verdict);
          return false;
        },
        props: {
          transformPasted: (slice) => new Slice(sanitizePasted(slice.content), slice.openStart, slice.openEnd),
          handleDOMEvents: {
            dragstart: (_view, event) => {
              event.preventDefault();
              return true;
            },
          },
          handleDrop: (_view, _event, _slice, moved) => moved,
        },
      }),
    ];
  },
});
