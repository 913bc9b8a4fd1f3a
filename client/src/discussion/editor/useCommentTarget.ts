import { useEffect, useState } from 'react';
import type { Editor } from '@tiptap/core';
import { commentTarget, targetKey, type CommentTarget } from './commentTarget.ts';

/**
 * What the "Comment" button would comment on now, re-rendering only when that changes (a caret moving inside
 * one paragraph changes nothing). Remote edits move positions, so the range is taken again when commenting.
 */
export function useCommentTarget(editor: Editor | null, canEdit: boolean): CommentTarget {
  const [target, setTarget] = useState<CommentTarget>({ kind: 'none' });
  useEffect(() => {
    if (editor === null) return;
    let key = '';
    const update = () => {
      if (editor.isDestroyed) return;
      const next = commentTarget(editor.state, canEdit);
      const nextKey = targetKey(next);
      if (nextKey === key) return;
      key = nextKey;
      setTarget(next);
    };
    update();
    editor.on('selectionUpdate', update);
    editor.on('update', update);
    return () => {
      editor.off('selectionUpdate', update);
      editor.off('update', update);
    };
  }, [editor, canEdit]);
  return target;
}
