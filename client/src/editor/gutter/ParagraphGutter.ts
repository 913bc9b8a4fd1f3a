import { Extension } from '@tiptap/core';
import { emptyLedger, type Ledger } from '../collaboration/ledger.ts';
import { paragraphGutterPlugin } from './gutterPlugin.ts';
import type { GutterStrings } from './GutterStrings.ts';
import { PositionsGutter, type PositionsGutterOptions } from './PositionsGutter.ts';

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
    return [paragraphGutterPlugin(strings, ledger, this.options.positions === null ? null : new PositionsGutter(this.options.positions))];
  },
});
