import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionInfoSchema } from '@concord/shared';
import { expectErrorBody } from '../utils/expectErrorBody.ts';
import { startRedisServer, type RedisServer } from '../utils/redisServer.ts';
import { sessionCookieOf, startTestServer, type TestServer } from '../utils/startTestServer.ts';
import { hour, TestClock } from '../utils/testClock.ts';

function postSession(server: TestServer, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${server.url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.url, ...headers },
    body: JSON.stringify(body),
  });
}

function getSession(server: TestServer, cookie: string | null): Promise<Response> {
  return fetch(`${server.url}/api/session`, { headers: cookie === null ? {} : { cookie } });
}

/** The Set-Cookie header of the session cookie, split into its attributes (lower-cased names). */
function cookieAttributes(response: Response): Map<string, string> {
  const header = response.headers.getSetCookie().find((value) => value.startsWith('concord_session='));
  expect(header).toBeDefined();
  const [, ...attributes] = (header ?? '').split(';').map((part) => part.trim());
  return new Map(attributes.map((attribute) => {
    const [name = '', value = ''] = attribute.split('=');
    return [name.toLowerCase(), value];
  }));
}

/** Sessions on each store: the behaviour must not depend on where sessions and failure counters live. */
describe.each(['sqlite', 'redis'] as const)('sessions on %s', (backend) => {
  let redis: RedisServer | null = null;
  const clock = new TestClock();
  let server: TestServer;
  beforeAll(async () => {
    redis = backend === 'redis' ? await startRedisServer() : null;
    server = await startTestServer({ SESSION_TTL_HOURS: 2, ...(redis ? { REDIS_URL: redis.url } : {}) }, { now: clock.now });
  });
  afterAll(async () => {
    await server.stop();
    await redis?.stop();
  });

  it('signs in: 200 with the session info and an HttpOnly, SameSite=Lax cookie for the whole site, lasting the session', async () => {
    const { user, password } = await server.createUser({ role: 'delegate', email: 'Sign.In@Test.Concord.Example' });
    // The email is matched however it is typed.
    const response = await postSession(server, { email: '  SIGN.in@test.concord.example ', password });
    expect(response.status).toBe(200);
    const info = sessionInfoSchema.parse(await response.json());
    expect(info.user).toEqual(user);
    expect(info.user).not.toHaveProperty('passwordHash');
    expect(info.csrfToken.length).toBeGreaterThanOrEqual(32);
    expect(Date.parse(info.expiresAt) - clock.now().getTime()).toBeGreaterThan(2 * hour - 60_000);
    expect(Date.parse(info.expiresAt) - clock.now().getTime()).toBeLessThanOrEqual(2 * hour);

    const attributes = cookieAttributes(response);
    expect(attributes.has('httponly')).toBe(true);
    expect(attributes.get('samesite')).toBe('Lax');
    expect(attributes.get('path')).toBe('/');
    expect(attributes.get('max-age')).toBe(String(2 * 60 * 60));
    // Not production: the demo runs over http, where a Secure cookie would never come back.
    expect(attributes.has('secure')).toBe(false);
    // The session id is a secret: never in the body.
    const cookie = sessionCookieOf(response) ?? '';
    expect(JSON.stringify(info)).not.toContain(cookie.split('=')[1]);
  });

  it('GET /api/session answers the session to its cookie, 401 unauthenticated without one or with a forged one', async () => {
    const { user, password } = await server.createUser({ role: 'observer' });
    const signedIn = await server.signIn(user.email, password);
    const response = await getSession(server, signedIn.cookie);
    expect(response.status).toBe(200);
    const info = sessionInfoSchema.parse(await response.json());
    expect(info.user.id).toBe(user.id);
    expect(info.csrfToken).toBe(signedIn.csrfToken);

    await expectErrorBody(await getSession(server, null), 401, 'unauthenticated');
    await expectErrorBody(await getSession(server, 'concord_session=' + 'A'.repeat(43)), 401, 'unauthenticated');
    await expectErrorBody(await getSession(server, 'concord_session=garbage; other=1'), 401, 'unauthenticated');
  });

  it('DELETE /api/session signs out: 204, the cookie is cleared and the session is dead even if the cookie is replayed', async () => {
    const { user, password } = await server.createUser({ role: 'delegate' });
    const { cookie, csrfToken } = await server.signIn(user.email, password);
    const response = await fetch(`${server.url}/api/session`, { method: 'DELETE', headers: { cookie, 'x-csrf-token': csrfToken, origin: server.url } });
    expect(response.status).toBe(204);
    expect(cookieAttributes(response).get('max-age')).toBe('0');
    await expectErrorBody(await getSession(server, cookie), 401, 'unauthenticated');
    // Signing out without a session is harmless.
    const again = await fetch(`${server.url}/api/session`, { method: 'DELETE', headers: { origin: server.url } });
    expect(again.status).toBe(204);
  });

  it('a new sign-in on the same client ends the session it came with; other clients keep theirs', async () => {
    const { user, password } = await server.createUser({ role: 'chair' });
    const first = await server.signIn(user.email, password);
    const otherDevice = await server.signIn(user.email, password);

    const response = await postSession(server, { email: user.email, password }, { cookie: first.cookie });
    expect(response.status).toBe(200);
    const second = sessionCookieOf(response);
    expect(second).not.toBeNull();
    expect(second).not.toBe(first.cookie);
    await expectErrorBody(await getSession(server, first.cookie), 401, 'unauthenticated');
    expect((await getSession(server, second)).status).toBe(200);
    expect((await getSession(server, otherDevice.cookie)).status).toBe(200);
  });

  it('a failed sign-in leaves the session the client had alone', async () => {
    const { user, password } = await server.createUser({ role: 'delegate' });
    const { cookie } = await server.signIn(user.email, password);
    await expectErrorBody(await postSession(server, { email: user.email, password: 'not the password' }, { cookie }), 401, 'invalid_credentials');
    expect((await getSession(server, cookie)).status).toBe(200);
  });

  it('a session expires after SESSION_TTL_HOURS', async () => {
    const { user, password } = await server.createUser({ role: 'delegate' });
    const { cookie } = await server.signIn(user.email, password);
    clock.advance(2 * hour - 60_000);
    expect((await getSession(server, cookie)).status).toBe(200);
    clock.advance(2 * 60_000);
    await expectErrorBody(await getSession(server, cookie), 401, 'unauthenticated');
  });

  it('answers an unknown email, a wrong password, a disabled account and an account without a password alike', async () => {
    const { user, password } = await server.createUser({ role: 'delegate' });
    const disabled = await server.createUser({ role: 'delegate' });
    await server.accounts.updateUser(disabled.user.id, { disabled: true }, null);
    const invited = await server.accounts.createUser({ email: 'invited-only@test.concord.example', name: 'Invited', role: 'observer', affiliation: { kind: 'observer', organisationId: 'IAEA' } }, null);

    const answers = await Promise.all(
      [
        { email: 'nobody@test.concord.example', password },
        { email: user.email, password: `${password}x` },
        { email: disabled.user.email, password: disabled.password },
        { email: invited.email, password: 'whatever password' },
        { email: 'not an email', password },
      ].map(async (attempt) => {
        const response = await postSession(server, attempt);
        const headers = [...response.headers.entries()].filter(([name]) => name !== 'date' && name !== 'keep-alive' && name !== 'connection');
        return { status: response.status, headers, body: await response.text() };
      }),
    );
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    expect(answers[0]?.status).toBe(401);
    expect(JSON.parse(answers[0]?.body ?? '')).toEqual({ error: { code: 'invalid_credentials', message: expect.any(String) } });
    expect(answers[0]?.headers.some(([name]) => name === 'set-cookie')).toBe(false);
  });

  it('refuses a body that is not {email, password} with 400 invalid_request', async () => {
    await expectErrorBody(await postSession(server, { email: 'someone@test.concord.example' }), 400, 'invalid_request');
    await expectErrorBody(await postSession(server, ['a', 'b']), 400, 'invalid_request');
    await expectErrorBody(await postSession(server, { email: 1, password: 2 }), 400, 'invalid_request');
  });
});

