import type { ComparedBlock, RedlineWord } from './compareSchema.ts';

/**
 * The marker of each flattened list item: lettered sub-paragraph markers ("(a)", "a)", "(أ)"... from
 * `subparagraph`) counted per depth and restarting under each parent, or a bullet. Every export and the redline
 * number lists with it.
 */
export function listMarkers(items: ReadonlyArray<{ depth: number; ordered: boolean }>, subparagraph: (index: number) => string): string[] {
  const counters: number[] = [];
  return items.map((item) => {
    counters.length = item.depth + 1;
    const count = (counters[item.depth] ?? 0) + 1;
    counters[item.depth] = count;
    return item.ordered ? subparagraph(count) : '•';
  });
}

/** One line of a list's redline: how its item fared, its marker ("(a)", "•"), its depth and its words. */
export interface ListLine {
  op: RedlineWord['op'];
  marker: string;
  depth: number;
  words: RedlineWord[];
}

/**
 * A list's redline cut into its items, each with its marker: the later version's, or the earlier one's for an item
 * deleted whole (op `delete`); an item added whole has op `insert`. Items are counted on each side as the words go.
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
