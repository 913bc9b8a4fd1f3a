import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntry, CreateUser, User } from '@concord/shared';
import { DuplicateEmailError } from '../../server/src/accounts/AccountStore.ts';
import { Accounts, type SignInResult } from '../../server/src/accounts/Accounts.ts';
import { LocalAccountEvents } from '../../server/src/accounts/LocalAccountEvents.ts';
import { SqliteAccountStore } from '../../server/src/accounts/SqliteAccountStore.ts';
import { hashPassword, type ScryptCost } from '../../server/src/accounts/passwords.ts';
import { SqliteAuditLog } from '../../server/src/audit/SqliteAuditLog.ts';

const fastCost: ScryptCost = { N: 2 ** 14, r: 8, p: 1 };
const hour = 3_600_000;
const sessionTtlMs = 8 * hour;
const invitationTtlMs = 72 * hour;
const failureWindowMs = hour;
const maxFailuresPerAccount = 5;
const maxFailuresPerIp = 8;

const delegate: CreateUser = { email: 'ana.delegate@example.org', name: 'Ana Delegate', role: 'delegate', affiliation: { kind: 'delegation', delegationCode: 'FRA' } };
const secretary: CreateUser = { email: 'sam.secretariat@example.org', name: 'Sam Secretariat', role: 'secretariat', affiliation: { kind: 'secretariat' } };
const password = 'violet-harbour-lantern-42';
const sha256 = (secret: string) => createHash('sha256').update(secret).digest('base64url');

interface Harness {
  accounts: Accounts;
  store: SqliteAccountStore;
  audit: SqliteAuditLog;
  /** Every user id the account events carried, in order. */
  events: string[];
  clock: { now: Date; advance(milliseconds: number): void };
  /** Creates an account with a password, as the seed would. */
  userWithPassword(input: CreateUser, userPassword?: string): Promise<User>;
  auditEntries(): Promise<AuditEntry[]>;
}

let directory: string;
let harness: Harness;

function openHarness(): Harness {
  const clock = {
    now: new Date('2031-05-12T09:00:00.000Z'),
    advance(milliseconds: number) {
      clock.now = new Date(clock.now.getTime() + milliseconds);
    },
  };
  const store = new SqliteAccountStore({ directory });
  const audit = new SqliteAuditLog({ directory, now: () => clock.now });
  const accountEvents = new LocalAccountEvents();
  const events: string[] = [];
  accountEvents.subscribe((userId) => events.push(userId));
  const accounts = new Accounts({
    store,
    events: accountEvents,
    audit,
    sessionTtlMs,
    invitationTtlMs,
    maxFailuresPerAccount,
    maxFailuresPerIp,
    failureWindowMs,
    scryptCost: fastCost,
    now: () => clock.now,
  });
  return {
    accounts,
    store,
    audit,
    events,
    clock,
    async userWithPassword(input, userPassword = password) {
      const user = await accounts.createUser(input, null);
      await accounts.setPassword(user.id, userPassword);
      return { ...user, hasPassword: true };
    },
    auditEntries: () => audit.query({ limit: 500 }),
  };
}

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'concord-accounts-'));
  harness = openHarness();
});
afterEach(async () => {
  await harness.store.close();
  await harness.audit.close();
  rmSync(directory, { recursive: true, force: true });
});

function expectSignedIn(result: SignInResult): Extract<SignInResult, { ok: true }> {
  if (!result.ok) throw new Error(`expected a sign-in, got ${JSON.stringify(result)}`);
  return result;
}

