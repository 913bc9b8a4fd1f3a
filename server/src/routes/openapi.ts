import { Hono } from 'hono';
import { csrfHeaderName, sessionCookieName } from '@concord/shared';
import type { AppEnv } from '../http/appEnv.ts';
import { openApiDocument } from '../http/openApiDocument.ts';
import { apiRouteTable } from './apiRouteTable.ts';

/** GET /api/openapi.json: the API described from the same zod schemas the routes validate with. */
export function openApiRoutes() {
  const document = openApiDocument(
    {
      title: 'Concord',
      version: '0.1.0',
      description: 'The HTTP API of Concord. State-changing requests need an allowed Origin and, with a session, the CSRF token of GET /api/session.',
    },
    apiRouteTable,
    sessionCookieName,
    csrfHeaderName,
  );
  return new Hono<AppEnv>().get('/openapi.json', (context) => context.json(document, 200));
}
