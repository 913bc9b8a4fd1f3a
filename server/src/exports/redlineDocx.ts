import { AlignmentType, BorderStyle, Document, Packer, type Paragraph } from 'docx';
import { comparisonKinds, type Comparison, type ExportLanguage } from '@concord/shared';
import { deterministicPackage } from './docx/deterministicPackage.ts';
import { documentStyles } from './docx/docxStyles.ts';
import { exportLabels, labelText } from './exportLabels.ts';
import { docxParagraph, entryParagraphs } from './redline/redlineDocxEntries.ts';
import { changeFormatting, redlineColors, textRuns } from './redline/redlineDocxRuns.ts';
import { redlineLabels } from './redline/redlineLabels.ts';
import { statusArrow } from './redline/redlineTag.ts';
import type { RedlineContext } from './redlineHtml.ts';

// A4, 2.5 cm margins, in twentieths of a point, as the DOCX export.
const a4 = { width: 11906, height: 16838 };
const margin = 1418;
const bold = { bold: true, boldComplexScript: true };

/** Symbol, date, title, what this is, and which versions are compared. */
function frontMatter(context: RedlineContext): Paragraph[] {
  const { language } = context;
  const words = redlineLabels[language];
  const end = exportLabels[language].direction === 'rtl' ? AlignmentType.LEFT : AlignmentType.RIGHT;
  const paragraph = (options: Parameters<typeof docxParagraph>[1]) => docxParagraph(language, options);
  return [
    ...(context.symbol === undefined
      ? []
      : [paragraph({ alignment: end, border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: '000000', space: 4 } }, children: textRuns(context.symbol, { size: 32 }) })]),
    paragraph({ alignment: end, spacing: { after: 360 }, children: textRuns(context.date.slice(0, 10)) }),
    paragraph({ alignment: AlignmentType.CENTER, keepNext: true, children: textRuns(context.title, { ...bold, size: 28, sizeComplexScript: 28 }) }),
    paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: textRuns(words.comparison, { italics: true }) }),
    paragraph({ spacing: { after: 0 }, children: [...textRuns(`${words.earlier}: `, bold), ...textRuns(context.before.label)] }),
    paragraph({ spacing: { after: 240 }, children: [...textRuns(`${words.later}: `, bold), ...textRuns(context.after.label)] }),
  ];
}

/** The counts per kind on one line, every status change on its own, then the signs the redline uses. */
function summaryAndLegend(comparison: Comparison, language: ExportLanguage): Paragraph[] {
  const words = redlineLabels[language];
  const statuses = exportLabels[language].status;
  const { counts, statusChanges } = comparison.summary;
  const paragraph = (options: Parameters<typeof docxParagraph>[1]) => docxParagraph(language, options);
  const heading = (text: string) => paragraph({ keepNext: true, spacing: { before: 120, after: 60 }, children: textRuns(text, bold) });
  const identical = comparisonKinds.every((kind) => kind === 'unchanged' || counts[kind] === 0);
  const sign = (text: string, options = {}) => paragraph({ spacing: { after: 0 }, children: textRuns(text, options) });
  return [
    heading(words.summary),
    ...(identical ? [paragraph({ children: textRuns(words.identical, bold) })] : []),
    paragraph({ children: textRuns(comparisonKinds.map((kind) => `${words.kind[kind]} ${counts[kind]}`).join(' · ')) }),
    ...(statusChanges.length === 0 ? [] : [heading(words.statusChanges)]),
    ...statusChanges.map((change) =>
      paragraph({ spacing: { after: 0 }, children: textRuns(`${labelText(change.label, exportLabels[language])} ${statuses[change.from]} ${statusArrow(language)} ${statuses[change.to]}`) }),
    ),
    heading(words.legend),
    sign(words.deleted, changeFormatting('delete')),
    sign(words.inserted, changeFormatting('insert')),
    paragraph({ spacing: { after: 0 }, children: [...textRuns('[', { ...bold, color: redlineColors.bracket }), ...textRuns(words.bracketed), ...textRuns(']', { ...bold, color: redlineColors.bracket })] }),
    paragraph({ spacing: { after: 0 }, children: [...textRuns('¶', { ...bold, ...changeFormatting('insert') }), ...textRuns(` ${words.paragraphBreak}`)] }),
    paragraph({ spacing: { after: 0 }, border: { left: { style: BorderStyle.SINGLE, size: 18, color: redlineColors.bar, space: 8 } }, children: textRuns(words.changeBar) }),
    paragraph({
      spacing: { after: 360 },
      children: textRuns((['added', 'removed', 'moved', 'split', 'merged'] as const).map((kind) => words.kind[kind].toLocaleUpperCase(language)).join(' · '), { ...bold, color: redlineColors.note, size: 18 }),
    }),
  ];
}

/**
 * A comparison as a Word document, laid out like the HTML redline: which versions are compared, a summary and a
 * legend, then every paragraph with deletions struck through in red and insertions underlined in blue (formatting,
 * not Word revisions: the file shows the same redline wherever it is opened). Deterministic: the same comparison
 * and context give the same bytes.
 */
export async function renderRedlineDocx(comparison: Comparison, context: RedlineContext): Promise<Uint8Array> {
  const document = new Document({
    creator: 'Concord',
    lastModifiedBy: 'Concord',
    title: `${context.title} — ${redlineLabels[context.language].comparison}`,
    ...(context.symbol === undefined ? {} : { subject: context.symbol }),
    revision: 1,
    styles: documentStyles(context.language),
    sections: [
      {
        properties: { page: { size: a4, margin: { top: margin, bottom: margin, left: margin, right: margin, header: 709, footer: 709 } } },
        children: [...frontMatter(context), ...summaryAndLegend(comparison, context.language), ...comparison.entries.flatMap((entry) => entryParagraphs(entry, context.language))],
      },
    ],
  });
  return deterministicPackage(await Packer.toBuffer(document), context.date);
}
