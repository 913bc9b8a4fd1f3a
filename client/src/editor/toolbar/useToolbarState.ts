import type { Editor } from '@tiptap/core';
import { useEditorState } from '@tiptap/react';
import { yUndoPluginKey } from '@tiptap/y-tiptap';
import { lockedStatuses, type BlockStatus, type ParagraphRole } from '@concord/shared';
import { blockAt } from '../blocks/topLevelBlocks.ts';
import { gutterPluginKey } from '../gutter/gutterPlugin.ts';

export interface CurrentBlock {
  type: string;
  status: BlockStatus;
  role: ParagraphRole;
  locked: boolean;
  number: string;
  alternative: number;
}

export interface ToolbarState {
  bold: boolean;
  italic: boolean;
  underline: boolean;
  bracket: boolean;
  canUndo: boolean;
  canRedo: boolean;
  canAddAlternative: boolean;
  block: CurrentBlock | null;
}

/** What the toolbar shows, re-read after every transaction (re-rendering only when it changed). */
export function useToolbarState(editor: Editor | null): ToolbarState | null {
  return useEditorState({
    editor,
    selector: ({ editor: current }): ToolbarState | null => {
      if (current === null || current.isDestroyed) return null;
      const { state } = current;
      const found = blockAt(state.doc, state.selection.from);
      const entry = found?.id == null ? undefined : gutterPluginKey.getState(state)?.byId.get(found.id);
      const undoManager = yUndoPluginKey.getState(state)?.undoManager;
      return {
        bold: current.isActive('bold'),
        italic: current.isActive('italic'),
        underline: current.isActive('underline'),
        bracket: current.isActive('bracket'),
        canUndo: (undoManager?.undoStack.length ?? 0) > 0,
        canRedo: (undoManager?.redoStack.length ?? 0) > 0,
        canAddAlternative: current.isEditable && current.can().addAlternative(),
        block:
          found === null
            ? null
            : {
                type: found.type,
                status: found.status,
                role: found.role,
                locked: lockedStatuses.has(found.status),
                number: entry?.number ?? '',
                alternative: entry?.alternative ?? 0,
              },
      };
    },
  });
}
