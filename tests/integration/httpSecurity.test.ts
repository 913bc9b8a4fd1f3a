import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectErrorBody } from '../utils/expectErrorBody.ts';
import { startTestServer, type SignedInAs, type TestServer } from '../utils/startTestServer.ts';

const newDocument = JSON.stringify({ title: 'CSRF probe', kind: 'other', session: 'Test session' });

const expectedPolicy =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

/** The security headers every answer carries, whatever its type or status. */
function expectSecurityHeaders(response: Response, production: boolean): void {
  expect(response.headers.get('content-security-policy')).toBe(expectedPolicy);
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  expect(response.headers.get('x-frame-options')).toBe('DENY');
  expect(response.headers.get('cross-origin-opener-policy')).toBe('same-origin');
  if (production) expect(response.headers.get('strict-transport-security')).toMatch(/^max-age=\d{7,}/);
  else expect(response.headers.get('strict-transport-security')).toBeNull();
}

describe('CSRF protection', () => {
  let server: TestServer;
  let secretariat: SignedInAs;
  beforeAll(async () => {
    server = await startTestServer({ ALLOWED_ORIGINS: 'http://localhost:5173', PUBLIC_URL: 'https://concord.example/', CLIENT_DIR: 'off' });
    secretariat = await server.asRole('secretariat');
  });
  afterAll(async () => {
    await server.stop();
  });

  const postDocument = (headers: Record<string, string>) =>
    fetch(`${server.url}/api/documents`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: newDocument });

  it('accepts a signed-in request from the page’s own origin with the session’s token', async () => {
    expect((await postDocument(secretariat.headers)).status).toBe(201);
  });

  it('refuses a signed-in request without the token, or with another session’s token', async () => {
    const { 'x-csrf-token': _token, ...withoutToken } = secretariat.headers;
    await expectErrorBody(await postDocument(withoutToken), 403, 'csrf');
    await expectErrorBody(await postDocument({ ...secretariat.headers, 'x-csrf-token': '' }), 403, 'csrf');
    const other = await server.asRole('secretariat');
    await expectErrorBody(await postDocument({ ...secretariat.headers, 'x-csrf-token': other.csrfToken }), 403, 'csrf');
    await expectErrorBody(await postDocument({ ...secretariat.headers, 'x-csrf-token': `${secretariat.csrfToken}x` }), 403, 'csrf');
  });

  it('refuses a foreign Origin, an opaque one, and a request with neither Origin nor Referer, even with the right token', async () => {
    const { origin: _origin, ...withoutOrigin } = secretariat.headers;
    await expectErrorBody(await postDocument({ ...secretariat.headers, origin: 'https://evil.example' }), 403, 'csrf');
    await expectErrorBody(await postDocument({ ...secretariat.headers, origin: server.url.replace(/:\d+$/, ':1') }), 403, 'csrf');
    await expectErrorBody(await postDocument({ ...secretariat.headers, origin: 'null' }), 403, 'csrf');
    await expectErrorBody(await postDocument(withoutOrigin), 403, 'csrf');
    await expectErrorBody(await postDocument({ ...withoutOrigin, referer: 'https://evil.example/page' }), 403, 'csrf');
  });

  it('takes the Referer’s origin when there is no Origin, and allows ALLOWED_ORIGINS and PUBLIC_URL’s origin', async () => {
    const { origin: _origin, ...withoutOrigin } = secretariat.headers;
    expect((await postDocument({ ...withoutOrigin, referer: `${server.url}/some/page?x=1` })).status).toBe(201);
    expect((await postDocument({ ...secretariat.headers, origin: 'http://localhost:5173' })).status).toBe(201);
    expect((await postDocument({ ...secretariat.headers, origin: 'https://concord.example' })).status).toBe(201);
    await expectErrorBody(await postDocument({ ...secretariat.headers, origin: 'http://localhost:5174' }), 403, 'csrf');
  });

  it('covers PATCH and DELETE too: sign-out without the token is refused and the session lives on', async () => {
    const { cookie, origin } = secretariat.headers;
    await expectErrorBody(await fetch(`${server.url}/api/session`, { method: 'DELETE', headers: { cookie: cookie ?? '', origin: origin ?? '' } }), 403, 'csrf');
    expect((await fetch(`${server.url}/api/session`, { headers: { cookie: cookie ?? '' } })).status).toBe(200);
    const target = await server.createUser({ role: 'delegate' });
    const { 'x-csrf-token': _token, ...withoutToken } = secretariat.headers;
    await expectErrorBody(
      await fetch(`${server.url}/api/users/${target.user.id}`, { method: 'PATCH', headers: { ...withoutToken, 'content-type': 'application/json' }, body: JSON.stringify({ disabled: true }) }),
      403,
      'csrf',
    );
    expect((await server.accounts.getUser(target.user.id))?.disabled).toBe(false);
  });

  it('sign-in and accepting an invitation need an allowed Origin and a JSON body, not a token', async () => {
    const { user, password } = await server.createUser({ role: 'delegate' });
    const signIn = (headers: Record<string, string>) => fetch(`${server.url}/api/session`, { method: 'POST', headers, body: JSON.stringify({ email: user.email, password }) });
    expect((await signIn({ 'content-type': 'application/json', origin: server.url })).status).toBe(200);
    expect((await signIn({ 'content-type': 'application/json; charset=utf-8', origin: server.url })).status).toBe(200);
    // What a cross-site <form> can send: refused before the password is even checked.
    await expectErrorBody(await signIn({ 'content-type': 'text/plain', origin: server.url }), 403, 'csrf');
    await expectErrorBody(await signIn({ 'content-type': 'application/x-www-form-urlencoded', origin: server.url }), 403, 'csrf');
    await expectErrorBody(await signIn({ 'content-type': 'application/json', origin: 'https://evil.example' }), 403, 'csrf');
    await expectErrorBody(await signIn({ 'content-type': 'application/json' }), 403, 'csrf');

    const accept = (headers: Record<string, string>) =>
      fetch(`${server.url}/api/invitations/accept`, { method: 'POST', headers, body: JSON.stringify({ token: 'A'.repeat(43), password: 'long enough password' }) });
    await expectErrorBody(await accept({ 'content-type': 'text/plain', origin: server.url }), 403, 'csrf');
    await expectErrorBody(await accept({ 'content-type': 'application/json', origin: 'https://evil.example' }), 403, 'csrf');
    await expectErrorBody(await accept({ 'content-type': 'application/json', origin: server.url }), 400, 'invalid_invitation');
  });

  it('lets safe methods through without Origin or token', async () => {
    expect((await fetch(`${server.url}/api/documents`, { headers: { cookie: secretariat.cookie } })).status).toBe(200);
  });
});

