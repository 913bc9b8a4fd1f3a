import { BorderStyle, Paragraph, Tab, TextRun, type IParagraphOptions } from 'docx';
import type { ComparisonEntry, ExportLanguage } from '@concord/shared';
import { exportLabels, labelText } from '../exportLabels.ts';
import { changeFormatting, redlineColors, redlineRuns, textRuns } from './redlineDocxRuns.ts';
import { redlineLabels } from './redlineLabels.ts';
import { entryPieces, statusArrow, type EntryPiece, type TagParts } from './redlineTag.ts';
import { listLines } from './redlineWords.ts';

// Twentieths of a point: list items hang one step in per level, their marker in the hanging indent.
const listStep = 567;
const small = { size: 18, sizeComplexScript: 18 };

/** A paragraph in the document's direction (right to left in Arabic). */
export function docxParagraph(language: ExportLanguage, options: IParagraphOptions): Paragraph {
  return new Paragraph({ ...options, ...(exportLabels[language].direction === 'rtl' ? { bidirectional: true } : {}) });
}

/** The change bar: a rule at the start edge of every paragraph of an entry that changed (Word's revision bar, drawn). */
const changeBar = { border: { left: { style: BorderStyle.SINGLE, size: 18, color: redlineColors.bar, space: 8 } } };

/** "CHANGED  2. (formerly 1.)  Draft → Agreed ad referendum", in small print above the text. */
function tagRuns(tag: TagParts, kind: string, language: ExportLanguage): TextRun[] {
  const words = exportLabels[language];
  const labels = (list: readonly TagParts['labels'][number][]) => list.map((label) => labelText(label, words)).join(', ');
  const status = (list: readonly (keyof typeof words.status)[]) => list.map((value) => words.status[value]).join(', ');
  return [
    ...(kind === '' ? [] : textRuns(`${kind.toLocaleUpperCase(language)}  `, { ...small, bold: true, boldComplexScript: true, color: redlineColors.note })),
    ...(tag.labels.length === 0 ? [] : textRuns(`${labels(tag.labels)} `, { ...small, bold: true, boldComplexScript: true })),
    ...(tag.former === null ? [] : textRuns(`(${redlineLabels[language].formerly} ${labels(tag.former)}) `, { ...small, color: redlineColors.grey })),
    ...textRuns(tag.from === null ? status(tag.to) : `${status(tag.from)} ${statusArrow(language)} ${status(tag.to)}`, {
      ...small,
      color: redlineColors.grey,
      ...(tag.from === null ? {} : { bold: true, boldComplexScript: true }),
    }),
  ];
}

function pieceParagraphs(piece: EntryPiece, kind: string, changed: boolean, language: ExportLanguage): Paragraph[] {
  const bar = changed ? changeBar : {};
  const tag = docxParagraph(language, { ...bar, keepNext: true, spacing: { before: kind === '' && changed ? 120 : 240, after: 40 }, children: tagRuns(piece.tag, kind, language) });
  const block = piece.after ?? piece.before;
  if (block?.kind === 'bulletList' || block?.kind === 'orderedList') {
    const lines = listLines(piece.words, piece.before, piece.after, language);
    return [
      tag,
      ...lines.map((line) =>
        docxParagraph(language, {
          ...bar,
          indent: { left: (line.depth + 1) * listStep, hanging: listStep },
          spacing: { after: 60 },
          children: [...textRuns(line.marker, changeFormatting(line.op)), new TextRun({ children: [new Tab()] }), ...redlineRuns(line.words)],
        }),
      ),
    ];
  }
  const heading = block?.kind === 'heading';
  const runs = redlineRuns(piece.words, heading ? { bold: true, boldComplexScript: true, size: 26, sizeComplexScript: 26 } : {});
  return [tag, docxParagraph(language, { ...bar, ...(heading ? { keepNext: true } : {}), spacing: { after: 60 }, children: runs })];
}

/**
 * The Word paragraphs of one entry: for each paragraph it holds (several for a split), a tag line (what happened
 * to it, in capitals, where the HTML redline has its margin note; its label; its status) and its text, with the
 * change bar beside every paragraph that changed.
 */
export function entryParagraphs(entry: ComparisonEntry, language: ExportLanguage): Paragraph[] {
  const changed = entry.kind !== 'unchanged';
  const kind = changed ? redlineLabels[language].kind[entry.kind] : '';
  return entryPieces(entry, language).flatMap((piece, index) => pieceParagraphs(piece, index === 0 ? kind : '', changed, language));
}
