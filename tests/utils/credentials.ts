import { randomBytes } from 'node:crypto';
import { csrfHeaderName, sessionCookieName, type Affiliation, type Role, type User } from '@concord/shared';
import { pino } from 'pino';
import { loadConfig, openAccountServices } from '@concord/server';

/**
 * Sessions for tests that talk to a server over HTTP and websockets like a browser would: a session cookie
 * and the server's own Origin. Clients built by the test utilities use the credentials remembered for a
 * server URL unless given others.
 */
export interface Credentials {
  user: User;
  cookie: string;
  csrfToken: string;
  /** Cookie, Origin and CSRF token: what a browser sends on a state-changing request. */
  headers: Record<string, string>;
}

const remembered = new Map<string, Credentials>();

export function rememberCredentials(serverUrl: string, credentials: Credentials): void {
  remembered.set(serverUrl, credentials);
}

export function credentialsFor(serverUrl: string): Credentials | undefined {
  return remembered.get(serverUrl);
}

/** The headers a browser page of this server sends on its websocket: its session cookie and Origin. */
export function websocketHeaders(serverUrl: string, credentials = credentialsFor(serverUrl)): Record<string, string> {
  return credentials === undefined ? { origin: serverUrl } : { origin: serverUrl, cookie: credentials.cookie };
}

/** A cheap scrypt cost: test accounts are created by the thousand, not attacked. */
export const testScryptCost = { N: 2 ** 14, r: 8, p: 1 };

export const testPassword = 'correct horse battery staple';

/** The `name=value` part of the session cookie in a response's Set-Cookie headers, or null. */
export function sessionCookieOf(response: Response): string | null {
  for (const header of response.headers.getSetCookie()) {
    const [pair] = header.split(';');
    if (pair?.startsWith(`${sessionCookieName}=`)) return pair;
  }
  return null;
}

/** Signs in over HTTP and returns the session, as a browser would hold it. */
export async function signInOverHttp(serverUrl: string, email: string, password = testPassword): Promise<Credentials> {
  const response = await fetch(`${serverUrl}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: serverUrl },
    body: JSON.stringify({ email, password }),
  });
  if (response.status !== 200) throw new Error(`sign-in of ${email} failed with HTTP ${response.status}: ${await response.text()}`);
  const cookie = sessionCookieOf(response);
  if (cookie === null) throw new Error('sign-in set no session cookie');
  const body = (await response.json()) as { user: User; csrfToken: string };
  return { user: body.user, cookie, csrfToken: body.csrfToken, headers: { cookie, origin: serverUrl, [csrfHeaderName]: body.csrfToken } };
}

export interface AccountSpec {
  role: Role;
  affiliation: Affiliation;
  email?: string;
  name?: string;
}

export const delegateOf = (delegationCode: string): AccountSpec => ({ role: 'delegate', affiliation: { kind: 'delegation', delegationCode } });

/**
 * Creates an account directly in the stores a server process uses (its DATA_DIR, or its REDIS_URL), the way the
 * `concord users add` command does, with `testPassword`. For servers running in another process.
 */
export async function provisionAccount(environment: Record<string, string>, spec: AccountSpec): Promise<User> {
  if (environment.REDIS_URL === undefined && environment.DATA_DIR === undefined) throw new Error('provisionAccount needs DATA_DIR or REDIS_URL');
  // The same stores the server opens for this environment, as the `concord` command does.
  const services = openAccountServices(loadConfig({ ...environment, LOG_LEVEL: 'silent' }), pino({ level: 'silent' }), { scryptCost: testScryptCost });
  try {
    const user = await services.accounts.createUser(
      { email: spec.email ?? `${spec.role}-${randomBytes(6).toString('hex')}@test.concord.example`, name: spec.name ?? `Test ${spec.role}`, role: spec.role, affiliation: spec.affiliation },
      null,
    );
    await services.accounts.setPassword(user.id, testPassword);
    return user;
  } finally {
    await services.close();
  }
}
