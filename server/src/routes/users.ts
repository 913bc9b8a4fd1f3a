import { Hono } from 'hono';
import { createUserSchema, updateUserSchema, userIdSchema, userSchema, type Invitation } from '@concord/shared';
import type { Accounts } from '../accounts/Accounts.ts';
import { DuplicateEmailError } from '../accounts/AccountStore.ts';
import type { AppEnv } from '../http/appEnv.ts';
import { requirePermission } from '../http/session.ts';
import { jsonBody } from '../http/validate.ts';
import { errorBody } from './errors.ts';

export interface UserRouteOptions {
  accounts: Accounts;
  /** PUBLIC_URL, when set; otherwise invitation links use the origin the request came to. */
  publicUrl: string | undefined;
}

/** The invitation page's address; the token rides in the fragment, which browsers never send to a server or in a Referer. */
export function invitationUrl(base: string, token: string): string {
  return `${base.replace(/\/+$/, '')}/invitation#token=${token}`;
}

/** Accounts, for the secretariat (users.manage): list, create, change, invite. */
export function userRoutes({ accounts, publicUrl }: UserRouteOptions) {
  return new Hono<AppEnv>()
    .get('/', requirePermission('users.manage'), async (context) => {
      const users = await accounts.listUsers();
      return context.json({ users: users.map((user) => userSchema.parse(user)) }, 200);
    })
    .post('/', requirePermission('users.manage'), jsonBody(createUserSchema, 'the request body is not a valid account'), async (context) => {
      try {
        const user = await accounts.createUser(context.req.valid('json'), context.var.session.user);
        return context.json(userSchema.parse(user), 201);
      } catch (error) {
        if (error instanceof DuplicateEmailError) return context.json(errorBody('email_taken', 'an account with this email exists'), 409);
        throw error;
      }
    })
    .patch('/:userId', requirePermission('users.manage'), jsonBody(updateUserSchema, 'the request body is not a valid change'), async (context) => {
      const patch = context.req.valid('json');
      const userId = userIdSchema.safeParse(context.req.param('userId'));
      const current = userId.success ? await accounts.getUser(userId.data) : null;
      if (!userId.success || current === null) return context.json(errorBody('not_found', 'no such user'), 404);
      // A role or an affiliation given alone must fit the stored other half.
      const membership = updateUserSchema.safeParse({ role: current.role, affiliation: current.affiliation, ...patch });
      if (!membership.success) return context.json(errorBody('invalid_request', 'the role and the affiliation do not fit together', membership.error.issues), 400);
      const user = await accounts.updateUser(userId.data, patch, context.var.session.user);
      if (user === null) return context.json(errorBody('not_found', 'no such user'), 404);
      return context.json(userSchema.parse(user), 200);
    })
    .post('/:userId/invitation', requirePermission('users.manage'), async (context) => {
      const userId = userIdSchema.safeParse(context.req.param('userId'));
      const invitation = userId.success ? await accounts.issueInvitation(userId.data, context.var.session.user) : null;
      if (!userId.success || invitation === null) return context.json(errorBody('not_found', 'no such user'), 404);
      const base = publicUrl ?? new URL(context.req.url).origin;
      const answer: Invitation = { userId: userId.data, url: invitationUrl(base, invitation.token), expiresAt: invitation.expiresAt };
      return context.json(answer, 201);
    });
}