describe('Accounts: sign-in', () => {
  it('opens a session whose id is random, stored only as its SHA-256, with its own CSRF token', async () => {
    const { accounts, store } = harness;
    const user = await harness.userWithPassword(delegate);
    const first = expectSignedIn(await accounts.signIn({ email: delegate.email, password }, '192.0.2.1'));
    expect(first.sessionId).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(first.user).toMatchObject({ id: user.id, email: delegate.email, hasPassword: true });
    expect(first.user).not.toHaveProperty('passwordHash');
    expect(first.session).toMatchObject({ idHash: sha256(first.sessionId), userId: user.id, createdAt: harness.clock.now.toISOString() });
    expect(first.session.expiresAt).toBe(new Date(harness.clock.now.getTime() + sessionTtlMs).toISOString());
    expect(await store.getSession(first.sessionId, harness.clock.now)).toBeNull();
    expect(await store.getSession(sha256(first.sessionId), harness.clock.now)).toEqual(first.session);

    const second = expectSignedIn(await accounts.signIn({ email: delegate.email, password }, '192.0.2.1'));
    expect(second.sessionId).not.toBe(first.sessionId);
    expect(second.session.csrfToken).not.toBe(first.session.csrfToken);
    expect(await accounts.authenticate(first.sessionId)).toEqual({ user: first.user, session: first.session });

    const signIns = (await harness.auditEntries()).filter((entry) => entry.type === 'sign-in');
    expect(signIns).toHaveLength(2);
    expect(signIns[0]).toMatchObject({ actor: { userId: user.id, email: delegate.email, role: 'delegate', affiliation: 'FRA' }, ip: '192.0.2.1' });
  });

  it('accepts the email in any case and with spaces around it', async () => {
    await harness.userWithPassword(delegate);
    expectSignedIn(await harness.accounts.signIn({ email: `  ${delegate.email.toUpperCase()} `, password }, null));
  });

  it('answers an unknown email, a wrong password, a disabled account and one without a password alike', async () => {
    const { accounts } = harness;
    const user = await harness.userWithPassword(delegate);
    const disabled = await harness.userWithPassword({ ...delegate, email: 'disabled@example.org' });
    await accounts.updateUser(disabled.id, { disabled: true }, null);
    await accounts.createUser({ ...delegate, email: 'invited@example.org' }, null);
    const answers = [
      await accounts.signIn({ email: 'nobody@example.org', password }, '192.0.2.1'),
      await accounts.signIn({ email: delegate.email, password: 'wrong-password-entirely' }, '192.0.2.1'),
      await accounts.signIn({ email: 'disabled@example.org', password }, '192.0.2.1'),
      await accounts.signIn({ email: 'invited@example.org', password }, '192.0.2.1'),
      await accounts.signIn({ email: 'not an email', password: '' }, '192.0.2.1'),
    ];
    for (const answer of answers) expect(answer).toEqual({ ok: false, reason: 'invalid' });
    const failures = (await harness.auditEntries()).filter((entry) => entry.type === 'sign-in-failed');
    expect(failures.map((entry) => entry.subject).reverse()).toEqual(['nobody@example.org', delegate.email, 'disabled@example.org', 'invited@example.org', 'not an email']);
    for (const entry of failures) expect(entry).toMatchObject({ actor: null, ip: '192.0.2.1', detail: { reason: 'invalid' } });
    expect(await accounts.authenticate(null)).toBeNull();
    expectSignedIn(await accounts.signIn({ email: user.email, password }, '192.0.2.1'));
  });

  it('throttles an account after too many failures, without checking the password, until the window ends', async () => {
    const { accounts } = harness;
    await harness.userWithPassword(delegate);
    for (let attempt = 0; attempt < maxFailuresPerAccount; attempt += 1) {
      // A new address each time: the account's own counter is what stops it.
      expect(await accounts.signIn({ email: delegate.email, password: 'wrong-password-entirely' }, `198.51.100.${attempt}`)).toEqual({ ok: false, reason: 'invalid' });
    }
    const refused = await accounts.signIn({ email: delegate.email, password }, '203.0.113.9');
    expect(refused).toEqual({ ok: false, reason: 'throttled', retryAfterSeconds: failureWindowMs / 1000 });
    expect((await harness.auditEntries())[0]).toMatchObject({ type: 'sign-in-failed', subject: delegate.email, detail: { reason: 'throttled' } });
    // Other accounts are not affected.
    await harness.userWithPassword(secretary);
    expectSignedIn(await accounts.signIn({ email: secretary.email, password }, '203.0.113.9'));
    harness.clock.advance(failureWindowMs);
    expectSignedIn(await accounts.signIn({ email: delegate.email, password }, '203.0.113.9'));
  });

  it('clears the account counter after a successful sign-in', async () => {
    const { accounts } = harness;
    await harness.userWithPassword(delegate);
    const fail = () => accounts.signIn({ email: delegate.email, password: 'wrong-password-entirely' }, null);
    for (let attempt = 0; attempt < maxFailuresPerAccount - 1; attempt += 1) await fail();
    expectSignedIn(await accounts.signIn({ email: delegate.email, password }, null));
    for (let attempt = 0; attempt < maxFailuresPerAccount - 1; attempt += 1) await fail();
    expectSignedIn(await accounts.signIn({ email: delegate.email, password }, null));
    for (let attempt = 0; attempt < maxFailuresPerAccount; attempt += 1) await fail();
    expect(await accounts.signIn({ email: delegate.email, password }, null)).toMatchObject({ ok: false, reason: 'throttled' });
  });

  it('throttles an address that fails against many accounts, and only that address', async () => {
    const { accounts } = harness;
    await harness.userWithPassword(delegate);
    for (let attempt = 0; attempt < maxFailuresPerIp; attempt += 1) {
      await accounts.signIn({ email: `guess-${attempt}@example.org`, password }, '192.0.2.66');
    }
    expect(await accounts.signIn({ email: delegate.email, password }, '192.0.2.66')).toMatchObject({ ok: false, reason: 'throttled' });
    expectSignedIn(await accounts.signIn({ email: delegate.email, password }, '192.0.2.67'));
    // A success does not clear an address's counter.
    expect(await accounts.signIn({ email: delegate.email, password }, '192.0.2.66')).toMatchObject({ ok: false, reason: 'throttled' });
    harness.clock.advance(failureWindowMs);
    expectSignedIn(await accounts.signIn({ email: delegate.email, password }, '192.0.2.66'));
  });

  it('rotates the session: a sign-in that carried a session ends it and returns a new id', async () => {
    const { accounts } = harness;
    await harness.userWithPassword(delegate);
    const before = expectSignedIn(await accounts.signIn({ email: delegate.email, password }, null));
    const after = expectSignedIn(await accounts.signIn({ email: delegate.email, password }, null, before.sessionId));
    expect(after.sessionId).not.toBe(before.sessionId);
    expect(await accounts.authenticate(before.sessionId)).toBeNull();
    expect((await accounts.authenticate(after.sessionId))?.session).toEqual(after.session);
  });

  it('hashes again with the configured cost when the stored hash used another', async () => {
    const { accounts, store } = harness;
    const user = await accounts.createUser(delegate, null);
    await store.updateUser(user.id, { passwordHash: await hashPassword(password, { N: 2 ** 10, r: 8, p: 1 }), updatedAt: harness.clock.now.toISOString() });
    expectSignedIn(await accounts.signIn({ email: delegate.email, password }, null));
    expect((await store.getUser(user.id))?.passwordHash).toMatch(/^scrypt\$16384\$8\$1\$/);
    expectSignedIn(await accounts.signIn({ email: delegate.email, password }, null));
  });
});

