import { AlignmentType, HeadingLevel, Paragraph, Tab, TextRun, type IParagraphOptions } from 'docx';
import { listMarkers, type ExportLanguage, type ExportMode, type SnapshotBlock } from '@concord/shared';
import { exportLabels, positionsLine, writtenByLine } from '../exportLabels.ts';
import { compilationLabel } from './docxLabels.ts';
import { paragraphRuns, styledRuns, type RunStyle } from './docxRuns.ts';

/** How blocks are laid out: the export's mode and language. */
export interface BlockLayout {
  mode: ExportMode;
  language: ExportLanguage;
}

// Twentieths of a point. A label sits in a hanging indent this wide: "1." in the agreed text, "1. Alt 1" in a compilation.
const agreedLabelWidth = 567;
const compilationLabelWidth = 1440;
const listStep = 567;
/** The small grey print of statuses and of the positions line. */
export const smallPrint: RunStyle = { size: 16, color: '595959' };

const headings = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3] as const;

function labelWidth(layout: BlockLayout): number {
  return layout.mode === 'compilation' ? compilationLabelWidth : agreedLabelWidth;
}

function paragraph(layout: BlockLayout, options: IParagraphOptions): Paragraph {
  return new Paragraph({ ...options, ...(exportLabels[layout.language].direction === 'rtl' ? { bidirectional: true } : {}) });
}

/** "[Agreed ad referendum] " before a block's text in a compilation; nothing in the agreed text. */
function statusRuns(block: SnapshotBlock, layout: BlockLayout): TextRun[] {
  return layout.mode === 'compilation' ? styledRuns(`[${exportLabels[layout.language].status[block.status]}] `, [], smallPrint) : [];
}

/** A label in the hanging indent, then a tab to the text: "1.", "PP 2" or "(a)". */
function labelRuns(label: string): TextRun[] {
  return [...styledRuns(label, []), new TextRun({ children: [new Tab()] })];
}

function textParagraph(block: SnapshotBlock, layout: BlockLayout): Paragraph {
  const label = layout.mode === 'compilation' ? compilationLabel(block, layout.language) : block.role === 'operative' ? block.label.number : '';
  const body = [...statusRuns(block, layout), ...paragraphRuns(block.runs)];
  if (label !== '') {
    const width = labelWidth(layout);
    return paragraph(layout, { alignment: AlignmentType.JUSTIFIED, indent: { left: width, hanging: width }, children: [...labelRuns(label), ...body] });
  }
  // UN style: a preambular paragraph is indented, its first word in italics (as the runs carry it), and not numbered.
  const indent = block.role === 'preambular' ? { indent: { firstLine: agreedLabelWidth } } : {};
  return paragraph(layout, { alignment: AlignmentType.JUSTIFIED, ...indent, children: body });
}

function listParagraphs(block: SnapshotBlock, layout: BlockLayout): Paragraph[] {
  const markers = listMarkers(block.items, exportLabels[layout.language].subparagraph);
  // Lists hang under the text column of the operative paragraphs, one step further in per level.
  return block.items.map((item, index) =>
    paragraph(layout, {
      alignment: AlignmentType.JUSTIFIED,
      indent: { left: labelWidth(layout) + (item.depth + 1) * listStep, hanging: listStep },
      children: [...labelRuns(markers[index] ?? ''), ...(index === 0 ? statusRuns(block, layout) : []), ...paragraphRuns(item.runs)],
    }),
  );
}

/** Under each block of a compilation: who proposed, supported, opposed it or reserved, and who wrote it. */
function attributionParagraph(block: SnapshotBlock, layout: BlockLayout): Paragraph[] {
  const line = [positionsLine(block.positions, layout.language), writtenByLine(block.attribution, layout.language)].filter((part) => part !== '').join(' \u00B7 ');
  if (layout.mode !== 'compilation' || line === '') return [];
  const indent = block.kind === 'heading' ? {} : { indent: { left: labelWidth(layout) } };
  return [paragraph(layout, { ...indent, spacing: { after: 200 }, keepLines: true, children: styledRuns(line, [], smallPrint) })];
}

/** The Word paragraphs of one exported block (exportedBlocks already chose, cleaned and numbered the blocks). */
export function blockParagraphs(block: SnapshotBlock, layout: BlockLayout): Paragraph[] {
  const main =
    block.kind === 'heading'
      ? [paragraph(layout, { heading: headings[block.level] ?? HeadingLevel.HEADING_1, children: [...statusRuns(block, layout), ...paragraphRuns(block.runs)] })]
      : block.kind === 'paragraph'
        ? [textParagraph(block, layout)]
        : listParagraphs(block, layout);
  return [...main, ...attributionParagraph(block, layout)];
}
