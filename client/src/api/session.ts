import { sessionInfoSchema, type SessionInfo, type SignIn } from '@concord/shared';
import { ApiError } from './ApiError.ts';
import { api, setCsrfToken } from './http.ts';
import { expectSuccess, readBody } from './readBody.ts';

/** Signs in; on success later requests carry the new session's CSRF token. */
export async function signIn(credentials: SignIn): Promise<SessionInfo> {
  const session = await readBody(await api.api.session.$post({ json: credentials }), sessionInfoSchema);
  setCsrfToken(session.csrfToken);
  return session;
}

/** The session the browser's cookie opens, or null when there is none (first visit, expired, signed out). */
export async function currentSession(): Promise<SessionInfo | null> {
  const response = await api.api.session.$get();
  if (response.status === 401) return null;
  const session = await readBody(response, sessionInfoSchema);
  setCsrfToken(session.csrfToken);
  return session;
}

/** Ends the session on the server; the local state is cleared even if the server cannot be told. */
export async function signOut(): Promise<void> {
  try {
    await expectSuccess(await api.api.session.$delete());
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
  } finally {
    setCsrfToken(null);
  }
}
