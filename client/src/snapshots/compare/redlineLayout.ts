import type { BlockStatus } from '@concord/shared';
import type { ComparedBlock, ComparisonEntry, RedlineWord } from '@concord/shared/snapshots/compareSchema';

/**
 * How the redline screen lays out a comparison: which paragraphs an entry shows, with which label and status, and
 * list items line by line. The same reading as the redline export (server/src/exports/redline), for the screen.
 */

export type Label = ComparedBlock['label'];

const labelKey = (label: Label) => `${label.number}|${label.alternative}`;

/** The numbered labels of some blocks, each once, in order. */
function distinctLabels(blocks: readonly ComparedBlock[]): Label[] {
  const seen = new Map<string, Label>();
  for (const { label } of blocks) if (label.number !== '') seen.set(labelKey(label), label);
  return [...seen.values()];
}

const sameLabels = (first: readonly Label[], second: readonly Label[]) => first.map(labelKey).join(',') === second.map(labelKey).join(',');

/** One paragraph of an entry as shown: its labels now, its former labels when renumbered, its status (and former status). */
export interface RedlinePiece {
  after: ComparedBlock | undefined;
  before: ComparedBlock | undefined;
  labels: Label[];
  former: Label[] | null;
  /** The earlier statuses when the status changed; null when it did not (or the paragraph is new or deleted). */
  from: BlockStatus[] | null;
  to: BlockStatus[];
  words: RedlineWord[];
}

/** The words of a split entry, one group per paragraph it became (cut after each paragraph break kept or added). */
export function wordsByParagraph(words: readonly RedlineWord[]): RedlineWord[][] {
  const groups: RedlineWord[][] = [[]];
  for (const word of words) {
    groups[groups.length - 1]!.push(word);
    if (word.part === 'break' && word.op !== 'delete') groups.push([]);
  }
  return groups;
}

function pieceOf(after: ComparedBlock | undefined, before: readonly ComparedBlock[], showFormer: boolean, words: RedlineWord[]): RedlinePiece {
  const labels = distinctLabels(after === undefined ? before : [after]);
  const former = distinctLabels(before);
  const earlier = [...new Set(before.map((block) => block.status))];
  if (after === undefined) return { after, before: before[0], labels, former: null, from: null, to: earlier, words };
  const renumbered = showFormer && former.length > 0 && !sameLabels(former, labels);
  const same = earlier.length === 0 || (earlier.length === 1 && earlier[0] === after.status);
  return { after, before: before[0], labels, former: renumbered ? former : null, from: same ? null : earlier, to: [after.status], words };
}

/** The paragraphs of an entry: one, or for a split every paragraph it became, each with its own label and status. */
export function redlinePieces(entry: ComparisonEntry): RedlinePiece[] {
  if (entry.kind === 'split') return wordsByParagraph(entry.words).map((words, index) => pieceOf(entry.after[index], entry.before, index === 0, words));
  return [pieceOf(entry.after[0], entry.before, true, entry.words)];
}

/** One line of a list's redline: how its item fared, its marker ("(a)", "•"), its depth and its words. */
export interface ListLine {
  op: RedlineWord['op'];
  marker: string;
  depth: number;
  words: RedlineWord[];
}

/** Each item's marker, counting ordered items per depth: "(a)", "(b)"... bullets "•". */
export function listMarkers(items: ComparedBlock['items'], subparagraph: (index: number) => string): string[] {
  const counters: number[] = [];
  return items.map((item) => {
    counters.length = item.depth + 1;
    const count = (counters[item.depth] ?? 0) + 1;
    counters[item.depth] = count;
    return item.ordered ? subparagraph(count) : '•';
  });
}

/**
 * A list's redline cut into its items, each with its marker: the later version's, or the earlier one's for an item
 * deleted whole (op `delete`); an item added whole has op `insert`.
 */
export function listLines(words: readonly RedlineWord[], before: ComparedBlock | undefined, after: ComparedBlock | undefined, subparagraph: (index: number) => string): ListLine[] {
  const markers = { before: listMarkers(before?.items ?? [], subparagraph), after: listMarkers(after?.items ?? [], subparagraph) };
  let beforeIndex = 0;
  let afterIndex = 0;
  const lineFor = (op: RedlineWord['op']): ListLine =>
    op === 'delete'
      ? { op, marker: markers.before[beforeIndex] ?? '', depth: before?.items[beforeIndex]?.depth ?? 0, words: [] }
      : { op, marker: markers.after[afterIndex] ?? '', depth: after?.items[afterIndex]?.depth ?? 0, words: [] };
  const lines: ListLine[] = [lineFor(after === undefined ? 'delete' : before === undefined ? 'insert' : 'equal')];
  for (const word of words) {
    if (word.part !== 'item') {
      lines[lines.length - 1]!.words.push(word);
      continue;
    }
    if (word.op !== 'insert') beforeIndex += 1;
    if (word.op !== 'delete') afterIndex += 1;
    lines.push(lineFor(word.op));
  }
  return lines;
}

/** A stretch of the redline to render as one element: neighbouring text words of the same change and bracket state joined. */
export interface RedlineSegment {
  op: RedlineWord['op'];
  part: RedlineWord['part'];
  bracket: boolean;
  text: string;
}

/** Joins neighbouring text words that render alike, so that a deletion of five words is one struck-through stretch. */
export function segmentsOf(words: readonly RedlineWord[]): RedlineSegment[] {
  const segments: RedlineSegment[] = [];
  for (const word of words) {
    const last = segments[segments.length - 1];
    if (last !== undefined && word.part === 'text' && last.part === 'text' && last.op === word.op && last.bracket === word.bracket) last.text += word.text;
    else segments.push({ op: word.op, part: word.part, bracket: word.bracket, text: word.text });
  }
  return segments;
}

/** The text of some words (bracket signs and breaks as spaces), to name a paragraph that has no label. */
export const plainText = (words: readonly RedlineWord[]) => words.map((word) => (word.part === 'text' ? word.text : ' ')).join('');