describe('Accounts: sessions', () => {
  it('refuses a session once it has expired', async () => {
    const { accounts } = harness;
    await harness.userWithPassword(delegate);
    const { sessionId } = expectSignedIn(await accounts.signIn({ email: delegate.email, password }, null));
    harness.clock.advance(sessionTtlMs - 1);
    expect(await accounts.authenticate(sessionId)).not.toBeNull();
    harness.clock.advance(1);
    expect(await accounts.authenticate(sessionId)).toBeNull();
  });

  it('refuses missing, malformed and unknown session ids', async () => {
    const { accounts } = harness;
    for (const sessionId of [undefined, null, '', 'short', 'x'.repeat(43), `${'a'.repeat(42)}!`]) {
      expect(await accounts.authenticate(sessionId)).toBeNull();
    }
  });

  it("loads the user afresh, so a role change applies to a live session at once and is announced", async () => {
    const { accounts } = harness;
    const user = await harness.userWithPassword(delegate);
    const { sessionId } = expectSignedIn(await accounts.signIn({ email: delegate.email, password }, null));
    harness.events.length = 0;
    const changed = await accounts.updateUser(user.id, { role: 'chair' }, null);
    expect(changed?.role).toBe('chair');
    expect((await accounts.authenticate(sessionId))?.user.role).toBe('chair');
    expect(harness.events).toEqual([user.id]);
    const entry = (await harness.auditEntries())[0];
    expect(entry).toMatchObject({ type: 'account-updated', actor: null, detail: { targetUserId: user.id, changed: 'role', role: 'chair' } });
  });

  it("refuses a disabled user's session, ends all their sessions and announces it", async () => {
    const { accounts, store } = harness;
    const admin = await harness.userWithPassword(secretary);
    const user = await harness.userWithPassword(delegate);
    const sessions = [
      expectSignedIn(await accounts.signIn({ email: delegate.email, password }, null)),
      expectSignedIn(await accounts.signIn({ email: delegate.email, password }, null)),
    ];
    harness.events.length = 0;
    const disabled = await accounts.updateUser(user.id, { disabled: true }, admin);
    expect(disabled?.disabled).toBe(true);
    expect(harness.events).toEqual([user.id]);
    for (const { sessionId, session } of sessions) {
      expect(await accounts.authenticate(sessionId)).toBeNull();
      expect(await store.getSession(session.idHash, harness.clock.now)).toBeNull();
    }
    // Enabling again does not bring the old sessions back.
    await accounts.updateUser(user.id, { disabled: false }, admin);
    expect(await accounts.authenticate(sessions[0]?.sessionId)).toBeNull();
    const entry = (await harness.auditEntries()).find((candidate) => candidate.detail.disabled === true);
    expect(entry).toMatchObject({ type: 'account-updated', actor: { userId: admin.id, role: 'secretariat', affiliation: 'secretariat' }, detail: { targetUserId: user.id, changed: 'disabled' } });
  });

  it('signs out: the session ends and the sign-out is audited', async () => {
    const { accounts } = harness;
    const user = await harness.userWithPassword(delegate);
    const { sessionId } = expectSignedIn(await accounts.signIn({ email: delegate.email, password }, null));
    await accounts.signOut(sessionId, '192.0.2.5');
    expect(await accounts.authenticate(sessionId)).toBeNull();
    expect((await harness.auditEntries())[0]).toMatchObject({ type: 'sign-out', actor: { userId: user.id }, ip: '192.0.2.5' });
  });
});

