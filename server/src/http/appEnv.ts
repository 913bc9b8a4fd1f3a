import type { AuthenticatedSession } from '../accounts/Accounts.ts';

/** What the middleware put in the Hono context for the routes (typed `context.var`). */
export interface AppEnv {
  Variables: {
    /** The signed-in user and session, or null (no cookie, unknown, expired or disabled). */
    session: AuthenticatedSession | null;
    /** The raw session cookie as sent, valid or not (sign-in passes it on for rotation, sign-out ends it). */
    sessionId: string | null;
    /** The client's address (see clientAddress.ts); null when there is no socket (in-process requests). */
    clientIp: string | null;
  };
}
