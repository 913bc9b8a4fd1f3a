import { exportedBlocks } from './exportedBlocks.ts';
import type { Exporter } from './ExportSource.ts';

/** The export as data: the document, the snapshot it comes from (or none: a draft), and the blocks the mode shows. */
export const jsonExporter: Exporter = {
  format: 'json',
  mediaType: 'application/json; charset=utf-8',
  extension: 'json',
  async render(source) {
    const { content, snapshot, date, symbol, mode, language } = source;
    const value = {
      concordExport: 1,
      symbol,
      date,
      mode,
      language,
      draft: snapshot === null,
      snapshot,
      document: { id: content.documentId, title: content.title, kind: content.kind, session: content.session },
      blocks: exportedBlocks(content, mode),
    };
    return new TextEncoder().encode(`${JSON.stringify(value, null, 2)}\n`);
  },
};
