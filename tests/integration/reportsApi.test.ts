/** Progress reports over HTTP: the data for the screen, the downloads, and refusals. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { progressReportSchema } from '@concord/shared';
import { json, send } from '../utils/apiRequest.ts';
import { expectErrorBody } from '../utils/expectErrorBody.ts';
import { startTestServer, type SignedInAs, type TestServer } from '../utils/startTestServer.ts';

describe('progress report routes', () => {
  let server: TestServer;
  let delegate: SignedInAs;
  const today = new Date().toISOString().slice(0, 10);
  beforeAll(async () => {
    server = await startTestServer();
    delegate = await server.asRole('delegate', { kind: 'delegation', delegationCode: 'EGY' });
    const documentId = await server.createDocument('Reported document');
    await json(await send(server, 'POST', `/api/documents/${documentId}/threads`, delegate.headers, { documentId, anchor: { kind: 'paragraph', blockId: 'para-000001' }, body: 'A comment in the period' }), 201);
  });
  afterAll(async () => {
    await server.stop();
  });

  it('answers the report of a period, which counts what happened in it', async () => {
    const report = progressReportSchema.parse(await json(await send(server, 'GET', `/api/reports/progress?from=${today.slice(0, 4)}-01-01&to=${today}`, delegate.headers), 200));
    expect(report.documents.map((document) => document.title)).toContain('Reported document');
    expect(report.threads.opened).toBe(1);
    expect(report.participation.groups.find((group) => group.groupId === 'NNWS')).toMatchObject({ comments: 1, activeDelegations: ['EGY'] });
    const empty = progressReportSchema.parse(await json(await send(server, 'GET', '/api/reports/progress?from=2020-01-01&to=2020-12-31', delegate.headers), 200));
    expect(empty.threads.opened).toBe(0);
  });

  it('downloads the report as DOCX and HTML, audited', async () => {
    const docx = await send(server, 'GET', `/api/reports/progress/download?from=${today}&to=${today}&format=docx&language=fr`, delegate.headers);
    expect(docx.status).toBe(200);
    expect(docx.headers.get('content-disposition')).toBe(`attachment; filename="progress-report_${today}_${today}_fr.docx"`);
    expect(Buffer.from(await docx.arrayBuffer()).subarray(0, 2).toString()).toBe('PK');
    const html = await send(server, 'GET', `/api/reports/progress/download?from=${today}&to=${today}&format=html`, delegate.headers);
    expect(await html.text()).toContain('Reported document');
    const audited = await server.audit.query({ userId: delegate.user.id, limit: 10 });
    expect(audited.filter((entry) => entry.type === 'export' && entry.detail['report'] === 'progress')).toHaveLength(2);
  });

  it('refuses a bad period and a visitor without a session', async () => {
    await expectErrorBody(await send(server, 'GET', '/api/reports/progress?from=2026-02-01&to=2026-01-01', delegate.headers), 400, 'invalid_request');
    await expectErrorBody(await send(server, 'GET', '/api/reports/progress?from=2026-02-30&to=2026-03-01', delegate.headers), 400, 'invalid_request');
    await expectErrorBody(await send(server, 'GET', `/api/reports/progress/download?from=${today}&to=${today}&format=pdf`, delegate.headers), 400, 'invalid_request');
    await expectErrorBody(await send(server, 'GET', `/api/reports/progress?from=${today}&to=${today}`, { origin: server.url }), 401, 'unauthenticated');
  });
});
