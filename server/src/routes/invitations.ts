import { Hono } from 'hono';
import { acceptInvitationSchema } from '@concord/shared';
import type { Accounts } from '../accounts/Accounts.ts';
import type { AppEnv } from '../http/appEnv.ts';
import { jsonBody } from '../http/validate.ts';
import { errorBody } from './errors.ts';

const invalidInvitation = errorBody('invalid_invitation', 'this invitation is unknown, used or expired');

/** Accepting an invitation: the invited person sets a password with the token from their link (no session needed). */
export function invitationRoutes(accounts: Accounts) {
  return new Hono<AppEnv>().post(
    '/accept',
    // A malformed token is as unknown as a wrong one; a weak password is the one mistake the person can fix, so it is named.
    jsonBody(acceptInvitationSchema, 'the password does not qualify', (context, error) =>
      error.issues.some((issue) => issue.path[0] !== 'password')
        ? context.json(invalidInvitation, 400)
        : context.json(errorBody('invalid_request', 'the password does not qualify', error.issues), 400),
    ),
    async (context) => {
      // The password is checked before the token is spent, so a refused password leaves the link usable.
      const user = await accounts.acceptInvitation(context.req.valid('json'), context.var.clientIp);
      if (user === null) return context.json(invalidInvitation, 400);
      return context.body(null, 204);
    },
  );
}