describe.each(['sqlite', 'redis'] as const)('sign-in throttling on %s', (backend) => {
  let redis: RedisServer | null = null;
  const clock = new TestClock();
  let server: TestServer;
  beforeAll(async () => {
    redis = backend === 'redis' ? await startRedisServer() : null;
    server = await startTestServer(
      { SIGNIN_MAX_FAILURES_PER_ACCOUNT: 3, SIGNIN_MAX_FAILURES_PER_IP: 6, TRUST_PROXY: true, ...(redis ? { REDIS_URL: redis.url } : {}) },
      { now: clock.now },
    );
  });
  afterAll(async () => {
    await server.stop();
    await redis?.stop();
  });

  /** Sign-in from the address `ip` (the server trusts X-Forwarded-For here). */
  const from = (ip: string, body: unknown) => postSession(server, body, { 'x-forwarded-for': ip });

  it('after SIGNIN_MAX_FAILURES_PER_ACCOUNT failures refuses the account with 429 and Retry-After, even the right password, until the hour is over', async () => {
    const { user, password } = await server.createUser({ role: 'delegate' });
    const other = await server.createUser({ role: 'delegate' });
    for (const ip of ['192.0.2.1', '192.0.2.2', '192.0.2.3']) {
      await expectErrorBody(await from(ip, { email: user.email, password: 'wrong password' }), 401, 'invalid_credentials');
    }
    const refused = await from('192.0.2.4', { email: user.email, password });
    await expectErrorBody(refused.clone(), 429, 'too_many_attempts');
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    // The typed email's case does not open a second counter.
    await expectErrorBody(await from('192.0.2.5', { email: user.email.toUpperCase(), password }), 429, 'too_many_attempts');
    // Another account from the same addresses is not affected.
    expect((await from('192.0.2.1', { email: other.user.email, password: other.password })).status).toBe(200);

    clock.advance(hour + 60_000);
    expect((await from('192.0.2.4', { email: user.email, password })).status).toBe(200);
  });

  it('after SIGNIN_MAX_FAILURES_PER_IP failures refuses that address for every account, and a forged X-Forwarded-For entry does not escape it', async () => {
    const { user, password } = await server.createUser({ role: 'delegate' });
    for (let attempt = 0; attempt < 6; attempt += 1) {
      await expectErrorBody(await from('198.51.100.9', { email: `nobody-${attempt}@test.concord.example`, password: 'wrong password' }), 401, 'invalid_credentials');
    }
    const refused = await from('198.51.100.9', { email: user.email, password });
    await expectErrorBody(refused.clone(), 429, 'too_many_attempts');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    // The proxy appends the address it saw: a client-supplied first entry changes nothing.
    await expectErrorBody(await from('203.0.113.50, 198.51.100.9', { email: user.email, password }), 429, 'too_many_attempts');
    // Another address signs in to the same account.
    expect((await from('198.51.100.10', { email: user.email, password })).status).toBe(200);
  });
});

