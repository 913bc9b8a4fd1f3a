import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntrySchema, invitationSchema, type AuditEntry } from '@concord/shared';
import { expectErrorBody } from '../utils/expectErrorBody.ts';
import { startRedisServer, type RedisServer } from '../utils/redisServer.ts';
import { startTestServer, type SignedInAs, type TestServer } from '../utils/startTestServer.ts';

async function queryAudit(server: TestServer, headers: Record<string, string>, query = ''): Promise<AuditEntry[]> {
  const response = await fetch(`${server.url}/api/audit${query}`, { headers });
  const text = await response.text();
  expect({ status: response.status, text }).toEqual({ status: 200, text: expect.any(String) });
  const body = JSON.parse(text) as { entries: unknown[] };
  return body.entries.map((entry) => auditEntrySchema.parse(entry));
}

async function createDocumentAs(server: TestServer, author: SignedInAs, title: string): Promise<string> {
  const response = await fetch(`${server.url}/api/documents`, {
    method: 'POST',
    headers: { ...author.headers, 'content-type': 'application/json' },
    body: JSON.stringify({ title, kind: 'other', session: 'Audit session' }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

/** The audit log differs per store (a SQLite table, a Redis stream): the API must answer the same on both. */
describe.each(['sqlite', 'redis'] as const)('audit API on %s', (backend) => {
  let redis: RedisServer | null = null;
  let server: TestServer;
  let secretariat: SignedInAs;
  beforeAll(async () => {
    redis = backend === 'redis' ? await startRedisServer() : null;
    server = await startTestServer(redis ? { REDIS_URL: redis.url } : {});
    secretariat = await server.asRole('secretariat');
  });
  afterAll(async () => {
    await server.stop();
    await redis?.stop();
  });

  it('answers the secretariat and chairs; 403 for delegates and observers; 401 without a session', async () => {
    const chair = await server.asRole('chair');
    expect((await queryAudit(server, chair.headers)).length).toBeGreaterThan(0);
    for (const role of ['delegate', 'observer'] as const) {
      const member = await server.asRole(role);
      await expectErrorBody(await fetch(`${server.url}/api/audit`, { headers: member.headers }), 403, 'forbidden');
    }
    await expectErrorBody(await fetch(`${server.url}/api/audit`), 401, 'unauthenticated');
  });

  it('records what happened over HTTP, with actor, address and document, and never a secret', async () => {
    const typedEmail = `Nobody.${backend}@Test.Concord.Example`;
    const wrongPassword = `wrong password ${backend} 12345`;
    await fetch(`${server.url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json', origin: server.url }, body: JSON.stringify({ email: typedEmail, password: wrongPassword }) });
    const documentId = await createDocumentAs(server, secretariat, 'Audited document');
    const invited = await server.createUser({ role: 'delegate' });
    const invitation = invitationSchema.parse(await (await fetch(`${server.url}/api/users/${invited.user.id}/invitation`, { method: 'POST', headers: secretariat.headers })).json());

    const response = await fetch(`${server.url}/api/audit?limit=500`, { headers: secretariat.headers });
    const raw = await response.text();
    const entries = (JSON.parse(raw) as { entries: unknown[] }).entries.map((entry) => auditEntrySchema.parse(entry));

    const failed = entries.find((entry) => entry.type === 'sign-in-failed' && entry.subject === typedEmail);
    expect(failed).toMatchObject({ actor: null, ip: expect.stringMatching(/127\.0\.0\.1|::1/) });
    const created = entries.find((entry) => entry.type === 'document-created' && entry.documentId === documentId);
    expect(created?.detail).toEqual({ kind: 'other' });
    expect(created?.actor).toEqual({ userId: secretariat.user.id, email: secretariat.user.email, role: 'secretariat', affiliation: 'secretariat' });
    expect(created?.ip).toMatch(/127\.0\.0\.1|::1/);
    const issued = entries.find((entry) => entry.type === 'invitation-issued' && entry.detail.targetUserId === invited.user.id);
    expect(issued?.actor?.userId).toBe(secretariat.user.id);
    expect(entries.some((entry) => entry.type === 'sign-in' && entry.actor?.userId === secretariat.user.id)).toBe(true);

    for (const secret of [wrongPassword, invited.password, secretariat.cookie.split('=')[1] ?? '', secretariat.csrfToken, new URL(invitation.url).hash.slice('#token='.length)]) {
      expect(secret.length).toBeGreaterThan(8);
      expect(raw).not.toContain(secret);
    }
  });

  it('filters by type, user, document and time, pages back with before, and limits', async () => {
    const first = await createDocumentAs(server, secretariat, 'Filter one');
    const second = await createDocumentAs(server, secretariat, 'Filter two');
    const all = await queryAudit(server, secretariat.headers, '?limit=500');
    // Newest first.
    const times = all.map((entry) => Date.parse(entry.at));
    expect(times).toEqual([...times].sort((earlier, later) => later - earlier));

    const created = await queryAudit(server, secretariat.headers, '?type=document-created&limit=500');
    expect(created.length).toBeGreaterThanOrEqual(2);
    expect(created.every((entry) => entry.type === 'document-created')).toBe(true);

    const ofDocument = await queryAudit(server, secretariat.headers, `?documentId=${first}`);
    expect(ofDocument.map((entry) => entry.documentId)).toEqual([first]);

    const ofUser = await queryAudit(server, secretariat.headers, `?userId=${secretariat.user.id}&limit=500`);
    expect(ofUser.length).toBeGreaterThan(0);
    expect(ofUser.every((entry) => entry.actor?.userId === secretariat.user.id || entry.detail.targetUserId === secretariat.user.id)).toBe(true);
    expect(ofUser.some((entry) => entry.documentId === second)).toBe(true);

    const newestTwo = await queryAudit(server, secretariat.headers, '?limit=2');
    expect(newestTwo).toEqual(all.slice(0, 2));
    const nextTwo = await queryAudit(server, secretariat.headers, `?limit=2&before=${encodeURIComponent(newestTwo[1]?.id ?? '')}`);
    expect(nextTwo).toEqual(all.slice(2, 4));

    const future = new Date(Date.now() + 3_600_000).toISOString();
    expect(await queryAudit(server, secretariat.headers, `?since=${future}`)).toEqual([]);
    const untilPast = await queryAudit(server, secretariat.headers, '?until=2000-01-01T00:00:00.000Z');
    expect(untilPast).toEqual([]);
    const sinceOldest = await queryAudit(server, secretariat.headers, `?since=${encodeURIComponent(all.at(-1)?.at ?? '')}&limit=500`);
    expect(sinceOldest.length).toBe(all.length);
  });

  it.each(['?limit=0', '?limit=501', '?limit=ten', '?type=coffee-break', '?since=yesterday'])('refuses %s with 400 invalid_request', async (query) => {
    await expectErrorBody(await fetch(`${server.url}/api/audit${query}`, { headers: secretariat.headers }), 400, 'invalid_request');
  });
});
