import type { EditorState } from '@tiptap/pm/state';
import { absolutePositionToRelativePosition, relativePositionToAbsolutePosition, ySyncPluginKey } from '@tiptap/y-tiptap';

interface SyncState {
  doc: Parameters<typeof relativePositionToAbsolutePosition>[0];
  type: Parameters<typeof relativePositionToAbsolutePosition>[1];
  binding: { mapping: Parameters<typeof relativePositionToAbsolutePosition>[3] } | null;
}

function syncStateOf(state: EditorState): SyncState | null {
  const sync = ySyncPluginKey.getState(state) as Partial<SyncState> | undefined;
  if (sync?.doc == null || sync.type == null || sync.binding == null) return null;
  return sync as SyncState;
}

/**
 * Remembers a range of the text across edits, by Yjs relative positions: a remote change replaces the whole
 * ProseMirror document, so mapping ProseMirror positions would lose it. Resolving answers the range as it is now,
 * or null when its text has been deleted (or cannot be found).
 */
export function trackRange(state: EditorState, from: number, to: number): (now: EditorState) => { from: number; to: number } | null {
  const sync = syncStateOf(state);
  if (sync === null) return (now) => (to <= now.doc.content.size && from < to ? { from, to } : null);
  const start = absolutePositionToRelativePosition(from, sync.type, sync.binding!.mapping);
  const end = absolutePositionToRelativePosition(to, sync.type, sync.binding!.mapping);
  return (now) => {
    const current = syncStateOf(now);
    if (current === null) return null;
    const resolvedFrom = relativePositionToAbsolutePosition(current.doc, current.type, start, current.binding!.mapping);
    const resolvedTo = relativePositionToAbsolutePosition(current.doc, current.type, end, current.binding!.mapping);
    if (resolvedFrom === null || resolvedTo === null || resolvedFrom >= resolvedTo || resolvedTo > now.doc.content.size) return null;
    return { from: resolvedFrom, to: resolvedTo };
  };
}
