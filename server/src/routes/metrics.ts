import { Hono } from 'hono';
import { bearerAuth } from 'hono/bearer-auth';
import type { Registry } from 'prom-client';
import type { AppEnv } from '../http/appEnv.ts';
import { errorBody } from './errors.ts';

/**
 * GET /metrics in Prometheus's text format. With METRICS_TOKEN set, only a scraper sending
 * `Authorization: Bearer <token>` reads it (compared in constant time by Hono's bearerAuth); the activity it shows
 * (connections, documents open) is the committee's business.
 */
export function metricsRoutes(registry: Registry, token: string | undefined) {
  const routes = new Hono<AppEnv>();
  if (token !== undefined) {
    routes.use(
      '*',
      bearerAuth({
        token,
        realm: 'concord-metrics',
        noAuthenticationHeader: { message: errorBody('unauthenticated', 'metrics need Authorization: Bearer <METRICS_TOKEN>') },
        invalidAuthenticationHeader: { message: errorBody('invalid_request', 'the Authorization header is not "Bearer <token>"') },
        invalidToken: { message: errorBody('unauthenticated', 'wrong metrics token') },
      }),
    );
  }
  return routes.get('/', async (context) => context.text(await registry.metrics(), 200, { 'Content-Type': registry.contentType }));
}
