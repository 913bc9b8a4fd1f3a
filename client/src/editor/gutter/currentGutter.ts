import type { EditorView } from '@tiptap/pm/view';

/** The gutter widget of the top-level block holding the selection, if it has one. */
export function gutterOfSelection(view: EditorView): HTMLElement | null {
  const resolved = view.state.doc.resolve(Math.min(view.state.selection.from, view.state.doc.content.size));
  if (resolved.depth === 0) return null;
  const blockElement = view.nodeDOM(resolved.before(1));
  const gutter = blockElement instanceof HTMLElement ? blockElement.previousElementSibling : null;
  return gutter instanceof HTMLElement && gutter.classList.contains('gutter') ? gutter : null;
}

/**
 * Keeps the class `gutter--current` on the gutter of the block holding the selection, where the gutter shows the
 * controls it hides elsewhere ("Record a position"): hundreds of idle buttons in the margin of a long document
 * cost the typist about 8 ms a keystroke in layout. Called after every view update, since a widget ProseMirror
 * re-rendered is a new element.
 */
export function currentGutterMarker(): (view: EditorView) => void {
  let marked: HTMLElement | null = null;
  return (view) => {
    const gutter = gutterOfSelection(view);
    if (gutter === marked) return;
    marked?.classList.remove('gutter--current');
    gutter?.classList.add('gutter--current');
    marked = gutter;
  };
}
