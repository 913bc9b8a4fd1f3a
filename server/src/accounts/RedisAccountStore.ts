/*
 * Redis key layout. Account keys share the hash tag `{accounts}`: in a Redis Cluster they live in
 * ONE slot, so a Lua script may touch several of them (a committee has hundreds of accounts, which
 * one slot holds easily). Failure counters are single keys and spread over the cluster.
 *
 *   concord:account:{accounts}:users                 sorted set  member = user id, score = createdAt (ms)
 *   concord:account:{accounts}:user:<id>             hash        id, email, name, role, affiliation (JSON),
 *                                                                disabled ('0'|'1'), passwordHash (absent: none),
 *                                                                createdAt, updatedAt
 *   concord:account:{accounts}:email:<email>         string      user id (emails are stored lower-cased)
 *   concord:account:{accounts}:session:<idHash>      string      SessionRecord JSON; expires at its expiresAt
 *   concord:account:{accounts}:user-sessions:<id>    set         the user's session id hashes
 *   concord:account:{accounts}:invitation:<hash>     string      InvitationRecord JSON; expires at its expiresAt
 *   concord:account:{accounts}:user-invitation:<id>  string      hash of the user's current invitation token
 *   concord:account:failures:<key>                   hash        start (ms), count: one fixed window
 */
import { Redis, type RedisOptions, type Result } from 'ioredis';
import { z } from 'zod';
import { affiliationSchema, personNameSchema, roleSchema, userSchema } from '@concord/shared';
import {
  DuplicateEmailError,
  type AccountStore,
  type InvitationRecord,
  type SessionRecord,
  type StoredUser,
  type UserPatch,
} from './AccountStore.ts';
import { reconnectDelay } from '../storage/RedisStore.ts';

const prefix = 'concord:account:{accounts}';

/** Every key the account store uses (exported for tests and operations tooling). */
export const accountKeys = {
  users: `${prefix}:users`,
  user: (userId: string) => `${prefix}:user:${userId}`,
  email: (email: string) => `${prefix}:email:${email}`,
  sessionPrefix: `${prefix}:session:`,
  session: (idHash: string) => `${prefix}:session:${idHash}`,
  userSessions: (userId: string) => `${prefix}:user-sessions:${userId}`,
  invitationPrefix: `${prefix}:invitation:`,
  invitation: (tokenHash: string) => `${prefix}:invitation:${tokenHash}`,
  userInvitation: (userId: string) => `${prefix}:user-invitation:${userId}`,
  failures: (key: string) => `concord:account:failures:${key}`,
};

const createUserScript = `
  if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
  if redis.call('EXISTS', KEYS[2]) == 1 then return -1 end
  redis.call('SET', KEYS[1], ARGV[1])
  redis.call('HSET', KEYS[2], unpack(ARGV, 3))
  redis.call('ZADD', KEYS[3], ARGV[2], ARGV[1])
  return 1`;

// ARGV: how many fields to delete, those fields, then field/value pairs to set.
const updateUserScript = `
  if redis.call('EXISTS', KEYS[1]) == 0 then return false end
  local deletes = tonumber(ARGV[1])
  for index = 2, deletes + 1 do redis.call('HDEL', KEYS[1], ARGV[index]) end
  if #ARGV > deletes + 1 then redis.call('HSET', KEYS[1], unpack(ARGV, deletes + 2)) end
  return redis.call('HGETALL', KEYS[1])`;

// The session keys named by the set are not declared in KEYS; they share its hash tag, hence its slot.
// Members whose session has expired are dropped here, so the set does not grow with every sign-in.
const createSessionScript = `
  redis.call('SET', KEYS[1], ARGV[1], 'PXAT', ARGV[2])
  for _, member in ipairs(redis.call('SMEMBERS', KEYS[2])) do
    if redis.call('EXISTS', ARGV[4] .. member) == 0 then redis.call('SREM', KEYS[2], member) end
  end
  redis.call('SADD', KEYS[2], ARGV[3])
  local time = redis.call('TIME')
  local nowMs = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
  local ttl = redis.call('PTTL', KEYS[2])
  if ttl < 0 or nowMs + ttl < tonumber(ARGV[2]) then redis.call('PEXPIREAT', KEYS[2], ARGV[2]) end
  return 1`;

const deleteSessionsOfUserScript = `
  local ended = 0
  for _, member in ipairs(redis.call('SMEMBERS', KEYS[1])) do
    ended = ended + redis.call('DEL', ARGV[1] .. member)
  end
  redis.call('DEL', KEYS[1])
  return ended`;

const createInvitationScript = `
  local previous = redis.call('GET', KEYS[1])
  if previous then redis.call('DEL', ARGV[4] .. previous) end
  redis.call('SET', KEYS[2], ARGV[2], 'PXAT', ARGV[3])
  redis.call('SET', KEYS[1], ARGV[1], 'PXAT', ARGV[3])
  return 1`;

