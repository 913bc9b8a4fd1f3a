import { createHash, randomBytes } from 'node:crypto';
import {
  acceptInvitationSchema,
  createUserSchema,
  membershipSchema,
  passwordSchema,
  updateUserSchema,
  type AcceptInvitation,
  type AuditActor,
  type AuditEntryInput,
  type CreateUser,
  type SignIn,
  type UpdateUser,
  type User,
} from '@concord/shared';
import type { AuditLog } from '../audit/AuditLog.ts';
import type { AccountEvents, AccountStore, SessionRecord, StoredUser, UserPatch } from './AccountStore.ts';
import { defaultScryptCost, dummyVerify, hashPassword, needsRehash, verifyPassword, type ScryptCost } from './passwords.ts';

export interface AccountsOptions {
  store: AccountStore;
  events: AccountEvents;
  audit: AuditLog;
  sessionTtlMs: number;
  invitationTtlMs: number;
  /** Failed sign-ins per email, then per client address, after which sign-in is refused until the window ends. */
  maxFailuresPerAccount: number;
  maxFailuresPerIp: number;
  failureWindowMs: number;
  scryptCost?: ScryptCost;
  now?: () => Date;
}

export interface AuthenticatedSession {
  user: User;
  session: SessionRecord;
}

export type SignInResult =
  | { ok: true; sessionId: string; session: SessionRecord; user: User }
  | { ok: false; reason: 'invalid' | 'throttled'; retryAfterSeconds?: number };

/** The audit actor for a user, as they are at this moment. */
export function auditActorOf(user: User): AuditActor {
  const { affiliation } = user;
  const code = affiliation.kind === 'delegation' ? affiliation.delegationCode : affiliation.kind === 'observer' ? affiliation.organisationId : 'secretariat';
  return { userId: user.id, email: user.email, role: user.role, affiliation: code };
}

/** SHA-256 of a secret (session id, invitation token): what the store keeps instead of the secret. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}

/** A fresh random secret of `bytes` bytes, base64url. */
function randomSecret(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}

/** Session ids are 32 random bytes in base64url: 43 characters. */
const sessionIdPattern = /^[A-Za-z0-9_-]{43}$/;

/**
 * Accounts, sign-in and sessions: the one place HTTP routes and the websocket ask "who is this?".
 * Secrets (passwords, session ids, invitation tokens) never reach the store or the audit log: the
 * store keeps scrypt hashes and SHA-256 digests, the audit log keeps emails and ids.
 */
export class Accounts {
  private readonly store: AccountStore;
  private readonly events: AccountEvents;
  private readonly audit: AuditLog;
  private readonly scryptCost: ScryptCost;
  private readonly now: () => Date;

  constructor(private readonly options: AccountsOptions) {
    this.store = options.store;
    this.events = options.events;
    this.audit = options.audit;
    this.scryptCost = options.scryptCost ?? defaultScryptCost;
    this.now = options.now ?? (() => new Date());
  }

