import { Hono } from 'hono';
import { createDocumentSchema, documentIdSchema } from '@concord/shared';
import { auditActorOf } from '../accounts/Accounts.ts';
import type { AuditLog } from '../audit/AuditLog.ts';
import { createDocument } from '../documents/createDocument.ts';
import type { AppEnv } from '../http/appEnv.ts';
import { requirePermission } from '../http/session.ts';
import { jsonBody } from '../http/validate.ts';
import type { Store } from '../storage/Store.ts';
import { errorBody } from './errors.ts';

/** Document metadata: list and read for every member (document.read), create for the secretariat and chairs (document.create). */
export function documentRoutes(store: Store, audit: AuditLog) {
  return new Hono<AppEnv>()
    .get('/', requirePermission('document.read'), async (context) => context.json({ documents: await store.listDocuments() }, 200))
    .post('/', requirePermission('document.create'), jsonBody(createDocumentSchema, 'the request body is not a valid document'), async (context) => {
      const document = await createDocument(store, context.req.valid('json'));
      await audit.append({
        type: 'document-created',
        actor: auditActorOf(context.var.session.user),
        ip: context.var.clientIp,
        documentId: document.id,
        detail: { kind: document.kind },
      });
      return context.json(document, 201);
    })
    .get('/:documentId', requirePermission('document.read'), async (context) => {
      const documentId = documentIdSchema.safeParse(context.req.param('documentId'));
      const document = documentId.success ? await store.getDocument(documentId.data) : null;
      if (!document) return context.json(errorBody('not_found', 'no such document'), 404);
      return context.json(document, 200);
    });
}
