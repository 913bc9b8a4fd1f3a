import type { ComparedBlock, ExportLanguage, RedlineWord } from '@concord/shared';
import { exportLabels } from '../exportLabels.ts';
import { escapeHtml } from '../html/escapeHtml.ts';
import { listMarkers } from '../html/htmlRuns.ts';
import { dirAttribute } from '../html/textDirection.ts';
import { redlineLabels } from './redlineLabels.ts';

const textHtml = (text: string) => text.split('\n').map(escapeHtml).join('<br>');

/** Deleted text struck through, inserted text underlined, kept text as it is; `classes` (and a tooltip) on the element. */
function wrap(op: RedlineWord['op'], html: string, classes: string[] = [], title = ''): string {
  const attributes = `${classes.length === 0 ? '' : ` class="${classes.join(' ')}"`}${title === '' ? '' : ` title="${escapeHtml(title)}"`}`;
  if (op === 'delete') return `<del${attributes}>${html}</del>`;
  if (op === 'insert') return `<ins${attributes}>${html}</ins>`;
  return attributes === '' ? html : `<span${attributes}>${html}</span>`;
}

function wordHtml(word: RedlineWord, language: ExportLanguage): string {
  if (word.part === 'open' || word.part === 'close') return wrap(word.op, escapeHtml(word.text), ['bracket']);
  // A paragraph break added or taken out shows as a sign where it was; the entry lays out the paragraphs, and
  // renderList the list items.
  if (word.part === 'break' || word.part === 'item') return word.op === 'equal' ? '' : wrap(word.op, '¶', ['pilcrow'], redlineLabels[language].paragraphBreak);
  return wrap(word.op, textHtml(word.text), word.bracket ? ['bracketed'] : []);
}

/** Words as escaped HTML, in reading order; text inside brackets is shaded. */
export function renderWords(words: readonly RedlineWord[], language: ExportLanguage): string {
  return words.map((word) => wordHtml(word, language)).join('');
}

/** The words of a split entry, one group per paragraph it became (cut at each paragraph break). */
export function wordsByParagraph(words: readonly RedlineWord[]): RedlineWord[][] {
  const groups: RedlineWord[][] = [[]];
  for (const word of words) {
    // The sign of the new break ends the paragraph before it.
    groups[groups.length - 1]!.push(word);
    if (word.part === 'break' && word.op !== 'delete') groups.push([]);
  }
  return groups;
}

/** One line of a list's redline: how its item fared, its marker, its depth and its words. */
export interface ListLine {
  op: RedlineWord['op'];
  marker: string;
  depth: number;
  words: RedlineWord[];
}

/** The text of some words, bracket signs and breaks as spaces (to find its direction, or name a paragraph). */
export const plainText = (words: readonly RedlineWord[]) => words.map((word) => (word.part === 'text' ? word.text : ' ')).join('');

/**
 * A list's redline cut into its items, each with its marker ("(a)", "•"): the later version's, or the earlier
 * one's for an item deleted whole (op `delete`); an item added whole has op `insert`. Items are counted on each
 * side as the words go.
 */
export function listLines(words: readonly RedlineWord[], before: ComparedBlock | undefined, after: ComparedBlock | undefined, language: ExportLanguage): ListLine[] {
  const subparagraph = exportLabels[language].subparagraph;
  const markersOf = (block: ComparedBlock | undefined) => (block === undefined ? [] : listMarkers(block.items.map((item) => ({ ...item, runs: [] })), subparagraph));
  const sides = { before: markersOf(before), after: markersOf(after) };
  const depthOf = (block: ComparedBlock | undefined, index: number) => block?.items[index]?.depth ?? 0;
  let beforeIndex = 0;
  let afterIndex = 0;
  const lineFor = (op: RedlineWord['op']): ListLine =>
    op === 'delete'
      ? { op, marker: sides.before[beforeIndex] ?? '', depth: depthOf(before, beforeIndex), words: [] }
      : { op, marker: sides.after[afterIndex] ?? '', depth: depthOf(after, afterIndex), words: [] };
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

/** A list's redline as HTML, one line per item; the marker of an item deleted or added whole is struck or underlined too. */
export function renderList(words: readonly RedlineWord[], before: ComparedBlock | undefined, after: ComparedBlock | undefined, language: ExportLanguage): string {
  const items = listLines(words, before, after, language).map(
    (line) => `<li class="depth-${line.depth}"${dirAttribute(plainText(line.words))}>${wrap(line.op, escapeHtml(`${line.marker} `), ['marker'])}${renderWords(line.words, language)}</li>`,
  );
  return `<ul class="subparagraphs">\n${items.join('\n')}\n</ul>`;
}
