import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectErrorBody } from '../utils/expectErrorBody.ts';
import { startRedisServer, type RedisServer } from '../utils/redisServer.ts';
import { runToExit } from '../utils/runServerScript.ts';
import { startTestServer, type TestServer } from '../utils/startTestServer.ts';

/** The one-time link the CLI prints. */
function linkIn(output: string): string {
  const link = /^\s+(\S+\/invitation#token=[A-Za-z0-9_-]+)$/m.exec(output)?.[1];
  if (link === undefined) throw new Error(`no invitation link in:\n${output}`);
  return link;
}

function accept(server: TestServer, link: string, password: string): Promise<Response> {
  const token = new URL(link).hash.slice('#token='.length);
  return fetch(`${server.url}/api/invitations/accept`, { method: 'POST', headers: { 'content-type': 'application/json', origin: server.url }, body: JSON.stringify({ token, password }) });
}

/** The CLI opens the same stores as the server: SQLite under DATA_DIR, or Redis at REDIS_URL. */
describe.each(['sqlite', 'redis'] as const)('pnpm concord users on %s', (backend) => {
  let redis: RedisServer | null = null;
  let server: TestServer;
  let environment: Record<string, string>;
  beforeAll(async () => {
    redis = backend === 'redis' ? await startRedisServer() : null;
    server = await startTestServer(redis ? { REDIS_URL: redis.url, PUBLIC_URL: 'https://concord.example' } : { PUBLIC_URL: 'https://concord.example' });
    environment = { DATA_DIR: server.dataDirectory, PUBLIC_URL: 'https://concord.example', ...(redis ? { REDIS_URL: redis.url } : {}) };
  });
  afterAll(async () => {
    await server.stop();
    await redis?.stop();
  });

  it('adds a delegate and prints a one-time invitation link that sets the password over HTTP', async () => {
    const { code, stdout, stderr } = await runToExit('src/cli/concord.ts', ['users', 'add', '--email', 'Delegate.MEX@Test.Concord.Example', '--name', 'Delegate of Mexico', '--role', 'delegate', '--delegation', 'mex'], environment);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toContain('delegate.mex@test.concord.example');
    expect(stdout).toContain('MEX');
    const link = linkIn(stdout);
    expect(link.startsWith('https://concord.example/invitation#token=')).toBe(true);

    const user = (await server.accounts.listUsers()).find((candidate) => candidate.email === 'delegate.mex@test.concord.example');
    expect(user).toMatchObject({ role: 'delegate', affiliation: { kind: 'delegation', delegationCode: 'MEX' }, hasPassword: false });
    expect((await accept(server, link, 'password of the delegation of Mexico')).status).toBe(204);
    const signedIn = await server.signIn('delegate.mex@test.concord.example', 'password of the delegation of Mexico');
    expect(signedIn.user.id).toBe(user?.id);
  });

  it('adds an observer with --organisation and a secretariat member with --secretariat', async () => {
    const observer = await runToExit('src/cli/concord.ts', ['users', 'add', '--email', 'iaea@test.concord.example', '--name', 'IAEA observer', '--role', 'observer', '--organisation', 'IAEA'], environment);
    expect(observer.code).toBe(0);
    const secretariat = await runToExit('src/cli/concord.ts', ['users', 'add', '--email', 'officer@test.concord.example', '--name', 'Secretariat officer', '--secretariat'], environment);
    expect(secretariat.code).toBe(0);
    const users = await server.accounts.listUsers();
    expect(users.find((user) => user.email === 'iaea@test.concord.example')).toMatchObject({ role: 'observer', affiliation: { kind: 'observer', organisationId: 'IAEA' } });
    expect(users.find((user) => user.email === 'officer@test.concord.example')).toMatchObject({ role: 'secretariat', affiliation: { kind: 'secretariat' } });
  });

  it('lists the accounts, re-invites (the earlier link dies) and disables', async () => {
    const { user, password } = await server.createUser({ role: 'chair', email: 'chair@test.concord.example' });
    const listed = await runToExit('src/cli/concord.ts', ['users', 'list'], environment);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/chair@test\.concord\.example .* chair +KWT +active/);

    const first = linkIn((await runToExit('src/cli/concord.ts', ['users', 'invite', 'CHAIR@test.concord.example'], environment)).stdout);
    const second = linkIn((await runToExit('src/cli/concord.ts', ['users', 'invite', 'chair@test.concord.example'], environment)).stdout);
    await expectErrorBody(await accept(server, first, 'a new password for the chair'), 400, 'invalid_invitation');

    const { cookie } = await server.signIn(user.email, password);
    const disabled = await runToExit('src/cli/concord.ts', ['users', 'disable', 'chair@test.concord.example'], environment);
    expect(disabled.code).toBe(0);
    expect(disabled.stdout).toContain('disabled');
    await expectErrorBody(await fetch(`${server.url}/api/session`, { headers: { cookie } }), 401, 'unauthenticated');
    // A disabled account cannot use its invitation either.
    await expectErrorBody(await accept(server, second, 'a new password for the chair'), 400, 'invalid_invitation');
  });

  it.each([
    [['users', 'add', '--email', 'x@test.concord.example', '--name', 'X', '--role', 'delegate'], 2, '--delegation'],
    [['users', 'add', '--email', 'not-an-email', '--name', 'X', '--role', 'delegate', '--delegation', 'FRA'], 2, '--email: expected an email address'],
    [['users', 'add', '--email', 'x@test.concord.example', '--name', 'X', '--role', 'observer', '--delegation', 'FRA'], 2, 'role "observer" needs an affiliation of kind "observer"'],
    [['users', 'add', '--email', 'x@test.concord.example', '--name', 'X', '--role', 'delegate', '--delegation', 'FRA', '--organisation', 'IAEA'], 2, 'only one of'],
    [['users', 'add', '--emial', 'x@test.concord.example'], 2, "Unknown option '--emial'"],
    [['users', 'rename'], 2, 'unknown command "users rename"'],
    [['users', 'toString'], 2, 'unknown command "users toString"'],
    [['documents', 'list'], 2, 'unknown command'],
    [['users', 'invite'], 2, 'expected 1 argument'],
    [['users', 'invite', 'nobody@test.concord.example'], 1, 'No account has the email nobody@test.concord.example'],
    [['users', 'add', '--email', 'delegate.mex@test.concord.example', '--name', 'Again', '--role', 'delegate', '--delegation', 'MEX'], 1, 'exists already'],
  ])('%j exits %i with a clear message', async (args, exitCode, message) => {
    const countBefore = (await server.accounts.listUsers()).length;
    const { code, stdout, stderr } = await runToExit('src/cli/concord.ts', args, environment);
    expect({ code, stdout }).toEqual({ code: exitCode, stdout: '' });
    expect(stderr).toContain(message);
    if (exitCode === 2) expect(stderr).toContain('Usage: pnpm concord');
    expect((await server.accounts.listUsers()).length).toBe(countBefore);
  });
});

describe('pnpm concord with a bad configuration', () => {
  it('says which variable is wrong and exits 1', async () => {
    const { code, stderr } = await runToExit('src/cli/concord.ts', ['users', 'list'], { REDIS_URL: 'http://nope' });
    expect(code).toBe(1);
    expect(stderr).toContain('Invalid configuration: REDIS_URL');
  });
});
