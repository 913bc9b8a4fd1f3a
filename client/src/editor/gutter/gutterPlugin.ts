import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { Plugin, PluginKey, TextSelection, type Transaction } from '@tiptap/pm/state';
import { Decoration, DecorationSet, type EditorView } from '@tiptap/pm/view';
import { isRemoteChange } from '../blocks/ContentGuard.ts';
import { blockAt, topLevelBlocks } from '../blocks/topLevelBlocks.ts';
import type { Ledger } from '../collaboration/ledger.ts';
import { currentGutterMarker } from './currentGutter.ts';
import { gutterEntries, type GutterEntry } from './gutterEntries.ts';
import type { GutterStrings } from './GutterStrings.ts';
import type { PositionsGutter } from './PositionsGutter.ts';
import { renderGutter } from './renderGutter.ts';

export interface GutterState {
  decorations: DecorationSet;
  /** Entries by block id, for the toolbar ("PP 2") and refusal messages. */
  byId: ReadonlyMap<string, GutterEntry>;
  /** Ids of agreed and agreed-ad-ref blocks (one's undo history is dropped when a block gets locked). */
  lockedIds: ReadonlySet<string>;
  ledger: Ledger;
  strings: GutterStrings;
  /** Each block's id and widget key, in document order (what a ledger-only update compares against). */
  shown: readonly ShownWidget[];
}

interface ShownWidget {
  blockId: string | null;
  key: string;
}

interface GutterMeta {
  ledger?: Ledger;
  strings?: GutterStrings;
}

export const gutterPluginKey = new PluginKey<GutterState>('paragraphGutter');

/** Tells the gutter about a new ledger or new strings (language change). */
export function updateGutter(view: EditorView, meta: GutterMeta): void {
  view.dispatch(view.state.tr.setMeta(gutterPluginKey, meta));
}

const structuralAttributes = ['id', 'status', 'role', 'alternativeOf'] as const;

/** Whether the blocks and what labels depend on are unchanged (typing inside a paragraph leaves them so). */
function sameStructure(before: ProseMirrorNode, after: ProseMirrorNode): boolean {
  if (before.childCount !== after.childCount) return false;
  for (let index = 0; index < before.childCount; index++) {
    const left = before.child(index);
    const right = after.child(index);
    if (left === right || (left.attrs === right.attrs && left.type === right.type)) continue;
    if (left.type !== right.type || structuralAttributes.some((key) => left.attrs[key] !== right.attrs[key])) return false;
  }
  return true;
}

/** Puts the cursor in the block (keeping it where it was if it already is in it) and returns to the text. */
function selectBlock(view: EditorView, getPos: () => number | undefined): void {
  const pos = getPos();
  if (pos === undefined) return;
  if (blockAt(view.state.doc, view.state.selection.from)?.pos === pos) {
    view.focus();
    return;
  }
  const inside = Math.min(pos + 1, view.state.doc.content.size);
  view.dispatch(view.state.tr.setSelection(TextSelection.near(view.state.doc.resolve(inside))));
  view.focus();
}

function widgetKey(entry: GutterEntry, strings: GutterStrings): string {
  return JSON.stringify([strings.language, entry.blockId, entry.type, entry.number, entry.alternative, entry.status, entry.originator, entry.createdAt, entry.contributors]);
}

/** Paragraphs carry positions and flags; headings and lists do not. */
function positionsPartOf(entry: GutterEntry, strings: GutterStrings, positions: PositionsGutter | null): HTMLElement | null {
  if (positions === null || entry.blockId === null || entry.type !== 'paragraph') return null;
  return positions.partFor(entry.blockId, strings.label(entry));
}

function widgetOf(entry: GutterEntry, key: string, strings: GutterStrings, positions: PositionsGutter | null): Decoration {
  return Decoration.widget(entry.pos, (view, getPos) => renderGutter(entry, strings, () => selectBlock(view, getPos), positionsPartOf(entry, strings, positions)), {
    side: -1,
    key,
    blockId: entry.blockId,
    ignoreSelection: true,
    stopEvent: () => true,
    destroy: (node) => positions?.released(node),
  });
}

