import { useEffect, useRef, useState } from 'react';
import { Extension, type Editor } from '@tiptap/core';
import { useEditor } from '@tiptap/react';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { yUndoPluginKey } from '@tiptap/y-tiptap';
import { can, documentField, type User } from '@concord/shared';
import { ContentGuard, isRemoteChange } from './blocks/ContentGuard.ts';
import type { ChangeVerdict } from './blocks/judgeDocumentChange.ts';
import { ParagraphCommands } from './blocks/ParagraphCommands.ts';
import { blockAt } from './blocks/topLevelBlocks.ts';
import type { CollaborationSession } from './collaboration/CollaborationSession.ts';
import type { CollaborationSnapshot } from './collaboration/CollaborationSnapshot.ts';
import type { Ledger } from './collaboration/ledger.ts';
import { GutterKeyboard } from './gutter/GutterKeyboard.ts';
import { gutterPluginKey, updateGutter } from './gutter/gutterPlugin.ts';
import { ParagraphGutter } from './gutter/ParagraphGutter.ts';
import { caretSelection, renderCaret } from './presence/renderCaret.ts';
import { documentExtensions } from './schema/documentExtensions.ts';
import { toolbarShortcut } from './toolbar/shortcuts.ts';
import type { EditorStrings } from './useEditorStrings.ts';

export interface DraftingEditorInput {
  session: CollaborationSession;
  snapshot: CollaborationSnapshot;
  user: User;
  strings: EditorStrings;
  editorLabel: string;
  onRefused: (verdict: Exclude<ChangeVerdict, { ok: true }>) => void;
  onFocusToolbar: () => void;
}

/** The label of the block holding the selection ("PP 2"), to say later which change the server refused. */
function labelAtSelection(editor: Editor, strings: EditorStrings): string | null {
  const block = blockAt(editor.state.doc, editor.state.selection.from);
  const entry = block?.id == null ? undefined : gutterPluginKey.getState(editor.state)?.byId.get(block.id);
  if (entry === undefined) return null;
  const label = strings.blockLabel(entry);
  return label === '' ? null : label;
}

/**
 * The Tiptap editor bound to one local copy of the document (the component using it is keyed by the copy's
 * generation, so a discarded copy gets a fresh editor). Editable only for accounts that may edit, once there is
 * content, and while the session runs.
 */
export function useDraftingEditor(input: DraftingEditorInput): Editor | null {
  const latest = useRef(input);
  latest.current = input;
  const [options] = useState(() => {
    const { session, snapshot, user, strings, editorLabel } = input;
    const canEdit = can(user, 'document.edit');
    return {
      extensions: [
        ...documentExtensions({ assignIds: canEdit }),
        Collaboration.configure({ document: snapshot.doc, field: documentField }),
        CollaborationCaret.configure({
          provider: snapshot.provider,
          user: session.presenceUser(),
          render: (state: Record<string, unknown>) => renderCaret(state, latest.current.strings.caret),
          selectionRender: caretSelection,
        }),
        ContentGuard.configure({ actor: user, onRefused: (verdict) => latest.current.onRefused(verdict) }),
        ParagraphCommands,
        // The provider's room is the document id; positions and flags come live through the session (message 103).
        ParagraphGutter.configure({ strings: strings.gutter, ledger: session.currentLedger, positions: { documentId: snapshot.provider.roomname, user, feed: session } }),
        GutterKeyboard,
        Extension.create({
          name: 'toolbarShortcut',
          addKeyboardShortcuts: () => ({
            [toolbarShortcut]: () => {
              latest.current.onFocusToolbar();
              return true;
            },
          }),
        }),
      ],
      editable: false,
      // The Content-Security-Policy allows no inline <style>: the editor's CSS is in editor.css.
      injectCSS: false,
      // Diplomatic text is typed as said: "1. " must not become a list, nor "**" bold.
      enableInputRules: false,
      enablePasteRules: false,
      editorProps: { attributes: { class: 'drafting-editor', 'aria-label': editorLabel, 'aria-multiline': 'true', role: 'textbox', spellcheck: 'true' } },
    };
  });
  const editor = useEditor(options, []);
  const { snapshot, user, strings, session } = input;
  const editable = can(user, 'document.edit') && snapshot.ready && snapshot.stopped === null;

  useEffect(() => {
    if (editor !== null && !editor.isDestroyed && editor.isEditable !== editable) editor.setEditable(editable);
  }, [editor, editable]);

  useEffect(() => {
    if (editor === null) return;
    // Every keystroke comes back as a ledger message: the gutter takes the latest once per frame.
    let pending: Ledger | null = null;
    let frame = 0;
    const flush = () => {
      frame = 0;
      if (pending !== null && !editor.isDestroyed) updateGutter(editor.view, { ledger: pending });
      pending = null;
    };
    const show = (ledger: Ledger) => {
      pending = ledger;
      if (frame === 0) frame = requestAnimationFrame(flush);
    };
    if (!editor.isDestroyed) updateGutter(editor.view, { ledger: session.currentLedger });
    const stop = session.subscribeLedger(show);
    return () => {
      stop();
      cancelAnimationFrame(frame);
    };
  }, [editor, session]);

  useEffect(() => {
    if (editor !== null && !editor.isDestroyed) updateGutter(editor.view, { strings: strings.gutter });
  }, [editor, strings.gutter]);

  useEffect(() => {
    if (editor === null) return;
    const onTransaction = ({ transaction }: { transaction: Parameters<typeof isRemoteChange>[0] }) => {
      if (transaction.docChanged && !isRemoteChange(transaction)) session.noteLocalEdit(labelAtSelection(editor, latest.current.strings));
    };
    let lockedIds = gutterPluginKey.getState(editor.state)?.lockedIds ?? new Set<string>();
    // One's undo history may hold changes to a paragraph that has just been agreed: undoing them would be
    // refused by the server (and cost the local copy), so the history is dropped whenever a paragraph locks.
    const onUpdate = () => {
      const next = gutterPluginKey.getState(editor.state)?.lockedIds ?? new Set<string>();
      if ([...next].some((id) => !lockedIds.has(id))) yUndoPluginKey.getState(editor.state)?.undoManager.clear();
      lockedIds = next;
    };
    editor.on('transaction', onTransaction);
    editor.on('update', onUpdate);
    return () => {
      editor.off('transaction', onTransaction);
      editor.off('update', onUpdate);
    };
  }, [editor, session]);

  return editor;
}
