import { Document, Header, Packer, Paragraph } from 'docx';
import { TextWatermark } from 'docx/watermarks';
import { exportedBlocks } from './exportedBlocks.ts';
import { exportLabels } from './exportLabels.ts';
import type { Exporter, ExportSource } from './ExportSource.ts';
import { blockParagraphs } from './docx/docxBlocks.ts';
import { frontMatter } from './docx/docxFrontMatter.ts';
import { documentStyles } from './docx/docxStyles.ts';
import { deterministicPackage } from './docx/deterministicPackage.ts';

// A4, 2.5 cm margins, in twentieths of a point (UN documents are printed on A4).
const a4 = { width: 11906, height: 16838 };
const margin = 1418;

/** A live document carries "DRAFT" (its first word, in its language) across every page, as Word's watermark. */
function draftWatermark(source: ExportSource): { default: Header } | undefined {
  if (source.snapshot !== null) return undefined;
  const word = exportLabels[source.language].draft.split(/[:：]/)[0]?.trim() ?? '';
  return { default: new Header({ children: [new Paragraph({ children: [new TextWatermark({ text: word, font: 'Times New Roman', color: 'C0C0C0' })] })] }) };
}

/** The export as a Word document: front matter, then every exported block, laid out as a UN document. */
function wordDocument(source: ExportSource): Document {
  const labels = exportLabels[source.language];
  const layout = { mode: source.mode, language: source.language };
  const headers = draftWatermark(source);
  return new Document({
    creator: 'Concord',
    lastModifiedBy: 'Concord',
    title: source.content.title,
    subject: source.symbol,
    description: source.mode === 'compilation' ? labels.compilation : labels.agreedText,
    revision: 1,
    styles: documentStyles(source.language),
    sections: [
      {
        properties: { page: { size: a4, margin: { top: margin, bottom: margin, left: margin, right: margin, header: 709, footer: 709 } } },
        ...(headers === undefined ? {} : { headers }),
        children: [...frontMatter(source), ...exportedBlocks(source.content, source.mode).flatMap((block) => blockParagraphs(block, layout))],
      },
    ],
  });
}

/** DOCX (Word): deterministic, so a snapshot's export has the same bytes whenever it is made. */
export const docxExporter: Exporter = {
  format: 'docx',
  mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  extension: 'docx',
  async render(source: ExportSource): Promise<Uint8Array> {
    const packed = await Packer.toBuffer(wordDocument(source));
    return deterministicPackage(packed, source.date);
  },
};
