import { progressReportSchema, type ExportLanguage, type ProgressReport, type ProgressReportFormat, type ReportPeriod } from '@concord/shared';
import { api } from './http.ts';
import { readBody } from './readBody.ts';

/** The committee's progress over a period (both days included, UTC): documents, threads, participation, weekly timeline. */
export async function getProgressReport(period: ReportPeriod): Promise<ProgressReport> {
  return readBody(await api.api.reports.progress.$get({ query: { from: period.from, to: period.to } }), progressReportSchema);
}

/** Where the report downloads from as a file (a plain link: the session cookie goes with it). */
export function progressReportDownloadUrl(period: ReportPeriod, format: ProgressReportFormat, language: ExportLanguage): string {
  return `/api/reports/progress/download?${new URLSearchParams({ from: period.from, to: period.to, format, language }).toString()}`;
}
