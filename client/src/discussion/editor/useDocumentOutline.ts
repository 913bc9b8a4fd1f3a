import { useCallback, useEffect, useRef, useState } from 'react';
import type { Editor } from '@tiptap/core';
import { documentOutline, emptyOutline, rememberSeen, type DocumentOutline } from './documentOutline.ts';

/** A 100-page text changes with every keystroke of anyone: the outline is rebuilt at most this often. */
const outlineIntervalMs = 400;

/**
 * The outline of the text (paragraph order and labels, thread anchors present, and those seen since the page
 * opened), kept current with the document without rebuilding it on every keystroke. `refresh` rebuilds it at once
 * (after one's own new anchor).
 */
export function useDocumentOutline(editor: Editor | null): { outline: DocumentOutline; refresh: () => void } {
  const [outline, setOutline] = useState<DocumentOutline>(emptyOutline);
  const timer = useRef<number | undefined>(undefined);
  const refresh = useCallback(() => {
    window.clearTimeout(timer.current);
    timer.current = undefined;
    if (editor === null || editor.isDestroyed) return;
    const next = documentOutline(editor.state.doc);
    setOutline((previous) => rememberSeen(next, previous));
  }, [editor]);
  useEffect(() => {
    if (editor === null) return;
    refresh();
    const onUpdate = () => {
      if (timer.current === undefined) timer.current = window.setTimeout(refresh, outlineIntervalMs);
    };
    editor.on('update', onUpdate);
    return () => {
      editor.off('update', onUpdate);
      window.clearTimeout(timer.current);
      timer.current = undefined;
    };
  }, [editor, refresh]);
  return { outline, refresh };
}
