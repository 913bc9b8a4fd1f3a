import { addAlternativeShortcut } from '../blocks/ParagraphCommands.ts';
import { bracketShortcut } from '../schema/Bracket.ts';

/** Keyboard shortcut that moves from the text to the toolbar (the usual one in word processors on the web). */
export const toolbarShortcut = 'Alt-F10';

/** The editor's shortcuts in ProseMirror notation ("Mod" = Ctrl, or ⌘ on a Mac). */
export const shortcuts = {
  undo: 'Mod-z',
  redo: 'Mod-Shift-z',
  bold: 'Mod-b',
  italic: 'Mod-i',
  underline: 'Mod-u',
  brackets: bracketShortcut,
  addAlternative: addAlternativeShortcut,
  newParagraphBefore: 'Enter',
  toolbar: toolbarShortcut,
} as const;

const isMac = (): boolean => typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** A shortcut as people read it ("Ctrl+Shift+9") or as aria-keyshortcuts wants it ("Control+Shift+9"). */
export function keyLabel(shortcut: string, form: 'display' | 'aria', mac: boolean = isMac()): string {
  return shortcut
    .split('-')
    .map((part) => {
      if (part === 'Mod') return mac ? (form === 'aria' ? 'Meta' : '⌘') : form === 'aria' ? 'Control' : 'Ctrl';
      return part.length === 1 ? part.toUpperCase() : part;
    })
    .join('+');
}