describe('sign-in throttling without TRUST_PROXY', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ SIGNIN_MAX_FAILURES_PER_ACCOUNT: 100, SIGNIN_MAX_FAILURES_PER_IP: 2 });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('counts per socket address and ignores X-Forwarded-For', async () => {
    const { user, password } = await server.createUser({ role: 'delegate' });
    for (const forwarded of ['192.0.2.1', '192.0.2.2']) {
      await expectErrorBody(await postSession(server, { email: 'nobody@test.concord.example', password: 'wrong password' }, { 'x-forwarded-for': forwarded }), 401, 'invalid_credentials');
    }
    await expectErrorBody(await postSession(server, { email: user.email, password }, { 'x-forwarded-for': '192.0.2.3' }), 429, 'too_many_attempts');
    const entries = await server.audit.query({ type: 'sign-in-failed', limit: 10 });
    // The recorded address is the socket's, not the header's.
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) expect(entry.ip).toMatch(/^(::ffff:)?127\.0\.0\.1$|^::1$/);
  });
});

describe('sessions in production', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ NODE_ENV: 'production' });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('marks the session cookie Secure', async () => {
    const { user, password } = await server.createUser({ role: 'secretariat' });
    const response = await postSession(server, { email: user.email, password });
    expect(response.status).toBe(200);
    const attributes = cookieAttributes(response);
    expect(attributes.has('secure')).toBe(true);
    expect(attributes.has('httponly')).toBe(true);
    expect(attributes.get('samesite')).toBe('Lax');
  });
});
