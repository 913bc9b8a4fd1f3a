import type { ExportFormat } from '@concord/shared';
import { aknExporter } from './aknExporter.ts';
import { docxExporter } from './docxExporter.ts';
import type { Exporter } from './ExportSource.ts';
import { htmlExporter } from './htmlExporter.ts';
import { jsonExporter } from './jsonExporter.ts';
import { markdownExporter } from './markdownExporter.ts';
import { createPdfExporter, type PdfRenderer } from './pdfExporter.ts';

/** Every export format this server offers; PDF goes through the given Chromium renderer. */
export function createExporters(pdfRenderer: PdfRenderer): ReadonlyMap<ExportFormat, Exporter> {
  const exporters = [docxExporter, createPdfExporter(pdfRenderer), htmlExporter, markdownExporter, aknExporter, jsonExporter];
  return new Map(exporters.map((exporter) => [exporter.format, exporter]));
}
