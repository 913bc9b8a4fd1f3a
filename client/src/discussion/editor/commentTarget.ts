import type { EditorState } from '@tiptap/pm/state';
import { lockedStatuses, threadLimits } from '@concord/shared';
import { blockAt } from '../../editor/blocks/topLevelBlocks.ts';

/** Why a new comment goes to the whole paragraph rather than to the selected text. */
export type ParagraphReason = 'no-selection' | 'cannot-edit' | 'locked' | 'across-paragraphs';

/** Where a "Comment" made now would hang: the selected text, the paragraph holding the cursor, or nowhere. */
export type CommentTarget =
  | { kind: 'range'; blockId: string; quote: string; from: number; to: number }
  | { kind: 'paragraph'; blockId: string; reason: ParagraphReason }
  | { kind: 'none' };

/** The quote the server keeps with a range thread: the selected text, cut to the schema's limit. */
export function quoteOf(text: string): string {
  const quote = text.replace(/\s+/gu, ' ').trim();
  return quote.length <= threadLimits.quote ? quote : `${quote.slice(0, threadLimits.quote - 1)}…`;
}

/**
 * The target of a new thread. A range needs a non-empty selection inside one paragraph that the user may edit
 * (the comment mark is written into the text, which the server refuses in an agreed paragraph or from an
 * observer); anything else comments on the paragraph holding the cursor.
 */
export function commentTarget(state: EditorState, canEdit: boolean): CommentTarget {
  const { selection, doc } = state;
  const head = blockAt(doc, selection.head);
  const paragraph = (reason: ParagraphReason): CommentTarget => (head?.id == null ? { kind: 'none' } : { kind: 'paragraph', blockId: head.id, reason });
  if (selection.empty) return paragraph('no-selection');
  const start = blockAt(doc, selection.from);
  const end = blockAt(doc, selection.to);
  if (start === null || end === null || start.pos !== end.pos || start.id === null) return paragraph('across-paragraphs');
  const quote = quoteOf(doc.textBetween(selection.from, selection.to, ' '));
  if (quote === '') return paragraph('no-selection');
  if (!canEdit) return paragraph('cannot-edit');
  if (lockedStatuses.has(start.status)) return paragraph('locked');
  return { kind: 'range', blockId: start.id, quote, from: selection.from, to: selection.to };
}

/** A key that changes only when what the "Comment" button would do changes (not with every caret move). */
export function targetKey(target: CommentTarget): string {
  if (target.kind === 'none') return 'none';
  if (target.kind === 'paragraph') return `paragraph:${target.blockId}:${target.reason}`;
  return `range:${target.blockId}:${target.from}:${target.to}`;
}
