import { Extension } from '@tiptap/core';
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { Plugin, PluginKey, TextSelection, type Transaction } from '@tiptap/pm/state';
import { Decoration, DecorationSet, type EditorView } from '@tiptap/pm/view';
import { isRemoteChange } from '../blocks/ContentGuard.ts';
import { blockAt, topLevelBlocks } from '../blocks/topLevelBlocks.ts';
import { emptyLedger, type Ledger } from '../collaboration/ledger.ts';
import { gutterEntries, type GutterEntry } from './gutterEntries.ts';
import type { GutterStrings } from './GutterStrings.ts';
import { PositionsGutter, type PositionsGutterOptions } from './PositionsGutter.ts';
import { renderGutter } from './renderGutter.ts';

export interface GutterState {
  decorations: DecorationSet;
  /** Entries by block id, for the toolbar ("PP 2") and refusal messages. */
  byId: ReadonlyMap<string, GutterEntry>;
  /** Ids of agreed and agreed-ad-ref blocks (one's undo history is dropped when a block gets locked). */
  lockedIds: ReadonlySet<string>;
  ledger: Ledger;
  strings: GutterStrings;
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

function build(doc: ProseMirrorNode, ledger: Ledger, strings: GutterStrings, positions: PositionsGutter | null): GutterState {
  const entries = gutterEntries(topLevelBlocks(doc), ledger);
  const decorations = entries.map((entry) =>
    Decoration.widget(entry.pos, (view, getPos) => renderGutter(entry, strings, () => selectBlock(view, getPos), positionsPartOf(entry, strings, positions)), {
      side: -1,
      key: widgetKey(entry, strings),
      ignoreSelection: true,
      stopEvent: () => true,
      destroy: (node) => positions?.released(node),
    }),
  );
  const byId = new Map<string, GutterEntry>();
  const lockedIds = new Set<string>();
  for (const entry of entries) {
    if (entry.blockId === null) continue;
    byId.set(entry.blockId, entry);
    if (entry.locked) lockedIds.add(entry.blockId);
  }
  return { decorations: DecorationSet.create(doc, decorations), byId, lockedIds, ledger, strings };
}

/**
 * The paragraph gutter: label (PP 1, 1., Alt 1), status, originator and the NWS/NNWS mix beside every block.
 * Widget decorations rather than node views, for a 100-page document: node views would put a view object (and,
 * with React, a root) on every paragraph and re-create them whenever y-prosemirror rebuilds the document after a
 * remote change; widgets are plain DOM, keyed by what they show, so ProseMirror keeps every widget whose key is
 * unchanged, and typing inside a paragraph only maps the set (no rebuild) because labels cannot change then.
 */
export const ParagraphGutter = Extension.create<{ strings: GutterStrings | null; ledger: Ledger; positions: PositionsGutterOptions | null }>({
  name: 'paragraphGutter',

  addOptions() {
    return { strings: null, ledger: emptyLedger, positions: null };
  },

  addProseMirrorPlugins() {
    const { strings, ledger } = this.options;
    if (strings === null) throw new Error('ParagraphGutter needs its strings');
    // Positions and flags per paragraph, when the editor is given a document and a live feed.
    const positions = this.options.positions === null ? null : new PositionsGutter(this.options.positions);
    return [
      new Plugin<GutterState>({
        key: gutterPluginKey,
        state: {
          init: (_config, state) => build(state.doc, ledger, strings, positions),
          apply: (transaction: Transaction, value, oldState, newState) => {
            const meta = transaction.getMeta(gutterPluginKey) as GutterMeta | undefined;
            if (!transaction.docChanged && meta === undefined) return value;
            if (meta === undefined && !isRemoteChange(transaction) && sameStructure(oldState.doc, newState.doc)) {
              return { ...value, decorations: value.decorations.map(transaction.mapping, transaction.doc) };
            }
            return build(newState.doc, meta?.ledger ?? value.ledger, meta?.strings ?? value.strings, positions);
          },
        },
        props: {
          decorations: (state) => gutterPluginKey.getState(state)?.decorations,
        },
        view: () => {
          positions?.start();
          return { destroy: () => positions?.stop() };
        },
      }),
    ];
  },
});
