import { useEffect, useRef } from 'react';
import type { Editor } from '@tiptap/core';

export interface EditorHooks {
  /** A click on a comment anchor in the text: the innermost thread under the pointer. */
  onAnchorClick: (threadId: string) => void;
  /** Ctrl+Alt+M (⌘⌥M) in the text: comment on the selection or the paragraph. */
  onCommentShortcut: () => void;
}

/** Listens to the text for what concerns the discussion: clicks on anchors and the comment shortcut. */
export function useEditorHooks(editor: Editor | null, hooks: EditorHooks): void {
  const latest = useRef(hooks);
  latest.current = hooks;
  useEffect(() => {
    if (editor === null) return;
    const dom = editor.view.dom;
    const onClick = (event: MouseEvent) => {
      const anchor = event.target instanceof Element ? event.target.closest<HTMLElement>('.comment-anchor[data-thread-id]') : null;
      const threadId = anchor?.dataset.threadId;
      if (threadId !== undefined) latest.current.onAnchorClick(threadId);
    };
    const onKeyDown = (event: KeyboardEvent) => {
      // The physical key: with AltGr layouts, Ctrl+Alt+M types no "m".
      if (event.code === 'KeyM' && event.altKey && (event.ctrlKey || event.metaKey) && !event.shiftKey) {
        event.preventDefault();
        latest.current.onCommentShortcut();
      }
    };
    dom.addEventListener('click', onClick);
    dom.addEventListener('keydown', onKeyDown);
    return () => {
      dom.removeEventListener('click', onClick);
      dom.removeEventListener('keydown', onKeyDown);
    };
  }, [editor]);
}
