import { Mark } from '@tiptap/core';

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    bracket: {
      /** Puts the selection in negotiation brackets, or takes it out of them. */
      toggleBracket: () => ReturnType;
    };
  }
}

/** Keyboard shortcut of the bracket toggle (documented in the editor's shortcut list). */
export const bracketShortcut = 'Mod-Shift-9';

/**
 * Negotiation brackets: text not yet agreed. The brackets are drawn by CSS (::before/::after) so they are never
 * part of the text, and disappear when the mark is removed. High priority: the bracket is the outermost mark, so a
 * bracketed run with bold words inside is one span with one pair of brackets.
 */
export const Bracket = Mark.create({
  name: 'bracket',
  priority: 200,

  parseHTML() {
    return [{ tag: 'span[data-bracket]' }];
  },

  renderHTML() {
    return ['span', { 'data-bracket': '', class: 'bracket' }, 0];
  },

  addCommands() {
    return {
      toggleBracket:
        () =>
        ({ commands }) =>
          commands.toggleMark(this.name),
    };
  },

  addKeyboardShortcuts() {
    return { [bracketShortcut]: () => this.editor.commands.toggleBracket() };
  },
});
