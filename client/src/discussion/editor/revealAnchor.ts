import type { EditorView } from '@tiptap/pm/view';

/**
 * Scrolls the text to the active thread's anchor (drawn by CommentAnchor's decoration): always when asked
 * (`force`), else only when it is out of sight, so that opening a thread never jumps a text one is reading.
 */
export function revealActiveAnchor(view: EditorView, force: boolean): void {
  const element = view.dom.querySelector<HTMLElement>('.comment-anchor--active, .comment-paragraph--active');
  if (element === null) return;
  const box = element.getBoundingClientRect();
  const visible = box.bottom > 0 && box.top < window.innerHeight;
  if (force || !visible) element.scrollIntoView({ block: 'center', behavior: 'smooth' });
}
