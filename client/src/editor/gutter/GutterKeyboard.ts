import { Extension } from '@tiptap/core';
import type { EditorView } from '@tiptap/pm/view';
import { blockAt } from '../blocks/topLevelBlocks.ts';

/** Moves the focus to the gutter button of the block holding the selection (its details show on focus). */
export function focusGutterOfSelection(view: EditorView): boolean {
  const block = blockAt(view.state.doc, view.state.selection.from);
  if (block === null) return false;
  const blockElement = view.nodeDOM(block.pos);
  const gutter = blockElement instanceof HTMLElement ? blockElement.previousElementSibling : null;
  const button = gutter?.classList.contains('gutter') === true ? gutter.querySelector('button') : null;
  if (button === null || button === undefined) return false;
  button.focus();
  return true;
}

/**
 * Tab in the text goes to the current paragraph's details in the gutter (Enter there comes back), rather than to
 * the first paragraph of a long document. Low priority: in a list, Tab still indents the item when it can.
 */
export const GutterKeyboard = Extension.create({
  name: 'gutterKeyboard',
  priority: 50,

  addKeyboardShortcuts() {
    return { Tab: () => focusGutterOfSelection(this.editor.view) };
  },
});
