import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuplicateEmailError, type AccountStore, type SessionRecord, type StoredUser } from '../../server/src/accounts/AccountStore.ts';
import { SqliteAccountStore } from '../../server/src/accounts/SqliteAccountStore.ts';
import { RedisAccountStore, accountKeys } from '../../server/src/accounts/RedisAccountStore.ts';
import { redisUrlForTests } from '../utils/redisServer.ts';

const hour = 3_600_000;
const randomId = (bytes = 16) => randomBytes(bytes).toString('base64url');

function makeUser(overrides: Partial<StoredUser> = {}, at = new Date()): StoredUser {
  const id = randomId();
  return {
    id,
    email: `delegate-${id.toLowerCase()}@example.org`,
    name: 'Ana Delegate',
    role: 'delegate',
    affiliation: { kind: 'delegation', delegationCode: 'FRA' },
    disabled: false,
    hasPassword: false,
    passwordHash: null,
    createdAt: at.toISOString(),
    updatedAt: at.toISOString(),
    ...overrides,
  };
}

function makeSession(userId: string, createdAt: Date, ttlMs = hour): SessionRecord {
  return {
    idHash: randomId(32),
    userId,
    csrfToken: randomId(32),
    createdAt: createdAt.toISOString(),
    expiresAt: new Date(createdAt.getTime() + ttlMs).toISOString(),
  };
}

const later = (base: Date, milliseconds: number) => new Date(base.getTime() + milliseconds);

/**
 * The behaviour every AccountStore backend must share. `openStore` opens a new instance (a new
 * connection) on the same data each time; tests use fresh ids and emails, so they share that data.
 */