// The key's own expiry (real time) only collects abandoned windows; the window itself follows the caller's clock.
const recordFailureScript = `
  local now = tonumber(ARGV[1])
  local window = tonumber(ARGV[2])
  local start = tonumber(redis.call('HGET', KEYS[1], 'start'))
  if start == nil or now - start >= window then
    redis.call('HSET', KEYS[1], 'start', ARGV[1], 'count', '1')
    redis.call('PEXPIRE', KEYS[1], ARGV[2])
    return 1
  end
  return redis.call('HINCRBY', KEYS[1], 'count', 1)`;

declare module 'ioredis' {
  interface RedisCommander<Context> {
    concordCreateUser(emailKey: string, userKey: string, indexKey: string, ...args: string[]): Result<number, Context>;
    concordUpdateUser(userKey: string, ...args: string[]): Result<unknown, Context>;
    concordCreateSession(sessionKey: string, userSessionsKey: string, json: string, expiresMs: string, idHash: string, sessionPrefix: string): Result<number, Context>;
    concordDeleteSessionsOfUser(userSessionsKey: string, sessionPrefix: string): Result<number, Context>;
    concordCreateInvitation(userInvitationKey: string, invitationKey: string, tokenHash: string, json: string, expiresMs: string, invitationPrefix: string): Result<number, Context>;
    concordRecordFailure(counterKey: string, nowMs: string, windowMs: string): Result<number, Context>;
  }
}

/** Parses JSON text inside a zod schema, so malformed text is a validation issue rather than a SyntaxError. */
const jsonText = z.string().transform((text, context) => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    context.addIssue({ code: 'custom', message: 'not JSON' });
    return z.NEVER;
  }
});

const userHashSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: z.string(),
    affiliation: jsonText.pipe(affiliationSchema),
    disabled: z.enum(['0', '1']),
    passwordHash: z.string().optional(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .transform((fields): StoredUser => {
    const user = userSchema.parse({ ...fields, disabled: fields.disabled === '1', hasPassword: fields.passwordHash !== undefined });
    return { ...user, passwordHash: fields.passwordHash ?? null };
  });
const sessionRecordSchema = z.object({
  idHash: z.string().min(1),
  userId: z.string().min(1),
  csrfToken: z.string().min(1),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
});
const invitationRecordSchema = z.object({ tokenHash: z.string().min(1), userId: z.string().min(1), expiresAt: z.iso.datetime() });
const storedUserSchema = userSchema.extend({ passwordHash: z.string().nullable() });
const failureFieldsSchema = z.tuple([z.string().regex(/^-?\d+$/).nullable(), z.string().regex(/^\d+$/).nullable()]);
const flatHashSchema = z.array(z.string());

/**
 * Accounts shared by every server instance, in Redis (or a Redis Cluster: see the key layout above).
 * Everything read back is validated with zod.
 */
export class RedisAccountStore implements AccountStore {
  private readonly redis: Redis;
  private closed = false;

  /** Connects at once; `connection` is a redis:// URL or ioredis options. */
  constructor(connection: string | RedisOptions) {
    const options: RedisOptions = { maxRetriesPerRequest: 2, commandTimeout: 5_000, retryStrategy: reconnectDelay };
    this.redis = typeof connection === 'string' ? new Redis(connection, options) : new Redis({ ...options, ...connection });
    // Without a listener ioredis prints every reconnect failure; failed commands reject on their own.
    this.redis.on('error', () => undefined);
    this.redis.defineCommand('concordCreateUser', { numberOfKeys: 3, lua: createUserScript });
    this.redis.defineCommand('concordUpdateUser', { numberOfKeys: 1, lua: updateUserScript });
    this.redis.defineCommand('concordCreateSession', { numberOfKeys: 2, lua: createSessionScript });
    this.redis.defineCommand('concordDeleteSessionsOfUser', { numberOfKeys: 1, lua: deleteSessionsOfUserScript });
    this.redis.defineCommand('concordCreateInvitation', { numberOfKeys: 2, lua: createInvitationScript });
    this.redis.defineCommand('concordRecordFailure', { numberOfKeys: 1, lua: recordFailureScript });
  }

  async createUser(user: StoredUser): Promise<void> {
    const valid = storedUserSchema.parse(user);
    const fields = userFields(valid);
    const created = await this.redis.concordCreateUser(
      accountKeys.email(valid.email),
      accountKeys.user(valid.id),
      accountKeys.users,
      valid.id,
      String(Date.parse(valid.createdAt)),
      ...Object.entries(fields).flat(),
    );
    if (created === 0) throw new DuplicateEmailError(`${valid.email} already has an account`);
    if (created !== 1) throw new Error(`user ${valid.id} already exists`);
  }

  async getUser(userId: string): Promise<StoredUser | null> {
    const fields = await this.redis.hgetall(accountKeys.user(userId));
    return Object.keys(fields).length === 0 ? null : userHashSchema.parse(fields);
  }

  async getUserByEmail(email: string): Promise<StoredUser | null> {
    const normalized = email.trim().toLowerCase();
    const userId = await this.redis.get(accountKeys.email(normalized));
    if (userId === null) return null;
    const user = await this.getUser(userId);
    return user?.email === normalized ? user : null;
  }

  async listUsers(): Promise<StoredUser[]> {
    const userIds = await this.redis.zrange(accountKeys.users, '0', '-1');
    const users = await Promise.all(userIds.map((userId) => this.getUser(userId)));
    return users.filter((user) => user !== null);
  }

  async updateUser(userId: string, patch: UserPatch): Promise<StoredUser | null> {
    const toDelete: string[] = [];
    const toSet: string[] = [];
    if (patch.name !== undefined) toSet.push('name', personNameSchema.parse(patch.name));
    if (patch.role !== undefined) toSet.push('role', roleSchema.parse(patch.role));
    if (patch.affiliation !== undefined) toSet.push('affiliation', JSON.stringify(affiliationSchema.parse(patch.affiliation)));
    if (patch.disabled !== undefined) toSet.push('disabled', patch.disabled ? '1' : '0');
    if (patch.passwordHash === null) toDelete.push('passwordHash');
    if (typeof patch.passwordHash === 'string') toSet.push('passwordHash', patch.passwordHash);
    toSet.push('updatedAt', z.iso.datetime().parse(patch.updatedAt));
    const reply = await this.redis.concordUpdateUser(accountKeys.user(userId), String(toDelete.length), ...toDelete, ...toSet);
    if (reply === null) return null;
    return userHashSchema.parse(fromFlatHash(flatHashSchema.parse(reply)));
  }

  async createInvitation(invitation: InvitationRecord): Promise<void> {
    const valid = invitationRecordSchema.parse(invitation);
    await this.redis.concordCreateInvitation(
      accountKeys.userInvitation(valid.userId),
      accountKeys.invitation(valid.tokenHash),
      valid.tokenHash,
      JSON.stringify(valid),
      String(Date.parse(valid.expiresAt)),
      accountKeys.invitationPrefix,
    );
  }

  async consumeInvitation(tokenHash: string, now: Date): Promise<InvitationRecord | null> {
    // GETDEL takes the invitation in one command: of two concurrent callers only one gets it back.
    const json = await this.redis.getdel(accountKeys.invitation(tokenHash));
    if (json === null) return null;
    const invitation = jsonText.pipe(invitationRecordSchema).parse(json);
    return Date.parse(invitation.expiresAt) > now.getTime() ? invitation : null;
  }

  async createSession(session: SessionRecord): Promise<void> {
    const valid = sessionRecordSchema.parse(session);
    await this.redis.concordCreateSession(
      accountKeys.session(valid.idHash),
      accountKeys.userSessions(valid.userId),
      JSON.stringify(valid),
      String(Date.parse(valid.expiresAt)),
      valid.idHash,
      accountKeys.sessionPrefix,
    );
  }

  async getSession(idHash: string, now: Date): Promise<SessionRecord | null> {
    const json = await this.redis.get(accountKeys.session(idHash));
    if (json === null) return null;
    const session = jsonText.pipe(sessionRecordSchema).parse(json);
    return Date.parse(session.expiresAt) > now.getTime() ? session : null;
  }

  async deleteSession(idHash: string): Promise<void> {
    const json = await this.redis.getdel(accountKeys.session(idHash));
    if (json === null) return;
    const session = jsonText.pipe(sessionRecordSchema).parse(json);
    await this.redis.srem(accountKeys.userSessions(session.userId), idHash);
  }

  async deleteSessionsOfUser(userId: string): Promise<number> {
    return this.redis.concordDeleteSessionsOfUser(accountKeys.userSessions(userId), accountKeys.sessionPrefix);
  }

  async recordFailure(key: string, windowMs: number, now: Date): Promise<number> {
    return this.redis.concordRecordFailure(accountKeys.failures(key), String(now.getTime()), String(Math.max(1, Math.round(windowMs))));
  }

  async countFailures(key: string, windowMs: number, now: Date): Promise<number> {
    const [start, count] = failureFieldsSchema.parse(await this.redis.hmget(accountKeys.failures(key), 'start', 'count'));
    if (start === null || count === null) return 0;
    return now.getTime() - Number(start) < windowMs ? Number(count) : 0;
  }

  async clearFailures(key: string): Promise<void> {
    await this.redis.del(accountKeys.failures(key));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.redis.status === 'ready') await this.redis.quit().catch(() => this.redis.disconnect());
    else this.redis.disconnect();
  }
}

/** The hash fields of a user; no `passwordHash` field stands for "no password". */
function userFields(user: StoredUser): Record<string, string> {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    affiliation: JSON.stringify(user.affiliation),
    disabled: user.disabled ? '1' : '0',
    ...(user.passwordHash === null ? {} : { passwordHash: user.passwordHash }),
    createdAt: user.createdAt,
    updatedAt: user.updatedAt,
  };
}

/** HGETALL as a Lua script returns it: [field, value, field, value, ...]. */
function fromFlatHash(flat: string[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (let index = 0; index + 1 < flat.length; index += 2) fields[flat[index] ?? ''] = flat[index + 1] ?? '';
  return fields;
}
