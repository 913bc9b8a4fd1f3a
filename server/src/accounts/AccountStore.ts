import type { Affiliation, Role, User } from '@concord/shared';

/** A user as stored: the API's User plus the password hash (scrypt, see passwords.ts), never shown outside. */
export interface StoredUser extends User {
  passwordHash: string | null;
}

export type UserPatch = Partial<{ name: string; role: Role; affiliation: Affiliation; disabled: boolean; passwordHash: string | null }> & {
  updatedAt: string;
};

/** A signed-in session. Only the SHA-256 of the session id is stored, so a copy of the store cannot sign anyone in. */
export interface SessionRecord {
  idHash: string;
  userId: string;
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
}

export interface InvitationRecord {
  /** SHA-256 of the one-time token. */
  tokenHash: string;
  userId: string;
  expiresAt: string;
}

export class DuplicateEmailError extends Error {
  override name = 'DuplicateEmailError';
}

/**
 * Accounts, sessions, invitations and sign-in failure counters. SQLite and Redis implement it;
 * one contract suite (tests/integration/accountStore.contract.test.ts) runs against both.
 */
export interface AccountStore {
  /** Throws DuplicateEmailError when the email is taken. */
  createUser(user: StoredUser): Promise<void>;
  getUser(userId: string): Promise<StoredUser | null>;
  getUserByEmail(email: string): Promise<StoredUser | null>;
  listUsers(): Promise<StoredUser[]>;
  /** Returns the updated user, or null when there is no such user. */
  updateUser(userId: string, patch: UserPatch): Promise<StoredUser | null>;

  /** Replaces any earlier invitation of the same user. */
  createInvitation(invitation: InvitationRecord): Promise<void>;
  /** Atomically takes the invitation (it can be used once); null when unknown or expired at `now`. */
  consumeInvitation(tokenHash: string, now: Date): Promise<InvitationRecord | null>;

  createSession(session: SessionRecord): Promise<void>;
  /** Null when unknown or expired at `now`. */
  getSession(idHash: string, now: Date): Promise<SessionRecord | null>;
  deleteSession(idHash: string): Promise<void>;
  /** Signs a user out everywhere (password set, account disabled). Returns how many sessions ended. */
  deleteSessionsOfUser(userId: string): Promise<number>;

  /** Counts one failure under `key` (e.g. "account:<email>", "ip:<address>") in a window of `windowMs`; returns the count in the window. */
  recordFailure(key: string, windowMs: number, now: Date): Promise<number>;
  /** Failures under `key` in the window ending at `now`. */
  countFailures(key: string, windowMs: number, now: Date): Promise<number>;
  clearFailures(key: string): Promise<void>;

  close(): Promise<void>;
}

/**
 * The user id a listener receives when it may have missed events (the Redis subscriber reconnected):
 * re-check every connection, not one user's.
 */
export const everyAccount = '*';

/** Tells every instance that an account changed (disabled, role or affiliation changed), so its live sockets close. */
export interface AccountEvents {
  publish(userId: string): Promise<void>;
  /**
   * Calls `listener` with the id of each changed account, on every instance (this one included).
   * `userId` is `everyAccount` ('*') when events may have been lost (e.g. after a reconnect to
   * Redis): the listener must then re-check every live connection. Returns an unsubscribe function.
   */
  subscribe(listener: (userId: string) => void): () => void;
  close(): Promise<void>;
}