describe('Accounts: accounts and invitations', () => {
  it('creates accounts without a password, refuses a taken email and audits the creation', async () => {
    const { accounts } = harness;
    const admin = await harness.userWithPassword(secretary);
    harness.clock.advance(1000);
    const user = await accounts.createUser(delegate, admin);
    expect(user).toMatchObject({ email: delegate.email, role: 'delegate', disabled: false, hasPassword: false });
    expect(user.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(await accounts.getUser(user.id)).toEqual(user);
    expect((await accounts.listUsers()).map((listed) => listed.id)).toEqual([admin.id, user.id]);
    await expect(accounts.createUser({ ...delegate, email: delegate.email.toUpperCase() }, admin)).rejects.toBeInstanceOf(DuplicateEmailError);
    expect((await harness.auditEntries())[0]).toMatchObject({
      type: 'account-created',
      actor: { userId: admin.id },
      detail: { targetUserId: user.id, role: 'delegate', affiliation: 'FRA' },
    });
  });

  it('checks a role or an affiliation given alone against the stored other half', async () => {
    const { accounts } = harness;
    const user = await accounts.createUser(delegate, null);
    await expect(accounts.updateUser(user.id, { role: 'observer' }, null)).rejects.toThrow(/needs an affiliation of kind/);
    await expect(accounts.updateUser(user.id, { affiliation: { kind: 'secretariat' } }, null)).rejects.toThrow(/needs an affiliation/);
    expect(await accounts.getUser(user.id)).toEqual(user);
    const moved = await accounts.updateUser(user.id, { role: 'observer', affiliation: { kind: 'observer', organisationId: 'IAEA' } }, null);
    expect(moved).toMatchObject({ role: 'observer', affiliation: { kind: 'observer', organisationId: 'IAEA' } });
    expect(await accounts.updateUser(user.id, { affiliation: { kind: 'observer', organisationId: 'CTBTO' } }, null)).toMatchObject({ role: 'observer' });
    expect(await accounts.updateUser('unknown-user-id', { name: 'Nobody' }, null)).toBeNull();
  });

  it('sets a password through a one-time invitation and ends the sessions opened before', async () => {
    const { accounts } = harness;
    const admin = await harness.userWithPassword(secretary);
    const user = await harness.userWithPassword(delegate, 'old-password-to-replace');
    const { sessionId } = expectSignedIn(await accounts.signIn({ email: delegate.email, password: 'old-password-to-replace' }, null));
    harness.events.length = 0;

    const invitation = await accounts.issueInvitation(user.id, admin);
    if (invitation === null) throw new Error('expected an invitation');
    expect(invitation.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(invitation.expiresAt).toBe(new Date(harness.clock.now.getTime() + invitationTtlMs).toISOString());
    const accepted = await accounts.acceptInvitation({ token: invitation.token, password }, '192.0.2.7');
    expect(accepted).toMatchObject({ id: user.id, hasPassword: true });
    expect(await accounts.authenticate(sessionId)).toBeNull();
    expect(harness.events).toEqual([user.id]);
    expect(await accounts.signIn({ email: delegate.email, password: 'old-password-to-replace' }, null)).toMatchObject({ ok: false });
    expectSignedIn(await accounts.signIn({ email: delegate.email, password }, null));
    // One use only.
    expect(await accounts.acceptInvitation({ token: invitation.token, password: 'another-long-password' }, null)).toBeNull();
    expectSignedIn(await accounts.signIn({ email: delegate.email, password }, null));

    const types = (await harness.auditEntries()).map((entry) => entry.type);
    expect(types).toContain('invitation-issued');
    expect(types).toContain('invitation-accepted');
    expect(await accounts.issueInvitation('unknown-user-id', admin)).toBeNull();
  });

  it('refuses an expired invitation, a replaced one and one for a disabled account', async () => {
    const { accounts } = harness;
    const user = await accounts.createUser(delegate, null);
    const expired = await accounts.issueInvitation(user.id, null);
    harness.clock.advance(invitationTtlMs);
    expect(await accounts.acceptInvitation({ token: expired?.token ?? '', password }, null)).toBeNull();

    const replaced = await accounts.issueInvitation(user.id, null);
    const current = await accounts.issueInvitation(user.id, null);
    expect(await accounts.acceptInvitation({ token: replaced?.token ?? '', password }, null)).toBeNull();

    await accounts.updateUser(user.id, { disabled: true }, null);
    expect(await accounts.acceptInvitation({ token: current?.token ?? '', password }, null)).toBeNull();
    expect((await accounts.getUser(user.id))?.hasPassword).toBe(false);
  });

  it('lifts an account lockout when an invitation sets a new password', async () => {
    const { accounts } = harness;
    const user = await harness.userWithPassword(delegate);
    for (let attempt = 0; attempt < maxFailuresPerAccount; attempt += 1) {
      await accounts.signIn({ email: delegate.email, password: 'wrong-password-entirely' }, null);
    }
    expect(await accounts.signIn({ email: delegate.email, password }, null)).toMatchObject({ reason: 'throttled' });
    const invitation = await accounts.issueInvitation(user.id, null);
    await accounts.acceptInvitation({ token: invitation?.token ?? '', password: 'a-brand-new-passphrase' }, null);
    expectSignedIn(await accounts.signIn({ email: delegate.email, password: 'a-brand-new-passphrase' }, null));
  });

  it('verifies a password of a user, for refusing the demo credentials', async () => {
    const { accounts } = harness;
    const user = await harness.userWithPassword(delegate);
    const withoutPassword = await accounts.createUser(secretary, null);
    expect(await accounts.verifyPasswordOf(user.id, password)).toBe(true);
    expect(await accounts.verifyPasswordOf(user.id, 'wrong-password-entirely')).toBe(false);
    expect(await accounts.verifyPasswordOf(withoutPassword.id, password)).toBe(false);
    expect(await accounts.verifyPasswordOf('unknown-user-id', password)).toBe(false);
    await expect(accounts.setPassword(user.id, 'short')).rejects.toThrow();
    await expect(accounts.setPassword('unknown-user-id', password)).rejects.toThrow(/no user/);
  });

  it('never writes a password, session id or invitation token to the audit log', async () => {
    const { accounts } = harness;
    const secrets: string[] = ['wrong-password-SECRET-1', 'initial-password-SECRET-2', 'invited-password-SECRET-3'];
    const admin = await harness.userWithPassword(secretary, secrets[1]);
    const user = await accounts.createUser(delegate, admin);
    const invitation = await accounts.issueInvitation(user.id, admin);
    secrets.push(invitation?.token ?? 'missing token');
    await accounts.acceptInvitation({ token: invitation?.token ?? '', password: secrets[2] ?? '' }, '192.0.2.8');
    await accounts.signIn({ email: delegate.email, password: secrets[0] ?? '' }, '192.0.2.8');
    await accounts.signIn({ email: 'nobody@example.org', password: secrets[0] ?? '' }, '192.0.2.8');
    const signedIn = expectSignedIn(await accounts.signIn({ email: delegate.email, password: secrets[2] ?? '' }, '192.0.2.8'));
    secrets.push(signedIn.sessionId, signedIn.session.idHash, signedIn.session.csrfToken);
    await accounts.updateUser(user.id, { role: 'chair' }, admin);
    await accounts.signOut(signedIn.sessionId, '192.0.2.8');
    for (let attempt = 0; attempt <= maxFailuresPerAccount; attempt += 1) await accounts.signIn({ email: delegate.email, password: secrets[0] ?? '' }, null);

    const entries = await harness.auditEntries();
    expect(new Set(entries.map((entry) => entry.type))).toEqual(
      new Set(['account-created', 'account-updated', 'invitation-issued', 'invitation-accepted', 'sign-in', 'sign-in-failed', 'sign-out']),
    );
    const serialized = JSON.stringify(entries);
    for (const secret of secrets) expect(serialized).not.toContain(secret);
    expect(serialized).not.toContain('SECRET');
    expect(serialized).not.toContain('scrypt$');
  });

  it('keeps accounts and sessions across a restart on the same directory', async () => {
    await harness.userWithPassword(delegate);
    const { sessionId } = expectSignedIn(await harness.accounts.signIn({ email: delegate.email, password }, null));
    const now = harness.clock.now;
    await harness.store.close();
    await harness.audit.close();
    harness = openHarness();
    harness.clock.now = now;
    expect((await harness.accounts.authenticate(sessionId))?.user.email).toBe(delegate.email);
  });
});
