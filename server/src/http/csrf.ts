import { createHash, timingSafeEqual } from 'node:crypto';
import { createMiddleware } from 'hono/factory';
import { csrfHeaderName } from '@concord/shared';
import { errorBody } from '../routes/errors.ts';
import type { AppEnv } from './appEnv.ts';
import { isAllowedOrigin, originOfReferer } from './origins.ts';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface CsrfOptions {
  /** Origins allowed besides the request's own host (config.allowedOrigins). */
  allowedOrigins: ReadonlySet<string>;
  /** "METHOD /path" of the routes used before any session exists (sign-in, accepting an invitation). */
  withoutToken: ReadonlySet<string>;
}

/**
 * Refuses cross-site state changes (403 `csrf`). Every unsafe request must come from an allowed
 * origin (Origin, else Referer); with a session it must also echo the session's CSRF token. The
 * routes in `withoutToken` have no session yet: they need a JSON content type instead, which a
 * cross-site form cannot send without a CORS preflight that Concord never grants.
 */
export function csrfProtection({ allowedOrigins, withoutToken }: CsrfOptions) {
  return createMiddleware<AppEnv>(async (context, next) => {
    if (safeMethods.has(context.req.method)) return next();
    const origin = context.req.header('origin') ?? originOfReferer(context.req.header('referer'));
    // In-process requests (app.request) carry no Host header; the URL's host is the Host header otherwise.
    const host = context.req.header('host') ?? new URL(context.req.url).host;
    if (!isAllowedOrigin(origin, host, allowedOrigins)) {
      return context.json(errorBody('csrf', 'the request does not come from an allowed origin'), 403);
    }
    if (withoutToken.has(`${context.req.method} ${context.req.path}`)) {
      const mediaType = context.req.header('content-type')?.split(';')[0]?.trim().toLowerCase();
      if (mediaType !== 'application/json') return context.json(errorBody('csrf', 'the request body must be application/json'), 403);
      return next();
    }
    const session = context.get('session');
    if (session !== null && !sameToken(context.req.header(csrfHeaderName), session.session.csrfToken)) {
      return context.json(errorBody('csrf', `the ${csrfHeaderName} header is missing or wrong`), 403);
    }
    return next();
  });
}

/** Constant-time comparison; hashing first gives both sides the same length. */
function sameToken(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
