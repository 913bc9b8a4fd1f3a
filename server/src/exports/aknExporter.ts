import { aknDocument } from './akn/aknDocument.ts';
import { serializeXml } from './akn/xmlWriter.ts';
import type { Exporter } from './ExportSource.ts';

// Elements whose content is text: written on one line, so indentation never adds whitespace to the committee's words.
const textElements = new Set(['p', 'num', 'heading', 'crossHeading', 'listIntroduction', 'listWrapUp']);

/**
 * Akoma Ntoso 3.0 (OASIS LegalDocML), as AKN4UN applies it to UN deliberations: a <statement> with FRBR metadata,
 * a preface (symbol, date, title; the DRAFT marker for a live document), preambular paragraphs as recitals and
 * operative paragraphs as numbered <paragraph>s. In compilation mode brackets stay as literal "[" "]", and each
 * block carries its status (class, refersTo), the paragraph it is an alternative to (alternativeTo) and a side
 * note with positions and authors. Valid against the OASIS schema (tests/fixtures/akn).
 */
export const aknExporter: Exporter = {
  format: 'akn',
  mediaType: 'application/akn+xml',
  extension: 'xml',
  async render(source) {
    return new TextEncoder().encode(serializeXml(aknDocument(source), textElements));
  },
};