function indexed(entries: readonly GutterEntry[], strings: GutterStrings) {
  const byId = new Map<string, GutterEntry>();
  const lockedIds = new Set<string>();
  for (const entry of entries) {
    if (entry.blockId === null) continue;
    byId.set(entry.blockId, entry);
    if (entry.locked) lockedIds.add(entry.blockId);
  }
  const shown = entries.map((entry) => ({ blockId: entry.blockId, key: widgetKey(entry, strings) }));
  return { byId, lockedIds, shown };
}

function build(doc: ProseMirrorNode, ledger: Ledger, strings: GutterStrings, positions: PositionsGutter | null): GutterState {
  const entries = gutterEntries(topLevelBlocks(doc), ledger);
  const { byId, lockedIds, shown } = indexed(entries, strings);
  const decorations = entries.map((entry, index) => widgetOf(entry, shown[index]!.key, strings, positions));
  return { decorations: DecorationSet.create(doc, decorations), byId, lockedIds, ledger, strings, shown };
}

/**
 * A new ledger for the same blocks (the echo of every keystroke): only the widgets whose key changed are replaced,
 * so ProseMirror compares a handful of decorations instead of one per block. Null when the blocks differ.
 */
function withLedger(value: GutterState, doc: ProseMirrorNode, ledger: Ledger, positions: PositionsGutter | null): GutterState | null {
  const entries = gutterEntries(topLevelBlocks(doc), ledger);
  if (entries.length !== value.shown.length || entries.some((entry, index) => entry.blockId !== value.shown[index]!.blockId)) return null;
  const { byId, lockedIds, shown } = indexed(entries, value.strings);
  const removed: Decoration[] = [];
  const added: Decoration[] = [];
  for (const [index, entry] of entries.entries()) {
    const { key } = shown[index]!;
    if (key === value.shown[index]!.key) continue;
    const old = value.decorations.find(entry.pos, entry.pos, (spec: { blockId?: string | null; key?: string }) => spec.key === value.shown[index]!.key && spec.blockId === entry.blockId);
    if (old.length !== 1) return null;
    removed.push(old[0]!);
    added.push(widgetOf(entry, key, value.strings, positions));
  }
  const decorations = added.length === 0 ? value.decorations : value.decorations.remove(removed).add(doc, added);
  return { decorations, byId, lockedIds, ledger, strings: value.strings, shown };
}

/** The gutter's ProseMirror plugin: its state (widgets and indexes) and the positions parts' lifetime. */
export function paragraphGutterPlugin(strings: GutterStrings, ledger: Ledger, positions: PositionsGutter | null): Plugin<GutterState> {
  return new Plugin<GutterState>({
    key: gutterPluginKey,
    state: {
      init: (_config, state) => build(state.doc, ledger, strings, positions),
      apply: (transaction: Transaction, value, oldState, newState) => {
        const meta = transaction.getMeta(gutterPluginKey) as GutterMeta | undefined;
        if (!transaction.docChanged && meta === undefined) return value;
        if (meta === undefined && !isRemoteChange(transaction) && sameStructure(oldState.doc, newState.doc)) {
          return { ...value, decorations: value.decorations.map(transaction.mapping, transaction.doc) };
        }
        if (!transaction.docChanged && meta?.ledger !== undefined && meta.strings === undefined) {
          const updated = withLedger(value, newState.doc, meta.ledger, positions);
          if (updated !== null) return updated;
        }
        return build(newState.doc, meta?.ledger ?? value.ledger, meta?.strings ?? value.strings, positions);
      },
    },
    props: {
      decorations: (state) => gutterPluginKey.getState(state)?.decorations,
    },
    view: (view) => {
      positions?.start();
      const markCurrent = currentGutterMarker();
      markCurrent(view);
      return { update: markCurrent, destroy: () => positions?.stop() };
    },
  });
}
