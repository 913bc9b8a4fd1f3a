import { listLines as linesOfList, type ComparedBlock, type ExportLanguage, type ListLine, type RedlineWord } from '@concord/shared';
import { exportLabels } from '../exportLabels.ts';
import { escapeHtml } from '../html/escapeHtml.ts';
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

/** The text of some words, bracket signs and breaks as spaces (to find its direction, or name a paragraph). */
export const plainText = (words: readonly RedlineWord[]) => words.map((word) => (word.part === 'text' ? word.text : ' ')).join('');

/** A list's redline cut into its items, markers in the export's language. */
export function listLines(words: readonly RedlineWord[], before: ComparedBlock | undefined, after: ComparedBlock | undefined, language: ExportLanguage): ListLine[] {
  return linesOfList(words, before, after, exportLabels[language].subparagraph);
}

/** A list's redline as HTML, one line per item; the marker of an item deleted or added whole is struck or underlined too. */
export function renderList(words: readonly RedlineWord[], before: ComparedBlock | undefined, after: ComparedBlock | undefined, language: ExportLanguage): string {
  const items = listLines(words, before, after, language).map(
    (line) => `<li class="depth-${line.depth}"${dirAttribute(plainText(line.words))}>${wrap(line.op, escapeHtml(`${line.marker} `), ['marker'])}${renderWords(line.words, language)}</li>`,
  );
  return `<ul class="subparagraphs">\n${items.join('\n')}\n</ul>`;
}
