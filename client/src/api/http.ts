import { hc } from 'hono/client';
import { csrfHeaderName } from '@concord/shared';
// Types only: the server's code is never bundled (`import type` is erased; the build checks dist for it).
import type { AppType } from '@concord/server';
import { networkError } from './ApiError.ts';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

let csrfToken: string | null = null;
const sessionEndedListeners = new Set<() => void>();

/** Remembers the signed-in session's CSRF token (null once signed out). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Calls `listener` when a signed-in request is answered 401: the session expired, was revoked or the account disabled. */
export function onSessionEnded(listener: () => void): () => void {
  sessionEndedListeners.add(listener);
  return () => sessionEndedListeners.delete(listener);
}

/**
 * fetch for the API: the session cookie travels (same origin only), every state-changing request carries the
 * session's CSRF token, and a request that gets no answer rejects with an ApiError (`network`).
 */
async function concordFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const headers = new Headers(init?.headers);
  const method = (init?.method ?? 'GET').toUpperCase();
  if (!safeMethods.has(method) && csrfToken !== null) headers.set(csrfHeaderName, csrfToken);
  let response: Response;
  try {
    response = await fetch(input, { ...init, headers, credentials: 'same-origin' });
  } catch (error) {
    throw networkError(error);
  }
  if (response.status === 401 && csrfToken !== null) {
    csrfToken = null;
    for (const listener of sessionEndedListeners) listener();
  }
  return response;
}

/** The typed API client: paths, bodies and statuses come from the server's routes (AppType). */
export const api = hc<AppType>(window.location.origin, { fetch: concordFetch });
