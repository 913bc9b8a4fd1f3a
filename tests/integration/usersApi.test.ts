import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invitationSchema, userSchema, type Role, type User } from '@concord/shared';
import { expectErrorBody } from '../utils/expectErrorBody.ts';
import { startTestServer, type SignedInAs, type TestServer } from '../utils/startTestServer.ts';
import { hour, TestClock } from '../utils/testClock.ts';

function send(server: TestServer, method: string, path: string, headers: Record<string, string>, body?: unknown): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    method,
    headers: { origin: server.url, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

/** The token from an invitation link (it sits in the fragment). */
function tokenOf(url: string): string {
  const token = new URL(url).hash.match(/^#token=([A-Za-z0-9_-]+)$/)?.[1];
  if (token === undefined) throw new Error(`no token in ${url}`);
  return token;
}

function acceptInvitation(server: TestServer, token: string, password: string): Promise<Response> {
  return send(server, 'POST', '/api/invitations/accept', {}, { token, password });
}

describe('users API', () => {
  const clock = new TestClock();
  let server: TestServer;
  let secretariat: SignedInAs;
  beforeAll(async () => {
    server = await startTestServer({}, { now: clock.now });
    secretariat = await server.asRole('secretariat');
  });
  afterAll(async () => {
    await server.stop();
  });

  describe('permissions', () => {
    const others: Role[] = ['chair', 'delegate', 'observer'];
    let target: User;
    beforeAll(async () => {
      target = (await server.createUser({ role: 'delegate' })).user;
    });
    const calls = (): Array<[string, string, unknown]> => [
      ['GET', '/api/users', undefined],
      ['POST', '/api/users', { email: 'new.person@test.concord.example', name: 'New Person', role: 'delegate', affiliation: { kind: 'delegation', delegationCode: 'MEX' } }],
      ['PATCH', `/api/users/${target.id}`, { name: 'Renamed' }],
      ['POST', `/api/users/${target.id}/invitation`, undefined],
    ];

    it.each(others)('the %s role gets 403 forbidden on every users route, and nothing changes', async (role) => {
      const member = await server.asRole(role);
      for (const [method, path, body] of calls()) await expectErrorBody(await send(server, method, path, member.headers, body), 403, 'forbidden');
      expect((await server.accounts.getUser(target.id))?.name).toBe(target.name);
      expect((await server.accounts.listUsers()).some((user) => user.email === 'new.person@test.concord.example')).toBe(false);
    });

    it('without a session every users route answers 401 unauthenticated', async () => {
      for (const [method, path, body] of calls()) await expectErrorBody(await send(server, method, path, {}, body), 401, 'unauthenticated');
    });

    it('a disabled secretariat loses access at once', async () => {
      const former = await server.asRole('secretariat');
      expect((await send(server, 'GET', '/api/users', former.headers)).status).toBe(200);
      await server.accounts.updateUser(former.user.id, { disabled: true }, null);
      await expectErrorBody(await send(server, 'GET', '/api/users', former.headers), 401, 'unauthenticated');
    });
  });

  it('the secretariat lists the accounts, without password hashes', async () => {
    const { user } = await server.createUser({ role: 'observer' });
    const response = await send(server, 'GET', '/api/users', secretariat.headers);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { users: unknown[] };
    const users = body.users.map((entry) => userSchema.strict().parse(entry));
    expect(users).toContainEqual(user);
    expect(JSON.stringify(body)).not.toMatch(/passwordHash|scrypt/);
  });

  it('creates an account: 201, no password yet, email normalised; a second account with that email is 409 email_taken', async () => {
    const response = await send(server, 'POST', '/api/users', secretariat.headers, {
      email: '  Delegate.IRL@Test.Concord.Example ',
      name: 'Delegate of Ireland',
      role: 'delegate',
      affiliation: { kind: 'delegation', delegationCode: 'IRL' },
    });
    expect(response.status).toBe(201);
    const user = userSchema.strict().parse(await response.json());
    expect(user).toMatchObject({ email: 'delegate.irl@test.concord.example', role: 'delegate', affiliation: { kind: 'delegation', delegationCode: 'IRL' }, hasPassword: false, disabled: false });
    expect(await server.accounts.getUser(user.id)).toEqual(user);

    await expectErrorBody(
      await send(server, 'POST', '/api/users', secretariat.headers, { email: 'DELEGATE.irl@test.concord.example', name: 'Twice', role: 'observer', affiliation: { kind: 'observer', organisationId: 'IAEA' } }),
      409,
      'email_taken',
    );
  });

  it.each([
    ['a role that does not fit the affiliation', { email: 'a@test.concord.example', name: 'A', role: 'observer', affiliation: { kind: 'delegation', delegationCode: 'FRA' } }, 'affiliation.kind'],
    ['an unknown role', { email: 'b@test.concord.example', name: 'B', role: 'president', affiliation: { kind: 'secretariat' } }, 'role'],
    ['a bad email', { email: 'not-an-email', name: 'C', role: 'secretariat', affiliation: { kind: 'secretariat' } }, 'email'],
    ['a missing name', { email: 'd@test.concord.example', role: 'secretariat', affiliation: { kind: 'secretariat' } }, 'name'],
  ])('refuses an account with %s: 400 invalid_request naming the field', async (_name, body, path) => {
    const error = await expectErrorBody(await send(server, 'POST', '/api/users', secretariat.headers, body), 400, 'invalid_request');
    expect(error.error.issues?.map((issue) => issue.path)).toContain(path);
  });

  it('changes an account; a role alone must fit the stored affiliation', async () => {
    const { user } = await server.createUser({ role: 'delegate' });
    const renamed = await send(server, 'PATCH', `/api/users/${user.id}`, secretariat.headers, { name: 'Chair of the committee', role: 'chair' });
    expect(renamed.status).toBe(200);
    expect(userSchema.parse(await renamed.json())).toMatchObject({ id: user.id, name: 'Chair of the committee', role: 'chair', affiliation: user.affiliation });

    const mismatch = await expectErrorBody(await send(server, 'PATCH', `/api/users/${user.id}`, secretariat.headers, { role: 'observer' }), 400, 'invalid_request');
    expect(mismatch.error.issues?.map((issue) => issue.path)).toContain('affiliation.kind');
    await expectErrorBody(await send(server, 'PATCH', `/api/users/${user.id}`, secretariat.headers, {}), 400, 'invalid_request');
    await expectErrorBody(await send(server, 'PATCH', `/api/users/${user.id}`, secretariat.headers, { passwordHash: 'x' }), 400, 'invalid_request');
    expect((await server.accounts.getUser(user.id))?.role).toBe('chair');

    await expectErrorBody(await send(server, 'PATCH', '/api/users/NoSuchUser123', secretariat.headers, { name: 'X' }), 404, 'not_found');
    await expectErrorBody(await send(server, 'PATCH', '/api/users/bad', secretariat.headers, { name: 'X' }), 404, 'not_found');
  });

  it('disabling an account ends its sessions and its sign-ins', async () => {
    const { user, password } = await server.createUser({ role: 'delegate' });
    const { cookie } = await server.signIn(user.email, password);
    const response = await send(server, 'PATCH', `/api/users/${user.id}`, secretariat.headers, { disabled: true });
    expect(response.status).toBe(200);
    expect(userSchema.parse(await response.json()).disabled).toBe(true);
    await expectErrorBody(await fetch(`${server.url}/api/session`, { headers: { cookie } }), 401, 'unauthenticated');
    await expectErrorBody(await send(server, 'POST', '/api/session', {}, { email: user.email, password }), 401, 'invalid_credentials');
  });

  it('invitation flow over HTTP: create, invite, accept with a new password, sign in; the link works once', async () => {
    const created = userSchema.parse(
      await (await send(server, 'POST', '/api/users', secretariat.headers, { email: 'invited.egy@test.concord.example', name: 'Delegate of Egypt', role: 'delegate', affiliation: { kind: 'delegation', delegationCode: 'EGY' } })).json(),
    );
    const issued = await send(server, 'POST', `/api/users/${created.id}/invitation`, secretariat.headers);
    expect(issued.status).toBe(201);
    const invitation = invitationSchema.parse(await issued.json());
    expect(invitation.userId).toBe(created.id);
    // No PUBLIC_URL: the link points at the origin the secretariat used; the token is in the fragment, never sent to a server.
    expect(invitation.url.startsWith(`${server.url}/invitation#token=`)).toBe(true);
    expect(new URL(invitation.url).search).toBe('');
    expect(Date.parse(invitation.expiresAt) - clock.now().getTime()).toBeGreaterThan(71 * hour);
    const token = tokenOf(invitation.url);

    // A weak password is refused without spending the token.
    const weak = await expectErrorBody(await acceptInvitation(server, token, 'short'), 400, 'invalid_request');
    expect(weak.error.issues?.map((issue) => issue.path)).toContain('password');
    await expectErrorBody(await acceptInvitation(server, 'A'.repeat(43), 'a long enough password'), 400, 'invalid_invitation');
    await expectErrorBody(await acceptInvitation(server, 'not a token', 'a long enough password'), 400, 'invalid_invitation');

    const accepted = await acceptInvitation(server, token, 'the new password of Egypt');
    expect(accepted.status).toBe(204);
    expect(await accepted.text()).toBe('');
    const signedIn = await server.signIn('invited.egy@test.concord.example', 'the new password of Egypt');
    expect(signedIn.user).toMatchObject({ id: created.id, hasPassword: true });

    await expectErrorBody(await acceptInvitation(server, token, 'another new password'), 400, 'invalid_invitation');
    await expectErrorBody(await send(server, 'POST', '/api/users/NoSuchUser123/invitation', secretariat.headers), 404, 'not_found');
  });

  it('a new invitation replaces the earlier one, and an invitation expires after INVITATION_TTL_HOURS', async () => {
    const { user } = await server.createUser({ role: 'observer' });
    const invite = async () => tokenOf(invitationSchema.parse(await (await send(server, 'POST', `/api/users/${user.id}/invitation`, secretariat.headers)).json()).url);
    const first = await invite();
    const second = await invite();
    await expectErrorBody(await acceptInvitation(server, first, 'a long enough password'), 400, 'invalid_invitation');

    clock.advance(72 * hour + 60_000);
    await expectErrorBody(await acceptInvitation(server, second, 'a long enough password'), 400, 'invalid_invitation');
    // The secretariat's session has expired meanwhile too.
    secretariat = await server.asRole('secretariat');
    const third = await invite();
    expect((await acceptInvitation(server, third, 'a long enough password')).status).toBe(204);
  });

  it('accepting an invitation signs the user out everywhere', async () => {
    const { user, password } = await server.createUser({ role: 'delegate' });
    const { cookie } = await server.signIn(user.email, password);
    const token = tokenOf(invitationSchema.parse(await (await send(server, 'POST', `/api/users/${user.id}/invitation`, secretariat.headers)).json()).url);
    expect((await acceptInvitation(server, token, 'a brand new password')).status).toBe(204);
    await expectErrorBody(await fetch(`${server.url}/api/session`, { headers: { cookie } }), 401, 'unauthenticated');
    await expectErrorBody(await send(server, 'POST', '/api/session', {}, { email: user.email, password }), 401, 'invalid_credentials');
  });
});

describe('invitation links with PUBLIC_URL', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ PUBLIC_URL: 'https://concord.example/drafting/' });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('point at PUBLIC_URL, whatever host the request came to', async () => {
    const secretariat = await server.asRole('secretariat');
    const { user } = await server.createUser({ role: 'delegate' });
    const response = await send(server, 'POST', `/api/users/${user.id}/invitation`, secretariat.headers);
    expect(response.status).toBe(201);
    expect(invitationSchema.parse(await response.json()).url).toMatch(/^https:\/\/concord\.example\/drafting\/invitation#token=[A-Za-z0-9_-]{32,}$/);
  });
});

