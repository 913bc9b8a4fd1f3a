import { Extension } from '@tiptap/core';
import { TextSelection } from '@tiptap/pm/state';
import { lockedStatuses, type BlockStatus, type ParagraphRole } from '@concord/shared';
import { alternativePlacement } from './alternativePlacement.ts';
import { blockAt, topLevelBlocks } from './topLevelBlocks.ts';

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    paragraphCommands: {
      /** Inserts an empty alternative to the current paragraph, after its existing alternatives. */
      addAlternative: () => ReturnType;
      /** Sets the role (text, preambular, operative) of the current paragraph. */
      setParagraphRole: (role: ParagraphRole) => ReturnType;
      /** Sets the status of the current top-level block (chairs only; the guard refuses it for others). */
      setBlockStatus: (status: BlockStatus) => ReturnType;
    };
  }
}

/** Keyboard shortcut of "Add alternative" (documented in the editor's shortcut list). */
export const addAlternativeShortcut = 'Mod-Shift-Enter';

/**
 * Paragraph-level commands of the drafting room, and Enter at the start of a block: it inserts an empty draft
 * paragraph before the block instead of splitting it, so the block keeps its id, status and alternative link
 * (a split would hand them to an empty first half), and it works before an agreed paragraph too.
 */
export const ParagraphCommands = Extension.create({
  name: 'paragraphCommands',
  priority: 200,

  addCommands() {
    return {
      addAlternative:
        () =>
        ({ state, tr, dispatch }) => {
          const current = blockAt(state.doc, state.selection.from);
          if (current === null) return false;
          const blocks = topLevelBlocks(state.doc);
          const index = blocks.findIndex((block) => block.pos === current.pos);
          const placement = alternativePlacement(blocks, index);
          if (placement === null) return false;
          const original = blocks.find((block) => block.id === placement.originalId);
          // Agreed text has no alternatives: a chair reopens it first.
          if (original === undefined || lockedStatuses.has(original.status)) return false;
          const after = blocks[placement.afterIndex]!;
          const insertAt = after.pos + after.node.nodeSize;
          if (dispatch) {
            const paragraph = state.schema.nodes.paragraph!.create({ role: placement.role, alternativeOf: placement.originalId, status: 'draft' });
            tr.insert(insertAt, paragraph);
            tr.setSelection(TextSelection.create(tr.doc, insertAt + 1)).scrollIntoView();
          }
          return true;
        },
      setParagraphRole:
        (role) =>
        ({ state, tr, dispatch }) => {
          const current = blockAt(state.doc, state.selection.from);
          if (current === null || current.type !== 'paragraph' || lockedStatuses.has(current.status)) return false;
          if (dispatch) tr.setNodeAttribute(current.pos, 'role', role);
          return true;
        },
      setBlockStatus:
        (status) =>
        ({ state, tr, dispatch }) => {
          const current = blockAt(state.doc, state.selection.from);
          if (current === null || current.status === status) return false;
          if (dispatch) tr.setNodeAttribute(current.pos, 'status', status);
          return true;
        },
    };
  },

  addKeyboardShortcuts() {
    return {
      [addAlternativeShortcut]: () => this.editor.commands.addAlternative(),
      Enter: () => {
        const { state } = this.editor;
        const { selection } = state;
        const { $from } = selection;
        if (!selection.empty || $from.depth !== 1 || $from.parentOffset !== 0 || $from.parent.content.size === 0) return false;
        const blockStart = $from.before(1);
        const role = $from.parent.type.name === 'paragraph' ? ($from.parent.attrs.role as ParagraphRole) : 'text';
        return this.editor
          .chain()
          .command(({ tr }) => {
            tr.insert(blockStart, state.schema.nodes.paragraph!.create({ role, status: 'draft' }));
            return true;
          })
          .scrollIntoView()
          .run();
      },
    };
  },
});