describe('security headers', () => {
  let server: TestServer;
  let delegate: SignedInAs;
  beforeAll(async () => {
    server = await startTestServer({ CLIENT_DIR: 'off' });
    delegate = await server.asRole('delegate');
  });
  afterAll(async () => {
    await server.stop();
  });

  it.each([
    ['the HTML home page', '/', 200, /^text\/html/],
    ['its stylesheet', '/home.css', 200, /^text\/css/],
    ['a JSON answer', '/api/documents', 200, /^application\/json/],
    ['a 401', '/api/users', 401, /^application\/json/],
    ['a 404 outside the API', '/no/such/page', 404, /^application\/json/],
    ['a 404 inside the API', '/api/no/such/route', 404, /^application\/json/],
    ['the health check', '/healthz', 200, /^application\/json/],
    ['the metrics', '/metrics', 200, /^text\/plain/],
  ])('are on %s', async (_name, path, status, contentType) => {
    const response = await fetch(`${server.url}${path}`, { headers: path === '/api/documents' ? { cookie: delegate.cookie } : {} });
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(contentType);
    expectSecurityHeaders(response, false);
  });

  it('are on a refused request (403 csrf) and a 413', async () => {
    const refused = await fetch(`${server.url}/api/documents`, { method: 'POST', headers: { 'content-type': 'application/json', origin: 'https://evil.example' }, body: '{}' });
    expect(refused.status).toBe(403);
    expectSecurityHeaders(refused, false);
    const tooLarge = await fetch(`${server.url}/api/documents`, { method: 'POST', headers: { ...delegate.headers, 'content-type': 'application/json' }, body: 'x'.repeat(65 * 1024) });
    expect(tooLarge.status).toBe(413);
    expectSecurityHeaders(tooLarge, false);
  });

  it('API answers are never cached, success or error', async () => {
    for (const [path, headers] of [
      ['/api/documents', { cookie: delegate.cookie }],
      ['/api/session', { cookie: delegate.cookie }],
      ['/api/session', {}],
      ['/api/no/such/route', {}],
      ['/api/openapi.json', {}],
    ] as const) {
      const response = await fetch(`${server.url}${path}`, { headers });
      expect({ path, cacheControl: response.headers.get('cache-control') }).toEqual({ path, cacheControl: 'no-store' });
    }
  });

  it('the home page needs no inline script or style (the policy would block them)', async () => {
    const page = await (await fetch(`${server.url}/`)).text();
    expect(page).not.toMatch(/<script|<style|\sstyle=|\son[a-z]+=/i);
    expect(page).toContain('<link rel="stylesheet" href="/home.css" />');
  });

  it('the home page lists the documents, escaped, only to a signed-in member', async () => {
    const title = 'Draft <script>alert("x")</script> & options';
    const id = await server.createDocument(title);
    const anonymous = await (await fetch(`${server.url}/`)).text();
    expect(anonymous).not.toContain(id);
    expect(anonymous).not.toContain('Draft');
    const signedIn = await (await fetch(`${server.url}/`, { headers: { cookie: delegate.cookie } })).text();
    expect(signedIn).toContain(`/collab/${id}`);
    expect(signedIn).toContain('Draft &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; options');
    expect(signedIn).not.toContain('<script>');
  });
});

describe('security headers in production', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ NODE_ENV: 'production', CLIENT_DIR: 'off' });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('add Strict-Transport-Security to every answer', async () => {
    for (const path of ['/', '/api/session', '/no/such/page']) expectSecurityHeaders(await fetch(`${server.url}${path}`), true);
  });
});
