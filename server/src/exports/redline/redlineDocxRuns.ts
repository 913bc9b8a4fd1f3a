import { ShadingType, TextRun, type IRunOptions } from 'docx';
import type { RedlineWord } from '@concord/shared';
import { byDirection, notXml } from '../docx/docxRuns.ts';

/** The redline's colours, as in the HTML redline: deletions red, insertions blue, brackets dark red, margin notes purple. */
export const redlineColors = { deleted: 'A4161A', inserted: '0B4F8A', bracket: '8C1D18', note: '5A2D82', grey: '595959', bar: '555555' };

/** Word runs for plain text with one formatting: "\n" becomes a line break. The library escapes the text: it never becomes markup. */
export function textRuns(text: string, options: IRunOptions = {}): TextRun[] {
  const runs: TextRun[] = [];
  text
    .replace(notXml, '')
    .split('\n')
    .forEach((line, lineIndex) => {
      const parts = byDirection(line);
      if (lineIndex > 0 && parts.length === 0) runs.push(new TextRun({ ...options, break: 1 }));
      parts.forEach((part, partIndex) => {
        const lineBreak = lineIndex > 0 && partIndex === 0 ? { break: 1 } : {};
        runs.push(new TextRun({ ...options, ...lineBreak, ...(part.rightToLeft ? { rightToLeft: true } : {}), text: part.text }));
      });
    });
  return runs;
}

/** Struck through in red, or underlined in blue, on a light tint: distinct in colour and in black and white. */
export function changeFormatting(op: RedlineWord['op']): IRunOptions {
  if (op === 'delete') return { strike: true, color: redlineColors.deleted, shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'FDE7E7' } };
  if (op === 'insert') return { underline: { type: 'single', color: redlineColors.inserted }, color: redlineColors.inserted, shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'E2EEFB' } };
  return {};
}

function wordRuns(word: RedlineWord, base: IRunOptions): TextRun[] {
  const change = { ...base, ...changeFormatting(word.op) };
  if (word.part === 'open' || word.part === 'close') {
    return textRuns(word.text, { bold: true, boldComplexScript: true, color: redlineColors.bracket, ...change });
  }
  // A paragraph break added or taken out shows as a sign where it was; the entry lays out the paragraphs and list items.
  if (word.part === 'break' || word.part === 'item') return word.op === 'equal' ? [] : textRuns('¶', { bold: true, ...change });
  const bracketShade = word.bracket && word.op === 'equal' ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'FBEFD0' } } : {};
  return textRuns(word.text, { ...change, ...bracketShade });
}

/** A redline's words as Word runs, in reading order; `base` adds formatting to all (a heading's bold). */
export function redlineRuns(words: readonly RedlineWord[], base: IRunOptions = {}): TextRun[] {
  return words.flatMap((word) => wordRuns(word, base));
}