  /**
   * Checks the password and opens a fresh session (a new id at every sign-in, so an id planted
   * before sign-in is worthless); `previousSessionId`, the session the request carried, ends.
   * Unknown accounts, wrong passwords, disabled accounts and accounts without a password all get the
   * same answer after the same work.
   */
  async signIn(input: SignIn, ip: string | null, previousSessionId?: string): Promise<SignInResult> {
    const now = this.now();
    const email = input.email.trim().toLowerCase();
    const failureKeys = [`account:${email}`, ...(ip === null ? [] : [`ip:${ip}`])];
    if (await this.isThrottled(email, ip, now)) {
      await this.record({ type: 'sign-in-failed', actor: null, subject: input.email, ip, detail: { reason: 'throttled' } });
      return { ok: false, reason: 'throttled', retryAfterSeconds: Math.ceil(this.options.failureWindowMs / 1000) };
    }

    const user = await this.store.getUserByEmail(email);
    const passwordHash = user === null || user.disabled ? null : user.passwordHash;
    const valid = passwordHash === null ? await dummyVerify(input.password, this.scryptCost) : await verifyPassword(input.password, passwordHash);
    if (user === null || passwordHash === null || !valid) {
      for (const key of failureKeys) await this.store.recordFailure(key, this.options.failureWindowMs, now);
      await this.record({ type: 'sign-in-failed', actor: null, subject: input.email, ip, detail: { reason: 'invalid' } });
      return { ok: false, reason: 'invalid' };
    }

    await this.store.clearFailures(`account:${email}`);
    if (needsRehash(passwordHash, this.scryptCost)) {
      await this.store.updateUser(user.id, { passwordHash: await hashPassword(input.password, this.scryptCost), updatedAt: now.toISOString() });
    }
    const sessionId = randomSecret(32);
    const session: SessionRecord = {
      idHash: hashSecret(sessionId),
      userId: user.id,
      csrfToken: randomSecret(32),
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + this.options.sessionTtlMs).toISOString(),
    };
    await this.store.createSession(session);
    if (previousSessionId !== undefined && previousSessionId !== '') await this.store.deleteSession(hashSecret(previousSessionId));
    const publicUser = toUser(user);
    await this.record({ type: 'sign-in', actor: auditActorOf(publicUser), ip });
    return { ok: true, sessionId, session, user: publicUser };
  }

  /** The session's user, loaded fresh (a role change applies at once); null when missing, unknown, expired or disabled. */
  async authenticate(sessionId: string | undefined | null): Promise<AuthenticatedSession | null> {
    if (typeof sessionId !== 'string' || !sessionIdPattern.test(sessionId)) return null;
    const session = await this.store.getSession(hashSecret(sessionId), this.now());
    if (session === null) return null;
    const user = await this.store.getUser(session.userId);
    if (user === null || user.disabled) return null;
    return { user: toUser(user), session };
  }

  /** Ends the session; audited when it was a live one. */
  async signOut(sessionId: string, ip: string | null): Promise<void> {
    const signedIn = await this.authenticate(sessionId);
    await this.store.deleteSession(hashSecret(sessionId));
    if (signedIn === null) return;
    await this.record({ type: 'sign-out', actor: auditActorOf(signedIn.user), ip });
    // The session's live sockets close at once, on every instance (AccessWatcher re-checks the user's sessions).
    await this.events.publish(signedIn.user.id);
  }

  async listUsers(): Promise<User[]> {
    return (await this.store.listUsers()).map(toUser);
  }

  async getUser(userId: string): Promise<User | null> {
    const user = await this.store.getUser(userId);
    return user === null ? null : toUser(user);
  }

  /** Creates an account without a password (it is set through an invitation); `by` is null for the CLI and the seed. Throws DuplicateEmailError. */
  async createUser(input: CreateUser, by: User | null): Promise<User> {
    const valid = createUserSchema.parse(input);
    const at = this.now().toISOString();
    const user: StoredUser = { id: randomSecret(16), ...valid, disabled: false, hasPassword: false, passwordHash: null, createdAt: at, updatedAt: at };
    await this.store.createUser(user);
    const created = toUser(user);
    await this.record({
      type: 'account-created',
      actor: actorOrNull(by),
      detail: { targetUserId: created.id, role: created.role, affiliation: auditActorOf(created).affiliation },
    });
    return created;
  }

  /**
   * Changes an account. A role or affiliation given alone must fit the stored other half (throws a
   * ZodError otherwise). Disabling ends every session; disabling or changing role or affiliation
   * tells every instance, so live sockets are re-checked.
   */
  async updateUser(userId: string, patch: UpdateUser, by: User | null): Promise<User | null> {
    const valid = updateUserSchema.parse(patch);
    const current = await this.store.getUser(userId);
    if (current === null) return null;
    const storePatch: UserPatch = { ...valid, updatedAt: this.now().toISOString() };
    if (valid.role !== undefined || valid.affiliation !== undefined) {
      // Both halves are written together, so the stored pair is always one that was checked.
      const membership = membershipSchema.parse({ role: valid.role ?? current.role, affiliation: valid.affiliation ?? current.affiliation });
      storePatch.role = membership.role;
      storePatch.affiliation = membership.affiliation;
    }
    const updated = await this.store.updateUser(userId, storePatch);
    if (updated === null) return null;

    // Sessions go before the event, so a socket re-checked on the event finds none. Both run when
    // the field is given even if unchanged: a retry after a failed publish then publishes again.
    if (valid.disabled === true) await this.store.deleteSessionsOfUser(userId);
    if (valid.disabled !== undefined || valid.role !== undefined || valid.affiliation !== undefined) await this.events.publish(userId);

    const changed = changedFields(current, updated);
    await this.record({
      type: 'account-updated',
      actor: actorOrNull(by),
      detail: {
        targetUserId: userId,
        changed: changed.join(','),
        ...(changed.includes('role') ? { role: updated.role } : {}),
        ...(changed.includes('affiliation') ? { affiliation: auditActorOf(toUser(updated)).affiliation } : {}),
        ...(changed.includes('disabled') ? { disabled: updated.disabled } : {}),
      },
    });
    return toUser(updated);
  }

  /** A one-time token to set a password (replacing any earlier one); null when there is no such user. The token is shown once and stored hashed. */
  async issueInvitation(userId: string, by: User | null): Promise<{ token: string; expiresAt: string } | null> {
    const user = await this.store.getUser(userId);
    if (user === null) return null;
    const token = randomSecret(32);
    const expiresAt = new Date(this.now().getTime() + this.options.invitationTtlMs).toISOString();
    await this.store.createInvitation({ tokenHash: hashSecret(token), userId, expiresAt });
    await this.record({ type: 'invitation-issued', actor: actorOrNull(by), detail: { targetUserId: userId, expiresAt } });
    return { token, expiresAt };
  }

  /**
   * Sets the password of the invited user and signs them out everywhere; null when the token is
   * unknown, expired or used, or the account is disabled. The token is spent either way.
   */
  async acceptInvitation(input: AcceptInvitation, ip: string | null): Promise<User | null> {
    const valid = acceptInvitationSchema.parse(input);
    const invitation = await this.store.consumeInvitation(hashSecret(valid.token), this.now());
    if (invitation === null) return null;
    const current = await this.store.getUser(invitation.userId);
    if (current === null || current.disabled) return null;
    const updated = await this.changePassword(current.id, valid.password);
    if (updated === null) return null;
    // A new password also lifts a lockout the old one caused.
    await this.store.clearFailures(`account:${updated.email}`);
    const user = toUser(updated);
    await this.record({ type: 'invitation-accepted', actor: auditActorOf(user), ip });
    return user;
  }

  /** Sets a password directly (demo seed, CLI) and signs the user out everywhere. Throws when there is no such user. */
  async setPassword(userId: string, password: string): Promise<void> {
    const updated = await this.changePassword(userId, passwordSchema.parse(password));
    if (updated === null) throw new Error(`no user ${userId}`);
    await this.record({ type: 'account-updated', actor: null, detail: { targetUserId: userId, changed: 'password' } });
  }

  /** True when `password` is the user's password (used to refuse the demo credentials in production). */
  async verifyPasswordOf(userId: string, password: string): Promise<boolean> {
    const user = await this.store.getUser(userId);
    if (user?.passwordHash === null || user?.passwordHash === undefined) return false;
    return verifyPassword(password, user.passwordHash);
  }

  private async changePassword(userId: string, password: string): Promise<StoredUser | null> {
    const passwordHash = await hashPassword(password, this.scryptCost);
    const updated = await this.store.updateUser(userId, { passwordHash, updatedAt: this.now().toISOString() });
    if (updated === null) return null;
    await this.store.deleteSessionsOfUser(userId);
    await this.events.publish(userId);
    return updated;
  }

  private async isThrottled(email: string, ip: string | null, now: Date): Promise<boolean> {
    const { failureWindowMs, maxFailuresPerAccount, maxFailuresPerIp } = this.options;
    if ((await this.store.countFailures(`account:${email}`, failureWindowMs, now)) >= maxFailuresPerAccount) return true;
    return ip !== null && (await this.store.countFailures(`ip:${ip}`, failureWindowMs, now)) >= maxFailuresPerIp;
  }

  private async record(entry: AuditEntryInput): Promise<void> {
    // Audit fields are bounded (subject 254, ip 64): a long typed email must not turn a failed sign-in into an error.
    await this.audit.append({
      ...entry,
      subject: typeof entry.subject === 'string' ? entry.subject.slice(0, 254) : entry.subject,
      ip: typeof entry.ip === 'string' ? entry.ip.slice(0, 64) : entry.ip,
    });
  }
}

/** The user as the API shows it: no password hash. */
function toUser(stored: StoredUser): User {
  const { passwordHash, ...user } = stored;
  return { ...user, hasPassword: passwordHash !== null };
}

function actorOrNull(user: User | null): AuditActor | null {
  return user === null ? null : auditActorOf(user);
}

function changedFields(before: StoredUser, after: StoredUser): string[] {
  const fields: string[] = [];
  if (before.name !== after.name) fields.push('name');
  if (before.role !== after.role) fields.push('role');
  if (JSON.stringify(before.affiliation) !== JSON.stringify(after.affiliation)) fields.push('affiliation');
  if (before.disabled !== after.disabled) fields.push('disabled');
  return fields;
}
