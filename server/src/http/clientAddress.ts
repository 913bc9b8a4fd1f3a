import { isIP } from 'node:net';
import { getConnInfo } from '@hono/node-server/conninfo';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from './appEnv.ts';

/**
 * Puts the client's address in `context.var.clientIp`: the socket's remote address, or, behind a
 * trusted reverse proxy, the last X-Forwarded-For entry. The last one is the address that proxy saw;
 * earlier entries are whatever the client claimed, so trusting them would let anyone dodge the
 * per-address sign-in limit.
 */
export function clientAddress(trustProxy: boolean) {
  return createMiddleware<AppEnv>(async (context, next) => {
    let address: string | null = null;
    try {
      address = getConnInfo(context).remote.address ?? null;
    } catch {
      // No Node socket: a request made in-process with app.request().
    }
    if (trustProxy) {
      const forwarded = context.req.header('x-forwarded-for')?.split(',').at(-1)?.trim();
      if (forwarded !== undefined && isIP(forwarded) !== 0) address = forwarded;
    }
    context.set('clientIp', address);
    await next();
  });
}
