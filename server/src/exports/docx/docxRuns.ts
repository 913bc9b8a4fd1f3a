import { Tab, TextRun, type IRunOptions } from 'docx';
import type { RunMark, TextRun as SnapshotRun } from '@concord/shared';

/** What a run adds to the marks: the small grey print of statuses and positions, the title's size. */
export type RunStyle = Pick<IRunOptions, 'size' | 'color' | 'bold' | 'italics'>;

// Characters XML 1.0 cannot hold (control characters, unpaired surrogates): dropped, or the part would not parse.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const notXml = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// Hebrew, Arabic, Syriac, Thaana, N'Ko... and the Arabic presentation forms.
const rightToLeftLetter = '\\u0590-\\u08FF\\uFB1D-\\uFDFF\\uFE70-\\uFEFF';
const rightToLeftStretch = new RegExp(`[${rightToLeftLetter}](?:[${rightToLeftLetter}\\s]*[${rightToLeftLetter}])?`, 'g');

/** Splits a line into stretches of right-to-left script and the rest, so Word lays out (and picks the cs font for) each. */
export function byDirection(line: string): { text: string; rightToLeft: boolean }[] {
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

/** Plain text with "\t" as Word tabs: the library escapes the strings, so the text never becomes markup. */
function withTabs(text: string): (string | Tab)[] {
  return text.split('\t').flatMap((piece, index) => (index === 0 ? [piece] : [new Tab(), piece])).filter((child) => child !== '');
}

/**
 * Word runs for a stretch of text with marks: "\n" becomes a line break, "\t" a tab, bold/italic/underline apply
 * to complex scripts too (Arabic text is bold when the run is), right-to-left script is marked as such.
 */
export function styledRuns(text: string, marks: readonly RunMark[], style: RunStyle = {}): TextRun[] {
  const bold = marks.includes('bold') || style.bold === true;
  const italics = marks.includes('italic') || style.italics === true;
  const formatting: IRunOptions = {
    ...style,
    ...(bold ? { bold: true, boldComplexScript: true } : {}),
    ...(italics ? { italics: true, italicsComplexScript: true } : {}),
    ...(marks.includes('underline') ? { underline: { type: 'single' } } : {}),
  };
  const runs: TextRun[] = [];
  text
    .replace(notXml, '')
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .forEach((line, lineIndex) => {
      const parts = byDirection(line);
      if (lineIndex > 0 && parts.length === 0) runs.push(new TextRun({ ...formatting, break: 1 }));
      parts.forEach((part, partIndex) => {
        const lineBreak = lineIndex > 0 && partIndex === 0 ? { break: 1 } : {};
        runs.push(new TextRun({ ...formatting, ...lineBreak, ...(part.rightToLeft ? { rightToLeft: true } : {}), children: withTabs(part.text) }));
      });
    });
  return runs;
}

/**
 * The runs of a paragraph of the document: each with its marks, and brackets as literal "[" "]" around every
 * stretch of bracket-marked runs (agreed exports have none left: exportedBlocks strips them).
 */
export function paragraphRuns(runs: readonly SnapshotRun[], style: RunStyle = {}): TextRun[] {
  const result: TextRun[] = [];
  let bracketOpen = false;
  for (const run of runs) {
    const bracketed = run.marks.includes('bracket');
    if (bracketed !== bracketOpen) result.push(...styledRuns(bracketed ? '[' : ']', [], style));
    bracketOpen = bracketed;
    result.push(...styledRuns(run.text, run.marks, style));
  }
  if (bracketOpen) result.push(...styledRuns(']', [], style));
  return result;
}