function describeAccountStoreContract(name: string, openStore: () => AccountStore): void {
  describe(`${name} account store contract`, () => {
    let store: AccountStore;
    beforeAll(() => {
      store = openStore();
    });
    afterAll(async () => {
      await store.close();
    });

    it('creates, gets and lists users in creation order', async () => {
      const start = Date.now();
      const second = makeUser({}, new Date(start + 1000));
      const first = makeUser({ role: 'observer', affiliation: { kind: 'observer', organisationId: 'IAEA' } }, new Date(start));
      const third = makeUser({ role: 'secretariat', affiliation: { kind: 'secretariat' }, passwordHash: 'scrypt$16384$8$1$c2FsdA==$aGFzaA==', hasPassword: true }, new Date(start + 2000));
      for (const user of [second, first, third]) await store.createUser(user);
      expect(await store.getUser(first.id)).toEqual(first);
      expect(await store.getUser(third.id)).toEqual(third);
      expect(await store.getUser('no-such-user')).toBeNull();
      const ours = new Set([first.id, second.id, third.id]);
      const listed = (await store.listUsers()).filter((user) => ours.has(user.id));
      expect(listed).toEqual([first, second, third]);
    });

    it('derives hasPassword from the password hash', async () => {
      const user = makeUser({ hasPassword: true, passwordHash: null });
      await store.createUser(user);
      expect((await store.getUser(user.id))?.hasPassword).toBe(false);
    });

    it('refuses a second account with the same email, whatever its case', async () => {
      const user = makeUser();
      await store.createUser(user);
      const twin = makeUser({ email: user.email.toUpperCase() });
      await expect(store.createUser(twin)).rejects.toBeInstanceOf(DuplicateEmailError);
      expect(await store.getUser(twin.id)).toBeNull();
      expect(await store.getUser(user.id)).toEqual(user);
    });

    it('finds a user by email case-insensitively and stores the email lower-cased', async () => {
      const id = randomId();
      const user = makeUser({ id, email: `Mixed.Case-${id}@Example.ORG` });
      await store.createUser(user);
      const stored = await store.getUserByEmail(`mixed.case-${id}@example.org`.toUpperCase());
      expect(stored?.id).toBe(id);
      expect(stored?.email).toBe(`mixed.case-${id}@example.org`.toLowerCase());
      expect(await store.getUserByEmail(` ${stored?.email ?? ''} `)).toEqual(stored);
      expect(await store.getUserByEmail(`nobody-${id}@example.org`)).toBeNull();
    });

    it('updates the given fields only, and answers null for an unknown user', async () => {
      const user = makeUser();
      await store.createUser(user);
      const at = later(new Date(user.updatedAt), 1000).toISOString();
      const renamed = await store.updateUser(user.id, { name: 'Ana Chair', role: 'chair', updatedAt: at });
      expect(renamed).toEqual({ ...user, name: 'Ana Chair', role: 'chair', updatedAt: at });
      const moved = await store.updateUser(user.id, { role: 'observer', affiliation: { kind: 'observer', organisationId: 'CTBTO' }, disabled: true, updatedAt: at });
      expect(moved).toMatchObject({ name: 'Ana Chair', role: 'observer', affiliation: { kind: 'observer', organisationId: 'CTBTO' }, disabled: true });
      const withPassword = await store.updateUser(user.id, { passwordHash: 'scrypt$16384$8$1$c2FsdA==$aGFzaA==', updatedAt: at });
      expect(withPassword).toMatchObject({ passwordHash: 'scrypt$16384$8$1$c2FsdA==$aGFzaA==', hasPassword: true, disabled: true });
      const cleared = await store.updateUser(user.id, { passwordHash: null, disabled: false, updatedAt: at });
      expect(cleared).toMatchObject({ passwordHash: null, hasPassword: false, disabled: false, email: user.email, createdAt: user.createdAt });
      expect(await store.getUser(user.id)).toEqual(cleared);
      expect(await store.updateUser('no-such-user', { name: 'Nobody', updatedAt: at })).toBeNull();
      expect(await store.getUser('no-such-user')).toBeNull();
    });

    it('keeps a session until it expires at the given time', async () => {
      const user = makeUser();
      await store.createUser(user);
      const now = new Date();
      const session = makeSession(user.id, now);
      await store.createSession(session);
      expect(await store.getSession(session.idHash, now)).toEqual(session);
      expect(await store.getSession(session.idHash, later(now, hour - 1))).toEqual(session);
      expect(await store.getSession(session.idHash, later(now, hour))).toBeNull();
      expect(await store.getSession(session.idHash, later(now, 2 * hour))).toBeNull();
      expect(await store.getSession('no-such-session', now)).toBeNull();
    });

    it('deletes one session', async () => {
      const user = makeUser();
      await store.createUser(user);
      const now = new Date();
      const [kept, ended] = [makeSession(user.id, now), makeSession(user.id, now)];
      await store.createSession(kept);
      await store.createSession(ended);
      await store.deleteSession(ended.idHash);
      await store.deleteSession('no-such-session');
      expect(await store.getSession(ended.idHash, now)).toBeNull();
      expect(await store.getSession(kept.idHash, now)).toEqual(kept);
    });

    it("deletes every session of one user, and only that user's", async () => {
      const [user, other] = [makeUser(), makeUser()];
      await store.createUser(user);
      await store.createUser(other);
      const now = new Date();
      const sessions = [makeSession(user.id, now), makeSession(user.id, now), makeSession(user.id, now)];
      const otherSession = makeSession(other.id, now);
      for (const session of [...sessions, otherSession]) await store.createSession(session);
      expect(await store.deleteSessionsOfUser(user.id)).toBe(3);
      for (const session of sessions) expect(await store.getSession(session.idHash, now)).toBeNull();
      expect(await store.getSession(otherSession.idHash, now)).toEqual(otherSession);
      expect(await store.deleteSessionsOfUser(user.id)).toBe(0);
      // The user can sign in again afterwards.
      const fresh = makeSession(user.id, now);
      await store.createSession(fresh);
      expect(await store.getSession(fresh.idHash, now)).toEqual(fresh);
    });

    it('gives an invitation to exactly one of two concurrent consumers', async () => {
      const user = makeUser();
      await store.createUser(user);
      const now = new Date();
      const invitation = { tokenHash: randomId(32), userId: user.id, expiresAt: later(now, hour).toISOString() };
      await store.createInvitation(invitation);
      const second = openStore();
      try {
        const results = await Promise.all([store.consumeInvitation(invitation.tokenHash, now), second.consumeInvitation(invitation.tokenHash, now)]);
        expect(results.filter((result) => result !== null)).toEqual([invitation]);
      } finally {
        await second.close();
      }
      expect(await store.consumeInvitation(invitation.tokenHash, now)).toBeNull();
    });

    it('replaces an earlier invitation of the same user', async () => {
      const user = makeUser();
      await store.createUser(user);
      const now = new Date();
      const first = { tokenHash: randomId(32), userId: user.id, expiresAt: later(now, hour).toISOString() };
      const second = { ...first, tokenHash: randomId(32) };
      await store.createInvitation(first);
      await store.createInvitation(second);
      expect(await store.consumeInvitation(first.tokenHash, now)).toBeNull();
      expect(await store.consumeInvitation(second.tokenHash, now)).toEqual(second);
    });

    it('refuses an expired invitation', async () => {
      const user = makeUser();
      await store.createUser(user);
      const now = new Date();
      const invitation = { tokenHash: randomId(32), userId: user.id, expiresAt: later(now, hour).toISOString() };
      await store.createInvitation(invitation);
      expect(await store.consumeInvitation(invitation.tokenHash, later(now, hour))).toBeNull();
      expect(await store.consumeInvitation('no-such-token', now)).toBeNull();
    });

    it('counts failures per key in a window that ends', async () => {
      const [key, otherKey] = [`account:${randomId()}@example.org`, `ip:${randomId()}`];
      const start = new Date();
      expect(await store.countFailures(key, hour, start)).toBe(0);
      expect(await store.recordFailure(key, hour, start)).toBe(1);
      expect(await store.recordFailure(key, hour, later(start, 1000))).toBe(2);
      expect(await store.recordFailure(key, hour, later(start, 2000))).toBe(3);
      expect(await store.recordFailure(otherKey, hour, start)).toBe(1);
      expect(await store.countFailures(key, hour, later(start, hour - 1))).toBe(3);
      expect(await store.countFailures(otherKey, hour, later(start, 3000))).toBe(1);
      await store.clearFailures(otherKey);
      expect(await store.countFailures(otherKey, hour, later(start, 3000))).toBe(0);
      expect(await store.countFailures(key, hour, later(start, 3000))).toBe(3);
      // The window has ended: the count starts again.
      expect(await store.countFailures(key, hour, later(start, hour))).toBe(0);
      expect(await store.recordFailure(key, hour, later(start, hour + 5))).toBe(1);
      expect(await store.countFailures(key, hour, later(start, hour + 6))).toBe(1);
    });

    it('keeps users, sessions, invitations and counters for a new connection', async () => {
      const user = makeUser({ passwordHash: 'scrypt$16384$8$1$c2FsdA==$aGFzaA==', hasPassword: true });
      await store.createUser(user);
      const now = new Date();
      const session = makeSession(user.id, now);
      await store.createSession(session);
      const invitation = { tokenHash: randomId(32), userId: user.id, expiresAt: later(now, hour).toISOString() };
      await store.createInvitation(invitation);
      const key = `account:${user.email}`;
      await store.recordFailure(key, hour, now);
      const reopened = openStore();
      try {
        expect(await reopened.getUser(user.id)).toEqual(user);
        expect(await reopened.getUserByEmail(user.email)).toEqual(user);
        expect(await reopened.getSession(session.idHash, now)).toEqual(session);
        expect(await reopened.countFailures(key, hour, now)).toBe(1);
        expect(await reopened.consumeInvitation(invitation.tokenHash, now)).toEqual(invitation);
      } finally {
        await reopened.close();
      }
    });
  });
}

