import { ShadingType, TextRun, type IRunOptions } from 'docx';
import type { RedlineWord } from '@concord/shared';

/** The redline's colours, as in the HTML redline: deletions red, insertions blue, brackets dark red, margin notes purple. */
export const redlineColors = { deleted: 'A4161A', inserted: '0B4F8A', bracket: '8C1D18', note: '5A2D82', grey: '595959', bar: '555555' };

// Characters XML 1.0 cannot hold (control characters, unpaired surrogates): dropped, or the part would not parse.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const notXml = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const rightToLeftLetter = '\\u0590-\\u08FF\\uFB1D-\\uFDFF\\uFE70-\\uFEFF';
const rightToLeftStretch = new RegExp(`[${rightToLeftLetter}](?:[${rightToLeftLetter}\\s]*[${rightToLeftLetter}])?`, 'g');

/** A line cut into stretches of right-to-left script and the rest, so that Word lays out (and picks the font for) each. */
function byDirection(line: string): { text: string; rightToLeft: boolean }[] {
  const parts: { text: string; rightToLeft: boolean }[] = [];
  let last = 0;
  for (const match of line.matchAll(rightToLeftStretch)) {
    if (match.index > last) parts.push({ text: line.slice(last, match.index), rightToLeft: false });
    parts.push({ text: match[0], rightToLeft: true });
    last = match.index + match[0].length;
  }
  if (last < line.length) parts.push({ text: line.slice(last), rightToLeft: false });
  return parts;
}

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
