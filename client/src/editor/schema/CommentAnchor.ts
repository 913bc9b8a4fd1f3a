import { Mark, mergeAttributes } from '@tiptap/core';
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet, type EditorView } from '@tiptap/pm/view';

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    comment: {
      /** Marks `from`..`to` as the anchor of thread `threadId`, without moving the selection. */
      anchorComment: (range: { from: number; to: number; threadId: string }) => ReturnType;
    };
  }
}

/** The thread shown as active in the text: its marked text, or its whole paragraph when it has no mark there. */
export interface ActiveThread {
  threadId: string | null;
  blockId: string | null;
}

interface ActiveThreadState extends ActiveThread {
  decorations: DecorationSet;
}

export const activeThreadKey = new PluginKey<ActiveThreadState>('activeCommentThread');

/** Shows `active` as the active thread in the text (null ids: none). */
export function showActiveThread(view: EditorView, active: ActiveThread): void {
  view.dispatch(view.state.tr.setMeta(activeThreadKey, active).setMeta('addToHistory', false));
}

/** The decorations that mark `active` in `doc`: its anchored text, or its paragraph when no text carries its mark. */
export function activeDecorations(doc: ProseMirrorNode, { threadId, blockId }: ActiveThread): DecorationSet {
  if (threadId === null) return DecorationSet.empty;
  const decorations: Decoration[] = [];
  doc.descendants((node, pos) => {
    if (!node.isText) return true;
    if (node.marks.some((mark) => mark.type.name === 'comment' && mark.attrs.threadId === threadId)) {
      decorations.push(Decoration.inline(pos, pos + node.nodeSize, { class: 'comment-anchor--active' }));
    }
    return false;
  });
  if (decorations.length === 0 && blockId !== null) {
    doc.forEach((node, offset) => {
      if (node.attrs.id === blockId) decorations.push(Decoration.node(offset, offset + node.nodeSize, { class: 'comment-paragraph--active' }));
    });
  }
  return DecorationSet.create(doc, decorations);
}

/**
 * The anchor of a comment thread (issue 5): the mark carries only the thread id; the thread itself is a server
 * record. Never parsed from pasted HTML: a pasted anchor would point at a thread that is not about the pasted
 * text. The thread selected in the discussion panel is drawn stronger (a decoration, not part of the text).
 */
export const CommentAnchor = Mark.create({
  name: 'comment',
  inclusive: false,
  // Threads may overlap (y-prosemirror then stores each under `comment--<hash>`, which the server accepts).
  excludes: '',

  addAttributes() {
    return {
      threadId: {
        default: null,
        parseHTML: () => null,
        renderHTML: (attributes) => (typeof attributes.threadId === 'string' ? { 'data-thread-id': attributes.threadId } : {}),
      },
    };
  },

  parseHTML() {
    return [];
  },

  renderHTML({ HTMLAttributes }) {
    return ['span', mergeAttributes(HTMLAttributes, { class: 'comment-anchor' }), 0];
  },

  addCommands() {
    return {
      anchorComment:
        ({ from, to, threadId }) =>
        ({ tr, dispatch }) => {
          if (from >= to || to > tr.doc.content.size) return false;
          if (dispatch) tr.addMark(from, to, this.type.create({ threadId }));
          return true;
        },
    };
  },

  addProseMirrorPlugins() {
    return [
      new Plugin<ActiveThreadState>({
        key: activeThreadKey,
        state: {
          init: () => ({ threadId: null, blockId: null, decorations: DecorationSet.empty }),
          apply: (tr, value, _before, state) => {
            const meta = tr.getMeta(activeThreadKey) as ActiveThread | undefined;
            if (meta === undefined && (!tr.docChanged || value.threadId === null)) return value;
            const active = meta ?? value;
            return { threadId: active.threadId, blockId: active.blockId, decorations: activeDecorations(state.doc, active) };
          },
        },
        props: { decorations: (state) => activeThreadKey.getState(state)?.decorations },
      }),
    ];
  },
});
