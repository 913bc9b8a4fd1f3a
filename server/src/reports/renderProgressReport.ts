import { nsaCommittee, type Committee, type ExportLanguage } from '@concord/shared';
import type { ProgressReport, ProgressReportFormat } from '@concord/shared';
import { renderProgressReportDocx } from './progressReportDocx.ts';
import { renderProgressReportHtml } from './progressReportHtml.ts';

/** A report ready to download: its bytes, media type and a file name safe in a header (ASCII only). */
export interface RenderedReport {
  bytes: Uint8Array;
  mediaType: string;
  fileName: string;
}

const mediaTypes: Record<ProgressReportFormat, string> = {
  html: 'text/html; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/** "progress-report_2026-01-01_2026-12-31_fr.docx": the period's days are checked YYYY-MM-DD, the rest fixed words. */
export function progressReportFileName(report: Pick<ProgressReport, 'period'>, format: ProgressReportFormat, language: ExportLanguage): string {
  return `progress-report_${report.period.from}_${report.period.to}_${language}.${format}`;
}

/** The report in one format and language. */
export async function renderProgressReport(report: ProgressReport, format: ProgressReportFormat, language: ExportLanguage, committee: Committee = nsaCommittee): Promise<RenderedReport> {
  const bytes = format === 'html' ? new TextEncoder().encode(renderProgressReportHtml(report, language, committee)) : await renderProgressReportDocx(report, language, committee);
  return { bytes, mediaType: mediaTypes[format], fileName: progressReportFileName(report, format, language) };
}
