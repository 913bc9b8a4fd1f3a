import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { configSchema, startConcordServer, type Config, type ConcordServer } from '@concord/server';
import { csrfHeaderName, type Affiliation, type Role, type User } from '@concord/shared';
import { rememberCredentials, signInOverHttp, testScryptCost } from './credentials.ts';

export interface TestUserOptions {
  role: Role;
  /** Defaults by role: secretariat; a chair from KWT; a delegate from FRA; an observer from the IAEA. */
  affiliation?: Affiliation;
  email?: string;
  name?: string;
  password?: string;
}

export interface SignedIn {
  /** `concord_session=...`, ready for a Cookie header. */
  cookie: string;
  csrfToken: string;
  user: User;
}

export interface SignedInAs extends SignedIn {
  /** Cookie, CSRF token and an Origin the server allows: what a browser on the server's own page sends. */
  headers: Record<string, string>;
}

export interface TestServer extends ConcordServer {
  dataDirectory: string;
  /** Creates a user through server.accounts with a password set directly (no invitation). */
  createUser(options: TestUserOptions): Promise<{ user: User; password: string }>;
  /** Signs in through POST /api/session; throws unless it answers 200. */
  signIn(email: string, password: string): Promise<SignedIn>;
  /** Creates a user of that role and signs them in. */
  asRole(role: Role, affiliation?: Affiliation): Promise<SignedInAs>;
  /**
   * Creates a document through the API and returns its id, signed in as the server's default account: a
   * secretariat user made at start, whose session the test clients (RawClient, providers) also use.
   */
  createDocument(title?: string): Promise<string>;
  stop(): Promise<void>;
}

export interface TestServerOptions {
  /** Clock of sessions, invitations and the audit log (move it forward to expire sessions). */
  now?: () => Date;
}

const defaultAffiliations: Record<Role, Affiliation> = {
  secretariat: { kind: 'secretariat' },
  chair: { kind: 'delegation', delegationCode: 'KWT' },
  delegate: { kind: 'delegation', delegationCode: 'FRA' },
  observer: { kind: 'observer', organisationId: 'IAEA' },
};

export { sessionCookieOf } from './credentials.ts';

/**
 * A real Concord server in this process, on port 0, with its own SQLite directory unless REDIS_URL is given.
 * Passwords are hashed at a cheap scrypt cost (credentials.ts): the tests create accounts by the hundred.
 */
export async function startTestServer(overrides: Partial<Record<keyof Config, string | number | boolean>> = {}, options: TestServerOptions = {}): Promise<TestServer> {
  const dataDirectory = typeof overrides.DATA_DIR === 'string' ? overrides.DATA_DIR : mkdtempSync(path.join(tmpdir(), 'concord-test-'));
  const environment = Object.fromEntries(Object.entries(overrides).map(([name, value]) => [name, typeof value === 'boolean' ? String(value) : value]));
  const config = configSchema.parse({ PORT: 0, LOG_LEVEL: 'silent', DATA_DIR: dataDirectory, ...environment });
  const server = await startConcordServer(config, pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }), { scryptCost: testScryptCost, ...(options.now ? { now: options.now } : {}) });

  const createUser: TestServer['createUser'] = async ({ role, affiliation = defaultAffiliations[role], email, name, password = randomBytes(18).toString('base64url') }) => {
    const suffix = randomBytes(6).toString('hex');
    const user = await server.accounts.createUser({ email: email ?? `${role}-${suffix}@test.concord.example`, name: name ?? `Test ${role} ${suffix}`, role, affiliation }, null);
    await server.accounts.setPassword(user.id, password);
    return { user: (await server.accounts.getUser(user.id)) ?? user, password };
  };

  const signIn: TestServer['signIn'] = async (email, password) => {
    const { cookie, csrfToken, user } = await signInOverHttp(server.url, email, password);
    return { cookie, csrfToken, user };
  };

  const asRole: TestServer['asRole'] = async (role, affiliation) => {
    const { user, password } = await createUser({ role, ...(affiliation ? { affiliation } : {}) });
    const signedIn = await signIn(user.email, password);
    return { ...signedIn, headers: { cookie: signedIn.cookie, [csrfHeaderName]: signedIn.csrfToken, origin: server.url } };
  };

  const defaultAccount = await asRole('secretariat');
  rememberCredentials(server.url, defaultAccount);

  return {
    ...server,
    url: server.url,
    port: server.port,
    store: server.store,
    accounts: server.accounts,
    audit: server.audit,
    collaboration: server.collaboration,
    shutdown: server.shutdown,
    dataDirectory,
    createUser,
    signIn,
    asRole,
    async createDocument(title = 'Test document') {
      const response = await fetch(`${server.url}/api/documents`, {
        method: 'POST',
        headers: { ...defaultAccount.headers, 'content-type': 'application/json' },
        body: JSON.stringify({ title, kind: 'other', session: 'Test session' }),
      });
      if (response.status !== 201) throw new Error(`document creation failed: ${response.status}`);
      return ((await response.json()) as { id: string }).id;
    },
    async stop() {
      await server.shutdown();
      if (typeof overrides.DATA_DIR !== 'string') rmSync(dataDirectory, { recursive: true, force: true });
    },
  };
}
