import { Hono } from 'hono';
import type { Store } from '../storage/Store.ts';

/** Liveness (the process answers) and readiness (the store answers). */
export function healthRoutes(store: Store) {
  return new Hono()
    .get('/healthz', (context) => context.json({ status: 'ok' as const }))
    .get('/readyz', async (context) => {
      try {
        await store.ping();
        return context.json({ status: 'ready' as const, store: store.kind }, 200);
      } catch {
        return context.json({ status: 'unavailable' as const, store: store.kind }, 503);
      }
    });
}
