import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import { createDocumentSchema, documentIdSchema, type DocumentMeta } from '@concord/shared';
import type { Store } from '../storage/Store.ts';
import { errorBody } from './errors.ts';

/** Document metadata: list, create, read. (Issue 3 puts these behind sign-in.) */
export function documentRoutes(store: Store) {
  return new Hono()
    .get('/', async (context) => context.json({ documents: await store.listDocuments() }, 200))
    .post('/', async (context) => {
      const body: unknown = await context.req.json().catch(() => undefined);
      const parsed = createDocumentSchema.safeParse(body);
      if (!parsed.success) return context.json(errorBody('invalid_request', 'the request body is not a valid document', parsed.error.issues), 400);
      const document: DocumentMeta = { id: randomBytes(9).toString('base64url'), title: parsed.data.title, createdAt: new Date().toISOString() };
      await store.createDocument(document);
      return context.json(document, 201);
    })
    .get('/:documentId', async (context) => {
      const documentId = documentIdSchema.safeParse(context.req.param('documentId'));
      const document = documentId.success ? await store.getDocument(documentId.data) : null;
      if (!document) return context.json(errorBody('not_found', 'no such document'), 404);
      return context.json(document, 200);
    });
}
