import { AlignmentType, BorderStyle, Paragraph, type IParagraphOptions } from 'docx';
import type { ExportSource } from '../ExportSource.ts';
import { exportLabels } from '../exportLabels.ts';
import { styledRuns } from './docxRuns.ts';

const grey = '595959';

/**
 * The top of the first page, as a UN document carries it: the DRAFT marker of a live document, the symbol on the
 * right above a rule, the date, the session, the title in bold and centred, then what this text is (agreed or
 * compilation) and the snapshot it was frozen in with its SHA-256.
 */
export function frontMatter(source: ExportSource): Paragraph[] {
  const labels = exportLabels[source.language];
  const rtl = labels.direction === 'rtl';
  const paragraph = (options: IParagraphOptions) => new Paragraph({ ...options, ...(rtl ? { bidirectional: true } : {}) });
  // The symbol stands at the end of the line: the right in English, the left in Arabic, as UN documents print it.
  const end = rtl ? AlignmentType.LEFT : AlignmentType.RIGHT;
  const draft = source.snapshot === null
    ? [paragraph({
        alignment: AlignmentType.CENTER,
        border: { top: { style: BorderStyle.SINGLE, size: 12, color: 'C00000', space: 4 }, bottom: { style: BorderStyle.SINGLE, size: 12, color: 'C00000', space: 4 } },
        spacing: { after: 240 },
        children: styledRuns(labels.draft, [], { bold: true, size: 28, color: 'C00000' }),
      })]
    : [];
  const snapshot = source.snapshot === null
    ? []
    : [
        paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 0 }, children: styledRuns(labels.snapshot(source.snapshot.number, source.snapshot.name), [], { size: 20 }) }),
        paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 360 }, children: styledRuns(`${labels.verification}: ${source.snapshot.sha256}`, [], { size: 16, color: grey }) }),
      ];
  return [
    ...draft,
    paragraph({
      alignment: end,
      border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: '000000', space: 4 } },
      spacing: { after: 120 },
      children: styledRuns(source.symbol, [], { size: 32 }),
    }),
    paragraph({ alignment: end, spacing: { after: 360 }, children: styledRuns(source.date.slice(0, 10), []) }),
    paragraph({ spacing: { after: 360 }, children: styledRuns(source.content.session, [], { bold: true }) }),
    paragraph({ alignment: AlignmentType.CENTER, keepNext: true, spacing: { after: 120 }, children: styledRuns(source.content.title, [], { bold: true, size: 28 }) }),
    paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: source.snapshot === null ? 360 : 120 },
      children: styledRuns(source.mode === 'compilation' ? labels.compilation : labels.agreedText, [], { italics: true }),
    }),
    ...snapshot,
  ];
}
