import type { BlockStatus, ComparedBlock, ComparisonEntry, RedlineWord } from '@concord/shared';
export { listLines, type ListLine } from '@concord/shared';

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