const sqliteDirectory = mkdtempSync(join(tmpdir(), 'concord-accounts-'));
afterAll(() => {
  rmSync(sqliteDirectory, { recursive: true, force: true });
});

describeAccountStoreContract('SQLite', () => new SqliteAccountStore({ directory: sqliteDirectory }));

let sharedRedis: { url: string; stop(): Promise<void> };
beforeAll(async () => {
  sharedRedis = await redisUrlForTests();
});
afterAll(async () => {
  await sharedRedis.stop();
});

describeAccountStoreContract('Redis', () => new RedisAccountStore(sharedRedis.url));

describe('RedisAccountStore specifics', () => {
  let store: RedisAccountStore;
  let redis: Redis;
  beforeAll(() => {
    store = new RedisAccountStore(sharedRedis.url);
    redis = new Redis(sharedRedis.url);
  });
  afterAll(async () => {
    await store.close();
    await redis.quit();
  });

  it('lets sessions and invitations expire in Redis at their expiry time', async () => {
    const user = makeUser();
    await store.createUser(user);
    const now = new Date();
    const session = makeSession(user.id, now);
    await store.createSession(session);
    expect(await redis.pexpiretime(accountKeys.session(session.idHash))).toBe(Date.parse(session.expiresAt));
    expect(await redis.pexpiretime(accountKeys.userSessions(user.id))).toBe(Date.parse(session.expiresAt));
    const invitation = { tokenHash: randomId(32), userId: user.id, expiresAt: later(now, 2 * hour).toISOString() };
    await store.createInvitation(invitation);
    expect(await redis.pexpiretime(accountKeys.invitation(invitation.tokenHash))).toBe(Date.parse(invitation.expiresAt));
  });

  it("drops expired sessions from the user's index at the next sign-in", async () => {
    const user = makeUser();
    await store.createUser(user);
    const now = new Date();
    const gone = makeSession(user.id, now);
    await store.createSession(gone);
    // As if Redis had expired the session key.
    await redis.del(accountKeys.session(gone.idHash));
    const live = makeSession(user.id, now);
    await store.createSession(live);
    expect(await redis.smembers(accountKeys.userSessions(user.id))).toEqual([live.idHash]);
    expect(await store.deleteSessionsOfUser(user.id)).toBe(1);
  });

  it('refuses malformed data read back rather than trusting it', async () => {
    const user = makeUser();
    await store.createUser(user);
    await redis.hset(accountKeys.user(user.id), 'affiliation', '{"kind":"delegation","delegationCode":"not a code"}');
    await expect(store.getUser(user.id)).rejects.toThrow();
    await redis.hset(accountKeys.user(user.id), 'affiliation', 'not json');
    await expect(store.getUser(user.id)).rejects.toThrow();
    const session = makeSession(user.id, new Date());
    await redis.set(accountKeys.session(session.idHash), JSON.stringify({ ...session, userId: 7 }));
    await expect(store.getSession(session.idHash, new Date())).rejects.toThrow();
  });
});
