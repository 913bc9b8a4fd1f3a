import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionInfoSchema } from '@concord/shared';
import { runToExit, startServerProcess } from '../utils/runServerScript.ts';

const demoPassword = 'concord-demo-2026';
const demoEmails = [
  'secretariat@demo.concord.example',
  'chair.kwt@demo.concord.example',
  'delegate.fra@demo.concord.example',
  'delegate.usa@demo.concord.example',
  'delegate.egy@demo.concord.example',
  'delegate.irl@demo.concord.example',
  'delegate.mex@demo.concord.example',
  'observer.iaea@demo.concord.example',
];

async function signIn(url: string, email: string, password: string): Promise<Response> {
  return fetch(`${url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json', origin: url }, body: JSON.stringify({ email, password }) });
}

/** One data directory through the file: seeded by the demo test, then refused and started by the production test. */
describe('the demo and production start', () => {
  let dataDirectory: string;
  beforeAll(() => {
    dataDirectory = mkdtempSync(path.join(tmpdir(), 'concord-demo-'));
  });
  afterAll(() => {
    rmSync(dataDirectory, { recursive: true, force: true });
  });

  it('refuses --demo with NODE_ENV=production, before opening anything', async () => {
    const fresh = mkdtempSync(path.join(tmpdir(), 'concord-demo-refused-'));
    try {
      const { code, stderr } = await runToExit('src/main.ts', ['--demo'], { NODE_ENV: 'production', DATA_DIR: fresh });
      expect(code).toBe(1);
      expect(stderr).toContain('Refusing --demo with NODE_ENV=production');
      expect(readdirSync(fresh)).toEqual([]);
    } finally {
      rmSync(fresh, { recursive: true, force: true });
    }
  });

  it('--demo seeds the committee and two documents, prints the accounts, and each account signs in with the demo password', async () => {
    const server = await startServerProcess(['--demo'], { DATA_DIR: dataDirectory, NODE_ENV: 'development' });
    try {
      expect(server.output()).toContain(`password for all: ${demoPassword}`);
      for (const email of demoEmails) expect(server.output()).toContain(email);

      const roles: Record<string, string> = {};
      for (const email of demoEmails) {
        const response = await signIn(server.url, email, demoPassword);
        expect({ email, status: response.status }).toEqual({ email, status: 200 });
        const info = sessionInfoSchema.parse(await response.json());
        const { affiliation } = info.user;
        roles[email] = `${info.user.role} ${affiliation.kind === 'delegation' ? affiliation.delegationCode : affiliation.kind === 'observer' ? affiliation.organisationId : 'secretariat'}`;
      }
      expect(roles).toEqual({
        'secretariat@demo.concord.example': 'secretariat secretariat',
        'chair.kwt@demo.concord.example': 'chair KWT',
        'delegate.fra@demo.concord.example': 'delegate FRA',
        'delegate.usa@demo.concord.example': 'delegate USA',
        'delegate.egy@demo.concord.example': 'delegate EGY',
        'delegate.irl@demo.concord.example': 'delegate IRL',
        'delegate.mex@demo.concord.example': 'delegate MEX',
        'observer.iaea@demo.concord.example': 'observer IAEA',
      });

      const cookie = (await signIn(server.url, 'delegate.irl@demo.concord.example', demoPassword)).headers.getSetCookie()[0]?.split(';')[0] ?? '';
      const documents = (await (await fetch(`${server.url}/api/documents`, { headers: { cookie } })).json()) as { documents: Array<{ kind: string; session: string }> };
      expect(documents.documents.map((document) => document.kind).sort()).toEqual(['annual-progress-report', 'phase1-options-report']);
      expect(documents.documents.every((document) => document.session.length > 0)).toBe(true);
    } finally {
      expect(await server.stop()).toBe(0);
    }

    // A second demo start adds nothing.
    const again = await startServerProcess(['--demo'], { DATA_DIR: dataDirectory, NODE_ENV: 'development' });
    try {
      const secretariat = await signIn(again.url, 'secretariat@demo.concord.example', demoPassword);
      const headers = { cookie: secretariat.headers.getSetCookie()[0]?.split(';')[0] ?? '' };
      const users = (await (await fetch(`${again.url}/api/users`, { headers })).json()) as { users: unknown[] };
      expect(users.users).toHaveLength(8);
      const documents = (await (await fetch(`${again.url}/api/documents`, { headers })).json()) as { documents: unknown[] };
      expect(documents.documents).toHaveLength(2);
    } finally {
      expect(await again.stop()).toBe(0);
    }
  });

  it('in production, refuses to start while demo accounts still open with the demo password, and starts once they are disabled', async () => {
    const refused = await runToExit('src/main.ts', [], { NODE_ENV: 'production', DATA_DIR: dataDirectory });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Refusing to start with NODE_ENV=production');
    for (const email of demoEmails) expect(refused.stderr).toContain(email);
    expect(refused.stdout).not.toContain('Concord is running');

    for (const email of demoEmails) {
      const disabled = await runToExit('src/cli/concord.ts', ['users', 'disable', email], { DATA_DIR: dataDirectory });
      expect({ email, code: disabled.code, stderr: disabled.stderr }).toEqual({ email, code: 0, stderr: '' });
    }
    const started = await startServerProcess([], { NODE_ENV: 'production', DATA_DIR: dataDirectory });
    try {
      expect((await signIn(started.url, 'secretariat@demo.concord.example', demoPassword)).status).toBe(401);
    } finally {
      expect(await started.stop()).toBe(0);
    }
  });
});
