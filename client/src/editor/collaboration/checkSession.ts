import type { User } from '@concord/shared';
import { currentSession } from '../../api/session.ts';

/** What the server says about the session after the socket was closed for the account (4001) or kept failing. */
export type SessionCheck = 'valid' | 'changed' | 'ended' | 'unreachable';

/**
 * Asks GET /api/session. A 401 there also tells the shell (api/http.ts), which shows the sign-in screen; an account
 * whose role or affiliation changed needs the whole app to reload its session.
 */
export async function checkSession(user: User): Promise<SessionCheck> {
  try {
    const session = await currentSession();
    if (session === null) return 'ended';
    const current = session.user;
    const same = current.id === user.id && current.role === user.role && current.disabled === user.disabled && JSON.stringify(current.affiliation) === JSON.stringify(user.affiliation);
    return same ? 'valid' : 'changed';
  } catch {
    return 'unreachable';
  }
}
