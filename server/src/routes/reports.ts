import { Hono } from 'hono';
import { progressReportDownloadQuerySchema, progressReportQuerySchema } from '@concord/shared';
import { auditActorOf } from '../accounts/Accounts.ts';
import type { AuditLog } from '../audit/AuditLog.ts';
import type { AppEnv } from '../http/appEnv.ts';
import { requirePermission } from '../http/session.ts';
import { queryString } from '../http/validate.ts';
import { buildProgressReport, type ProgressReportSources } from '../reports/buildProgressReport.ts';
import { renderProgressReport } from '../reports/renderProgressReport.ts';

const periodMessage = 'from and to are days (YYYY-MM-DD), from not after to, at most five years apart';

/** Progress reports over a period: /api/reports/progress (data for the screen and its chart) and .../download. */
export function reportRoutes(sources: ProgressReportSources, audit: AuditLog) {
  return new Hono<AppEnv>()
    .get('/progress', requirePermission('document.read'), queryString(progressReportQuerySchema, periodMessage), async (context) => {
      return context.json(await buildProgressReport(sources, context.req.valid('query'), new Date()), 200);
    })
    .get('/progress/download', requirePermission('document.read'), queryString(progressReportDownloadQuerySchema, `${periodMessage}; format html or docx`), async (context) => {
      const { from, to, format, language } = context.req.valid('query');
      const report = await buildProgressReport(sources, { from, to }, new Date());
      const rendered = await renderProgressReport(report, format, language);
      await audit.append({ type: 'export', actor: auditActorOf(context.var.session.user), ip: context.var.clientIp, detail: { report: 'progress', from, to, format, language } });
      return context.body(rendered.bytes as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': rendered.mediaType, 'Content-Disposition': `attachment; filename="${rendered.fileName}"` });
    });
}
