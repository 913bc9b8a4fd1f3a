import { Hono } from 'hono';
import { auditQuerySchema } from '@concord/shared';
import type { AuditLog } from '../audit/AuditLog.ts';
import type { AppEnv } from '../http/appEnv.ts';
import { requirePermission } from '../http/session.ts';
import { queryString } from '../http/validate.ts';

/** The audit log, newest first, for those who may read it (audit.read). */
export function auditRoutes(audit: AuditLog) {
  return new Hono<AppEnv>().get('/', requirePermission('audit.read'), queryString(auditQuerySchema, 'the query string is not a valid audit filter'), async (context) =>
    context.json({ entries: await audit.query(context.req.valid('query')) }, 200),
  );
}
