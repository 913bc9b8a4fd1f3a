import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { can, sessionCookieName, type Action } from '@concord/shared';
import type { Accounts, AuthenticatedSession } from '../accounts/Accounts.ts';
import type { TypedResponse } from 'hono';
import { errorBody, type ErrorBody } from '../routes/errors.ts';
import type { AppEnv } from './appEnv.ts';

/** Reads the session cookie and puts the signed-in user (or null) in `context.var.session`. */
export function sessionMiddleware(accounts: Accounts) {
  return createMiddleware<AppEnv>(async (context, next) => {
    const sessionId = getCookie(context, sessionCookieName) ?? null;
    context.set('sessionId', sessionId);
    context.set('session', sessionId === null ? null : await accounts.authenticate(sessionId));
    await next();
  });
}

/** What the handlers after requireSession or requirePermission see: a session that is there. */
interface SignedInEnv {
  Variables: { session: AuthenticatedSession };
}

/** What a refusing middleware answers, typed so that `hc` clients see the status. */
type Refusal<Status extends 401 | 403> = Response & TypedResponse<ErrorBody, Status, 'json'>;

/** 401 `unauthenticated` unless a valid session came with the request. */
export const requireSession = createMiddleware<SignedInEnv, string, object, Refusal<401>>(async (context, next) => {
  const session: AuthenticatedSession | null = context.get('session');
  if (session === null) return context.json(errorBody('unauthenticated', 'sign in first'), 401);
  await next();
});

/** 401 without a session, 403 `forbidden` when the user's role does not grant `action` (shared/src/policy/permissions.ts). */
export function requirePermission(action: Action) {
  return createMiddleware<SignedInEnv, string, object, Refusal<401> | Refusal<403>>(async (context, next) => {
    const session: AuthenticatedSession | null = context.get('session');
    if (session === null) return context.json(errorBody('unauthenticated', 'sign in first'), 401);
    if (!can(session.user, action)) return context.json(errorBody('forbidden', 'this account may not do that'), 403);
    await next();
  });
}
