import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Registry } from 'prom-client';
import type { Logger } from 'pino';
import type { Store } from './storage/Store.ts';
import { documentRoutes } from './routes/documents.ts';
import { errorBody } from './routes/errors.ts';
import { healthRoutes } from './routes/health.ts';
import { homeRoutes } from './routes/home.ts';

export interface AppDependencies {
  store: Store;
  registry: Registry;
  logger: Logger;
}

/** The HTTP API. Routes are chained so that `AppType` gives clients a typed `hc` client. */
export function createApp({ store, registry, logger }: AppDependencies) {
  const app = new Hono()
    .use('/api/*', bodyLimit({ maxSize: 64 * 1024, onError: (context) => context.json(errorBody('payload_too_large', 'the request body is larger than 64 KiB'), 413) }))
    .route('/', homeRoutes(store))
    .route('/', healthRoutes(store))
    .route('/api/documents', documentRoutes(store))
    .get('/metrics', async (context) => context.text(await registry.metrics(), 200, { 'Content-Type': registry.contentType }));
  app.notFound((context) => context.json(errorBody('not_found', 'no such route'), 404));
  app.onError((error, context) => {
    logger.error({ err: error, path: context.req.path }, 'request failed');
    return context.json(errorBody('internal_error', 'the server could not answer this request'), 500);
  });
  return app;
}

export type AppType = ReturnType<typeof createApp>;
