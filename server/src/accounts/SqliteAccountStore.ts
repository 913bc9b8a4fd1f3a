import Database from 'better-sqlite3';
import { openSqliteFile } from '../storage/openSqliteFile.ts';
import { z } from 'zod';
import { affiliationSchema, userSchema } from '@concord/shared';
import {
  DuplicateEmailError,
  type AccountStore,
  type InvitationRecord,
  type SessionRecord,
  type StoredUser,
  type UserPatch,
} from './AccountStore.ts';

/** Options of the account store kept in the single-instance SQLite file. */
export interface SqliteAccountStoreOptions {
  /** Directory holding `concord.sqlite` (created when missing); shared with the document store. */
  directory: string;
}

// Instants are kept twice: as given (ISO text, returned unchanged) and as epoch milliseconds,
// which compare as numbers where ISO strings of different precision would not compare as text.
const schema = `
  CREATE TABLE IF NOT EXISTS users (
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    affiliation TEXT NOT NULL CHECK (json_valid(affiliation)),
    disabled INTEGER NOT NULL CHECK (disabled IN (0, 1)),
    password_hash TEXT,
    created_at TEXT NOT NULL,
    created_ms INTEGER NOT NULL,
    updated_at TEXT NOT NULL
  ) STRICT;
  CREATE TABLE IF NOT EXISTS sessions (
    id_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    expires_ms INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX IF NOT EXISTS sessions_by_user ON sessions (user_id);
  CREATE INDEX IF NOT EXISTS sessions_by_expiry ON sessions (expires_ms);
  CREATE TABLE IF NOT EXISTS invitations (
    token_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL UNIQUE REFERENCES users(id) ON DELETE CASCADE,
    expires_at TEXT NOT NULL,
    expires_ms INTEGER NOT NULL
  ) STRICT;
  -- Fixed windows: a key's count restarts once window_start_ms lies a window in the past.
  CREATE TABLE IF NOT EXISTS sign_in_failures (
    key TEXT PRIMARY KEY,
    window_start_ms INTEGER NOT NULL,
    count INTEGER NOT NULL
  ) STRICT;
`;

const userRowSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: z.string(),
    affiliation: z.string(),
    disabled: z.union([z.literal(0), z.literal(1)]),
    password_hash: z.string().nullable(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .transform((row): StoredUser => {
    const user = userSchema.parse({
      id: row.id,
      email: row.email,
      name: row.name,
      role: row.role,
      affiliation: affiliationSchema.parse(JSON.parse(row.affiliation)),
      disabled: row.disabled === 1,
      hasPassword: row.password_hash !== null,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    });
    return { ...user, passwordHash: row.password_hash };
  });
const sessionRowSchema = z
  .object({ id_hash: z.string(), user_id: z.string(), csrf_token: z.string(), created_at: z.string(), expires_at: z.string(), expires_ms: z.number().int() })
  .transform((row) => ({
    record: { idHash: row.id_hash, userId: row.user_id, csrfToken: row.csrf_token, createdAt: row.created_at, expiresAt: row.expires_at } satisfies SessionRecord,
    expiresMs: row.expires_ms,
  }));
const invitationRowSchema = z
  .object({ token_hash: z.string(), user_id: z.string(), expires_at: z.string(), expires_ms: z.number().int() })
  .transform((row) => ({
    record: { tokenHash: row.token_hash, userId: row.user_id, expiresAt: row.expires_at } satisfies InvitationRecord,
    expiresMs: row.expires_ms,
  }));
const failureRowSchema = z.object({ window_start_ms: z.number().int(), count: z.number().int() });

const storedUserSchema = userSchema.extend({ passwordHash: z.string().nullable() });
const sessionRecordSchema = z.object({ idHash: z.string().min(1), userId: z.string().min(1), csrfToken: z.string().min(1), createdAt: z.iso.datetime(), expiresAt: z.iso.datetime() });
const invitationRecordSchema = z.object({ tokenHash: z.string().min(1), userId: z.string().min(1), expiresAt: z.iso.datetime() });

/** Expired sessions, invitations and failure windows are deleted at most this often (by the callers' clock). */
const pruneIntervalMs = 10 * 60_000;

/**
 * Accounts in `<directory>/concord.sqlite`, on their own connection (WAL lets them share the file
 * with the document store). Single instance: use RedisAccountStore when several instances run.
 */
export class SqliteAccountStore implements AccountStore {
  private readonly database: Database.Database;
  private readonly statements: ReturnType<typeof prepareStatements>;
  private lastPruneMs = Number.NEGATIVE_INFINITY;
  private closed = false;

  constructor(options: SqliteAccountStoreOptions) {
    // FULL: a password set, an account disabled or a session ended must survive power loss.
    this.database = openSqliteFile(options.directory, 'FULL');
    this.database.exec(schema);
    this.statements = prepareStatements(this.database);
  }

  async createUser(user: StoredUser): Promise<void> {
    const valid = storedUserSchema.parse(user);
    try {
      this.statements.insertUser.run({
        id: valid.id,
        email: valid.email,
        name: valid.name,
        role: valid.role,
        affiliation: JSON.stringify(valid.affiliation),
        disabled: valid.disabled ? 1 : 0,
        passwordHash: valid.passwordHash,
        createdAt: valid.createdAt,
        createdMs: Date.parse(valid.createdAt),
        updatedAt: valid.updatedAt,
      });
    } catch (error) {
      if (isSqliteError(error) && error.code === 'SQLITE_CONSTRAINT_UNIQUE') throw new DuplicateEmailError(`${valid.email} already has an account`);
      if (isSqliteError(error) && error.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') throw new Error(`user ${valid.id} already exists`, { cause: error });
      throw error;
    }
  }

  async getUser(userId: string): Promise<StoredUser | null> {
    const row = this.statements.selectUser.get(userId);
    return row === undefined ? null : userRowSchema.parse(row);
  }

  async getUserByEmail(email: string): Promise<StoredUser | null> {
    const row = this.statements.selectUserByEmail.get(normalizeEmail(email));
    return row === undefined ? null : userRowSchema.parse(row);
  }

  async listUsers(): Promise<StoredUser[]> {
    return this.statements.selectUsers.all().map((row) => userRowSchema.parse(row));
  }

  async updateUser(userId: string, patch: UserPatch): Promise<StoredUser | null> {
    return this.database.transaction(() => {
      const row = this.statements.selectUser.get(userId);
      if (row === undefined) return null;
      const current = userRowSchema.parse(row);
      const updated = storedUserSchema.parse(applyPatch(current, patch));
      this.statements.updateUser.run({
        id: userId,
        name: updated.name,
        role: updated.role,
        affiliation: JSON.stringify(updated.affiliation),
        disabled: updated.disabled ? 1 : 0,
        passwordHash: updated.passwordHash,
        updatedAt: updated.updatedAt,
      });
      return userRowSchema.parse(this.statements.selectUser.get(userId));
    }).immediate();
  }

  async createInvitation(invitation: InvitationRecord): Promise<void> {
    const valid = invitationRecordSchema.parse(invitation);
    this.database.transaction(() => {
      this.statements.deleteInvitationsOfUser.run(valid.userId);
      this.statements.insertInvitation.run(valid.tokenHash, valid.userId, valid.expiresAt, Date.parse(valid.expiresAt));
    }).immediate();
  }

  async consumeInvitation(tokenHash: string, now: Date): Promise<InvitationRecord | null> {
    // One statement takes the row: of two concurrent callers (even in two processes) only one gets it back.
    const row = this.statements.takeInvitation.get(tokenHash);
    if (row === undefined) return null;
    const invitation = invitationRowSchema.parse(row);
    return invitation.expiresMs > now.getTime() ? invitation.record : null;
  }

  async createSession(session: SessionRecord): Promise<void> {
    const valid = sessionRecordSchema.parse(session);
    this.pruneIfDue(Date.parse(valid.createdAt));
    this.statements.insertSession.run(valid.idHash, valid.userId, valid.csrfToken, valid.createdAt, valid.expiresAt, Date.parse(valid.expiresAt));
  }

  async getSession(idHash: string, now: Date): Promise<SessionRecord | null> {
    const row = this.statements.selectSession.get(idHash);
    if (row === undefined) return null;
    const session = sessionRowSchema.parse(row);
    return session.expiresMs > now.getTime() ? session.record : null;
  }

  async deleteSession(idHash: string): Promise<void> {
    this.statements.deleteSession.run(idHash);
  }

  async deleteSessionsOfUser(userId: string): Promise<number> {
    return this.statements.deleteSessionsOfUser.run(userId).changes;
  }

  async recordFailure(key: string, windowMs: number, now: Date): Promise<number> {
    const nowMs = now.getTime();
    this.pruneIfDue(nowMs, windowMs);
    return this.database.transaction(() => {
      const row = this.statements.selectFailures.get(key);
      const current = row === undefined ? null : failureRowSchema.parse(row);
      if (current === null || !inWindow(current.window_start_ms, windowMs, nowMs)) {
        this.statements.upsertFailures.run(key, nowMs, 1);
        return 1;
      }
      this.statements.upsertFailures.run(key, current.window_start_ms, current.count + 1);
      return current.count + 1;
    }).immediate();
  }

  async countFailures(key: string, windowMs: number, now: Date): Promise<number> {
    const row = this.statements.selectFailures.get(key);
    if (row === undefined) return 0;
    const current = failureRowSchema.parse(row);
    return inWindow(current.window_start_ms, windowMs, now.getTime()) ? current.count : 0;
  }

  async clearFailures(key: string): Promise<void> {
    this.statements.deleteFailures.run(key);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.database.close();
  }

  /** Deletes rows that can no longer count, so the tables do not grow with every sign-in. */
  private pruneIfDue(nowMs: number, failureWindowMs?: number): void {
    if (nowMs - this.lastPruneMs < pruneIntervalMs) return;
    this.lastPruneMs = nowMs;
    this.statements.deleteExpiredSessions.run(nowMs);
    this.statements.deleteExpiredInvitations.run(nowMs);
    if (failureWindowMs !== undefined) this.statements.deleteOldFailures.run(nowMs - failureWindowMs);
  }
}

/** Prepared once: every query the store runs. */
function prepareStatements(database: Database.Database) {
  const userColumns = 'id, email, name, role, affiliation, disabled, password_hash, created_at, updated_at';
  return {
    insertUser: database.prepare(
      `INSERT INTO users (id, email, name, role, affiliation, disabled, password_hash, created_at, created_ms, updated_at)
       VALUES (@id, @email, @name, @role, @affiliation, @disabled, @passwordHash, @createdAt, @createdMs, @updatedAt)`,
    ),
    selectUser: database.prepare(`SELECT ${userColumns} FROM users WHERE id = ?`),
    selectUserByEmail: database.prepare(`SELECT ${userColumns} FROM users WHERE email = ?`),
    selectUsers: database.prepare(`SELECT ${userColumns} FROM users ORDER BY created_ms, id`),
    updateUser: database.prepare(
      `UPDATE users SET name = @name, role = @role, affiliation = @affiliation, disabled = @disabled,
         password_hash = @passwordHash, updated_at = @updatedAt WHERE id = @id`,
    ),
    insertInvitation: database.prepare('INSERT INTO invitations (token_hash, user_id, expires_at, expires_ms) VALUES (?, ?, ?, ?)'),
    deleteInvitationsOfUser: database.prepare('DELETE FROM invitations WHERE user_id = ?'),
    takeInvitation: database.prepare('DELETE FROM invitations WHERE token_hash = ? RETURNING token_hash, user_id, expires_at, expires_ms'),
    deleteExpiredInvitations: database.prepare('DELETE FROM invitations WHERE expires_ms <= ?'),
    insertSession: database.prepare(
      'INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, expires_at, expires_ms) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    selectSession: database.prepare('SELECT id_hash, user_id, csrf_token, created_at, expires_at, expires_ms FROM sessions WHERE id_hash = ?'),
    deleteSession: database.prepare('DELETE FROM sessions WHERE id_hash = ?'),
    deleteSessionsOfUser: database.prepare('DELETE FROM sessions WHERE user_id = ?'),
    deleteExpiredSessions: database.prepare('DELETE FROM sessions WHERE expires_ms <= ?'),
    selectFailures: database.prepare('SELECT window_start_ms, count FROM sign_in_failures WHERE key = ?'),
    upsertFailures: database.prepare(
      `INSERT INTO sign_in_failures (key, window_start_ms, count) VALUES (?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET window_start_ms = excluded.window_start_ms, count = excluded.count`,
    ),
    deleteFailures: database.prepare('DELETE FROM sign_in_failures WHERE key = ?'),
    deleteOldFailures: database.prepare('DELETE FROM sign_in_failures WHERE window_start_ms <= ?'),
  };
}

/** The user with the patch's given fields; `hasPassword` follows `passwordHash`. */
function applyPatch(user: StoredUser, patch: UserPatch): StoredUser {
  const given = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
  const updated: StoredUser = { ...user, ...given };
  return { ...updated, hasPassword: updated.passwordHash !== null };
}

/** A window counts from its first failure for `windowMs`; a clock that went back keeps the window. */
function inWindow(windowStartMs: number, windowMs: number, nowMs: number): boolean {
  return nowMs - windowStartMs < windowMs;
}

function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

function isSqliteError(error: unknown): error is InstanceType<typeof Database.SqliteError> {
  return error instanceof Database.SqliteError;
}