describe('documents API permissions', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  const create = (headers: Record<string, string>) => send(server, 'POST', '/api/documents', headers, { title: 'Options for negative security assurances', kind: 'phase1-options-report', session: '2027, first session' });

  it.each([
    ['secretariat', 201],
    ['chair', 201],
    ['delegate', 403],
    ['observer', 403],
  ] as const)('the %s role creating a document gets %i', async (role, status) => {
    const member = await server.asRole(role);
    const response = await create(member.headers);
    if (status === 403) await expectErrorBody(response, 403, 'forbidden');
    else expect(response.status).toBe(201);
  });

  it.each(['secretariat', 'chair', 'delegate', 'observer'] as const)('the %s role reads the list and one document', async (role) => {
    const id = await server.createDocument('Readable');
    const member = await server.asRole(role);
    expect((await send(server, 'GET', '/api/documents', member.headers)).status).toBe(200);
    expect((await send(server, 'GET', `/api/documents/${id}`, member.headers)).status).toBe(200);
  });

  it('without a session the documents answer 401', async () => {
    const id = await server.createDocument('Hidden');
    await expectErrorBody(await fetch(`${server.url}/api/documents`), 401, 'unauthenticated');
    await expectErrorBody(await fetch(`${server.url}/api/documents/${id}`), 401, 'unauthenticated');
    await expectErrorBody(await create({}), 401, 'unauthenticated');
  });
});
