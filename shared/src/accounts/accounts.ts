import { z } from 'zod';
import { membershipSchema, affiliationSchema, roleSchema, affiliationKindsByRole } from '../committee/roles.ts';

export const userIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'a user id is 8-64 letters, digits, _ or -');
export type UserId = z.infer<typeof userIdSchema>;

/** Emails are compared lower-cased and trimmed: one account per address whatever its spelling. */
export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email('expected an email address').max(254, 'an email address is at most 254 characters'));

/** Long passphrases rather than composition rules (NIST SP 800-63B). */
export const passwordSchema = z
  .string()
  .min(12, 'a password has at least 12 characters')
  .max(256, 'a password has at most 256 characters');

export const personNameSchema = z.string().trim().min(1, 'a name is required').max(120, 'a name is at most 120 characters');

/** An account as the API shows it: never a password hash, a token or a session id. */
export const userSchema = z.object({
  id: userIdSchema,
  email: emailSchema,
  name: personNameSchema,
  role: roleSchema,
  affiliation: affiliationSchema,
  disabled: z.boolean(),
  /** False until the user has set a password through an invitation. */
  hasPassword: z.boolean(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type User = z.infer<typeof userSchema>;

/** Adds the role/affiliation consistency check of `membershipSchema` to an object schema. */
function withMembershipCheck<T extends { role?: z.infer<typeof roleSchema>; affiliation?: z.infer<typeof affiliationSchema> }>(
  value: T,
  context: z.RefinementCtx,
): void {
  if (value.role === undefined || value.affiliation === undefined) return;
  const allowed = affiliationKindsByRole[value.role];
  if (!allowed.includes(value.affiliation.kind)) {
    context.addIssue({
      code: 'custom',
      message: `role "${value.role}" needs an affiliation of kind ${allowed.map((kind) => `"${kind}"`).join(' or ')}, not "${value.affiliation.kind}"`,
      path: ['affiliation', 'kind'],
    });
  }
}

export const createUserSchema = z
  .object({ email: emailSchema, name: personNameSchema, role: roleSchema, affiliation: affiliationSchema })
  .superRefine(withMembershipCheck);
export type CreateUser = z.infer<typeof createUserSchema>;

/** A change to an account. Role and affiliation change together when both are given; each is checked against the other. */
export const updateUserSchema = z
  .object({
    name: personNameSchema.optional(),
    role: roleSchema.optional(),
    affiliation: affiliationSchema.optional(),
    disabled: z.boolean().optional(),
  })
  .strict()
  .superRefine(withMembershipCheck)
  .refine((value) => Object.keys(value).length > 0, 'nothing to change');
export type UpdateUser = z.infer<typeof updateUserSchema>;

/** Sign-in input: shapes only, so that a malformed email is answered like a wrong password. */
export const signInSchema = z.object({
  email: z.string().max(254),
  password: z.string().max(256),
});
export type SignIn = z.infer<typeof signInSchema>;

export const invitationTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{32,128}$/, 'not an invitation token');

export const acceptInvitationSchema = z.object({ token: invitationTokenSchema, password: passwordSchema });
export type AcceptInvitation = z.infer<typeof acceptInvitationSchema>;

/** What the client learns about its own session. The CSRF token goes in the `x-csrf-token` header of every state-changing request. */
export const sessionInfoSchema = z.object({
  user: userSchema,
  csrfToken: z.string(),
  expiresAt: z.iso.datetime(),
});
export type SessionInfo = z.infer<typeof sessionInfoSchema>;

export const invitationSchema = z.object({
  userId: userIdSchema,
  /** The link to give the user; it holds the one-time token, shown only once. */
  url: z.string(),
  expiresAt: z.iso.datetime(),
});
export type Invitation = z.infer<typeof invitationSchema>;

/** Header and cookie names shared by server and client. */
export const sessionCookieName = 'concord_session';
export const csrfHeaderName = 'x-csrf-token';

export { membershipSchema };
