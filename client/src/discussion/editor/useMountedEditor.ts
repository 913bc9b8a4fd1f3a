import { useEffect, useState } from 'react';
import type { Editor } from '@tiptap/core';

/**
 * The editor once its view is in the page (before, Tiptap throws on `editor.view.dom` and reports the editor as
 * destroyed), else null; null again once it is destroyed.
 */
export function useMountedEditor(editor: Editor | null): Editor | null {
  const [mounted, setMounted] = useState<Editor | null>(null);
  useEffect(() => {
    if (editor === null) return;
    const onMount = () => setMounted(editor);
    const onDestroy = () => setMounted(null);
    if (!editor.isDestroyed) onMount();
    editor.on('mount', onMount);
    editor.on('destroy', onDestroy);
    return () => {
      editor.off('mount', onMount);
      editor.off('destroy', onDestroy);
      setMounted(null);
    };
  }, [editor]);
  return mounted;
}
