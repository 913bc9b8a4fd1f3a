import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, ShadingType, Table, TableCell, TableRow, WidthType, type IParagraphOptions } from 'docx';
import { nsaCommittee, type Committee, type ExportLanguage } from '@concord/shared';
import type { ProgressReport } from '@concord/shared';
import { deterministicPackage } from '../exports/docx/deterministicPackage.ts';
import { styledRuns } from '../exports/docx/docxRuns.ts';
import { documentStyles } from '../exports/docx/docxStyles.ts';
import { countedInWords, dayIn, groupName, reportLabels, type ReportLabels } from './reportLabels.ts';

// A4 with 2.5 cm margins, in twentieths of a point, as the exports; the text is 9070 wide.
const a4 = { width: 11906, height: 16838 };
const margin = 1418;
const textWidth = a4.width - 2 * margin;

type Value = string | number;

interface Layout {
  rtl: boolean;
}

function paragraph(layout: Layout, options: IParagraphOptions): Paragraph {
  return new Paragraph({ ...options, ...(layout.rtl ? { bidirectional: true } : {}) });
}

const headingOf = (layout: Layout, text: string) => paragraph(layout, { heading: HeadingLevel.HEADING_1, children: styledRuns(text, []) });
const noteOf = (layout: Layout, text: string) => paragraph(layout, { spacing: { before: 120 }, children: styledRuns(text, [], { size: 20, color: '404040' }) });

/** A table of text: a shaded header row repeated on every page, numbers aligned at the end. Text is escaped by the library. */
function table(layout: Layout, columnWidths: readonly number[], header: readonly string[], rows: readonly Value[][]): Table {
  const end = layout.rtl ? AlignmentType.LEFT : AlignmentType.RIGHT;
  const cellOf = (value: Value, index: number, isHeader: boolean) =>
    new TableCell({
      width: { size: columnWidths[index] ?? 0, type: WidthType.DXA },
      ...(isHeader ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'F2F2F2' } } : {}),
      children: [
        paragraph(layout, {
          spacing: { after: 0 },
          ...(typeof value === 'number' ? { alignment: end } : {}),
          children: styledRuns(String(value), [], isHeader ? { bold: true, size: 20 } : { size: 20 }),
        }),
      ],
    });
  return new Table({
    width: { size: textWidth, type: WidthType.DXA },
    columnWidths,
    ...(layout.rtl ? { visuallyRightToLeft: true } : {}),
    rows: [
      new TableRow({ tableHeader: true, children: header.map((text, index) => cellOf(text, index, true)) }),
      ...rows.map((row) => new TableRow({ cantSplit: true, children: row.map((value, index) => cellOf(value, index, false)) })),
    ],
  });
}

function documentsPart(report: ProgressReport, words: ReportLabels, layout: Layout): (Paragraph | Table)[] {
  const rows = report.documents.map((document) => [
    words.phases[document.kind],
    document.countedIn === null ? document.title : `${document.title} (${countedInWords(document.countedIn, words)})`,
    document.session,
    `${document.agreed} / ${document.paragraphs}`,
    document.agreedAdRef,
    document.draft,
    document.snapshots,
  ]);
  const header = [words.phase, words.documentTitle, words.session, words.agreedOfTotal, words.agreedAdRef, words.draft, words.snapshots];
  return [
    headingOf(layout, words.documentsHeading),
    rows.length === 0 ? paragraph(layout, { children: styledRuns(words.noDocuments, []) }) : table(layout, [1700, 2470, 1300, 1100, 850, 800, 850], header, rows),
    noteOf(layout, words.documentsNote),
  ];
}

function threadsPart(report: ProgressReport, words: ReportLabels, layout: Layout): (Paragraph | Table)[] {
  const { opened, resolved, resolvedWithOverride, openAtEnd } = report.threads;
  const rows: Value[][] = [
    [words.opened, opened],
    [words.resolved, resolved],
    [words.resolvedWithOverride, resolvedWithOverride],
    [words.openAtEnd, openAtEnd],
  ];
  return [headingOf(layout, words.threadsHeading), table(layout, [7070, 2000], [words.threadsHeading, ''], rows)];
}

