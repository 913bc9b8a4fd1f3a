import { Extension } from '@tiptap/core';
import type { EditorView } from '@tiptap/pm/view';
import { gutterOfSelection } from './currentGutter.ts';

/** Moves the focus to the gutter button of the block holding the selection (its details show on focus). */
export function focusGutterOfSelection(view: EditorView): boolean {
  const button = gutterOfSelection(view)?.querySelector('button');
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
