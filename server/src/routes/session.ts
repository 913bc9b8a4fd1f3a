import { Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { sessionCookieName, signInSchema, userSchema, type SessionInfo, type User } from '@concord/shared';
import type { Accounts } from '../accounts/Accounts.ts';
import type { SessionRecord } from '../accounts/AccountStore.ts';
import type { AppEnv } from '../http/appEnv.ts';
import { requireSession } from '../http/session.ts';
import { jsonBody } from '../http/validate.ts';
import { errorBody } from './errors.ts';

export interface SessionRouteOptions {
  accounts: Accounts;
  /** Session lifetime, also the cookie's Max-Age. */
  sessionTtlSeconds: number;
  /** Adds Secure to the cookie (production is served over https). */
  secureCookie: boolean;
  /** Retry-After when the accounts service does not say (the failure window). */
  defaultRetryAfterSeconds: number;
}

/** What the client learns about its session; `userSchema` strips anything a stored user carries beyond the API's fields. */
export function sessionInfoOf(user: User, session: SessionRecord): SessionInfo {
  return { user: userSchema.parse(user), csrfToken: session.csrfToken, expiresAt: session.expiresAt };
}

/** Sign-in (POST), the current session (GET) and sign-out (DELETE) at /api/session. */
export function sessionRoutes({ accounts, sessionTtlSeconds, secureCookie, defaultRetryAfterSeconds }: SessionRouteOptions) {
  const cookieOptions = { httpOnly: true, sameSite: 'Lax', path: '/', secure: secureCookie } as const;
  return new Hono<AppEnv>()
    .post('/', jsonBody(signInSchema, 'expected {"email", "password"}'), async (context) => {
      // The current cookie, if any, is ended by the new sign-in (no session fixation, one session per client).
      const result = await accounts.signIn(context.req.valid('json'), context.var.clientIp, context.var.sessionId ?? undefined);
      if (!result.ok && result.reason === 'throttled') {
        context.header('Retry-After', String(Math.max(1, Math.ceil(result.retryAfterSeconds ?? defaultRetryAfterSeconds))));
        return context.json(errorBody('too_many_attempts', 'too many failed sign-ins: try again later'), 429);
      }
      // One answer for an unknown email, a wrong password and a disabled account: the API tells no one which emails exist.
      if (!result.ok) return context.json(errorBody('invalid_credentials', 'the email or password is wrong'), 401);
      setCookie(context, sessionCookieName, result.sessionId, { ...cookieOptions, maxAge: sessionTtlSeconds });
      return context.json(sessionInfoOf(result.user, result.session), 200);
    })
    .get('/', requireSession, (context) => context.json(sessionInfoOf(context.var.session.user, context.var.session.session), 200))
    .delete('/', async (context) => {
      const sessionId = context.var.sessionId;
      if (sessionId !== null) await accounts.signOut(sessionId, context.var.clientIp);
      deleteCookie(context, sessionCookieName, cookieOptions);
      return context.body(null, 204);
    });
}