function participationPart(report: ProgressReport, words: ReportLabels, layout: Layout, language: ExportLanguage, committee: Committee): (Paragraph | Table)[] {
  const { groups, presiding, observers } = report.participation;
  const rows: Value[][] = groups.map((group) => [
    `${groupName(group.groupId, language, committee)} (${group.groupId})`,
    group.activeDelegations.length === 0 ? '0' : `${group.activeDelegations.length}: ${group.activeDelegations.join(', ')}`,
    group.edits,
    group.comments,
  ]);
  rows.push([words.presiding, '—', presiding.edits, presiding.comments]);
  return [
    headingOf(layout, words.participationHeading),
    table(layout, [2900, 3370, 1400, 1400], [words.group, words.activeDelegations, words.edits, words.comments], rows),
    noteOf(layout, words.editsNote),
    headingOf(layout, words.observersHeading),
    table(layout, [7070, 2000], [words.observersHeading, ''], [
      [words.organisations, observers.organisations.length === 0 ? words.none : observers.organisations.join(', ')],
      [words.observerComments, observers.comments],
    ]),
  ];
}

/** The chart's numbers: Word has no SVG of ours, so the weeks are a table (long periods make it long, not wrong). */
function timelinePart(report: ProgressReport, words: ReportLabels, layout: Layout): (Paragraph | Table)[] {
  const groupIds = report.participation.groups.map((group) => group.groupId);
  const weekColumn = 1600;
  const others = groupIds.length * 2 + 1;
  const width = Math.floor((textWidth - weekColumn) / others);
  const header = [words.weekOf, ...groupIds.flatMap((groupId) => [`${groupId}: ${words.comments}`, `${groupId}: ${words.edits}`]), words.observersSeries];
  const rows = report.timeline.map((week) => [
    week.weekStart,
    ...groupIds.flatMap((groupId) => [week.groups[groupId]?.comments ?? 0, week.groups[groupId]?.edits ?? 0]),
    week.observers,
  ]);
  return [headingOf(layout, words.chartHeading), noteOf(layout, words.chartDescription), table(layout, [weekColumn, ...Array.from({ length: others }, () => width)], header, rows)];
}

function wordDocument(report: ProgressReport, language: ExportLanguage, committee: Committee): Document {
  const words = reportLabels[language];
  const layout: Layout = { rtl: words.direction === 'rtl' };
  return new Document({
    creator: 'Concord',
    lastModifiedBy: 'Concord',
    title: words.title,
    subject: words.period(dayIn(report.period.from, words), dayIn(report.period.to, words)),
    revision: 1,
    styles: documentStyles(language),
    sections: [
      {
        properties: { page: { size: a4, margin: { top: margin, bottom: margin, left: margin, right: margin, header: 709, footer: 709 } } },
        children: [
          paragraph(layout, { alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: styledRuns(words.title, [], { bold: true, size: 28 }) }),
          paragraph(layout, { alignment: AlignmentType.CENTER, spacing: { after: 0 }, children: styledRuns(words.period(dayIn(report.period.from, words), dayIn(report.period.to, words)), []) }),
          paragraph(layout, { alignment: AlignmentType.CENTER, spacing: { after: 360 }, children: styledRuns(`${words.generatedAt} ${dayIn(report.generatedAt.slice(0, 10), words)}`, [], { size: 20 }) }),
          ...documentsPart(report, words, layout),
          ...threadsPart(report, words, layout),
          ...participationPart(report, words, layout, language, committee),
          ...timelinePart(report, words, layout),
        ],
      },
    ],
  });
}

/**
 * The progress report as a Word document in `language`: the same sections as the HTML, the chart's weeks as a table.
 * Deterministic: the same report gives the same bytes (the package is dated at the report's generation).
 */
export async function renderProgressReportDocx(report: ProgressReport, language: ExportLanguage, committee: Committee = nsaCommittee): Promise<Uint8Array> {
  const packed = await Packer.toBuffer(wordDocument(report, language, committee));
  return deterministicPackage(packed, report.generatedAt);
}
