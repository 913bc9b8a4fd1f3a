import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentIdSchema, type DocumentMeta } from '@concord/shared';
import { draftText } from '../utils/draft.ts';
import { RawClient } from '../utils/RawClient.ts';
import { startRedisServer, type RedisServer } from '../utils/redisServer.ts';
import { expectErrorBody, type ErrorBody } from '../utils/expectErrorBody.ts';
import { startTestServer, type SignedInAs, type TestServer } from '../utils/startTestServer.ts';

/** A valid new document, with `title` (or any other field) replaced. */
function newDocument(fields: Record<string, unknown> = {}): string {
  return JSON.stringify({ title: 'Draft', kind: 'phase2-action-plan', session: '2027, first session', ...fields });
}

/** POSTs as the signed-in `author` (cookie, CSRF token, Origin). */
function postDocument(server: TestServer, author: SignedInAs, body: string, contentType = 'application/json'): Promise<Response> {
  return fetch(`${server.url}/api/documents`, { method: 'POST', headers: { ...author.headers, 'content-type': contentType }, body });
}

function getDocuments(server: TestServer, reader: SignedInAs, path = ''): Promise<Response> {
  return fetch(`${server.url}/api/documents${path}`, { headers: { cookie: reader.cookie } });
}

/** The value of one Prometheus sample (`name` or `name{labels}`), or null when absent. */
function sampleValue(metrics: string, sample: string): number | null {
  for (const line of metrics.split('\n')) {
    if (line.startsWith(`${sample} `)) return Number(line.slice(sample.length + 1));
  }
  return null;
}

/** Calls `read` until `done` holds for its answer (polling, no timing asserted); returns that answer. */
async function pollUntil<Answer>(read: () => Promise<Answer>, done: (answer: Answer) => boolean, what: string, timeoutMs = 15_000): Promise<Answer> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await read();
    if (done(answer)) return answer;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function readMetrics(server: TestServer): Promise<string> {
  const response = await fetch(`${server.url}/metrics`);
  expect(response.status).toBe(200);
  return response.text();
}

/** POSTs `size` bytes in chunks with no Content-Length, so only a streaming limit can stop it. */
function postChunked(url: string, headers: Record<string, string>, size: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${url}/api/documents`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json', 'transfer-encoding': 'chunked' } }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    // The server may answer and close before the upload ends; only the answer matters.
    request.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error);
    });
    const chunk = '{"title":"' + 'x'.repeat(1024 - 11);
    request.write(chunk);
    for (let sent = chunk.length; sent < size; sent += 1024) request.write('x'.repeat(1024));
    request.end('"}');
  });
}

describe('HTTP API on a SQLite server', () => {
  let server: TestServer;
  let secretariat: SignedInAs;
  beforeAll(async () => {
    server = await startTestServer({ CLIENT_DIR: 'off' });
    secretariat = await server.asRole('secretariat');
  });
  afterAll(async () => {
    await server.stop();
  });

  it('GET /healthz answers 200 {status: ok}', async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('GET /readyz answers 200 and names the sqlite store', async () => {
    const response = await fetch(`${server.url}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ready', store: 'sqlite' });
  });

  it('POST /api/documents creates a document: 201 with id, trimmed title, kind, session and createdAt', async () => {
    const before = Date.now();
    const response = await postDocument(server, secretariat, newDocument({ title: '  Final Document of the Review Conference  ', session: ' 2027, second session ' }));
    expect(response.status).toBe(201);
    const document = (await response.json()) as DocumentMeta;
    expect(Object.keys(document).sort()).toEqual(['createdAt', 'id', 'kind', 'session', 'title']);
    expect(documentIdSchema.safeParse(document.id).success).toBe(true);
    expect(document.title).toBe('Final Document of the Review Conference');
    expect(document.kind).toBe('phase2-action-plan');
    expect(document.session).toBe('2027, second session');
    // Stored as answered.
    expect(await server.store.getDocument(document.id)).toEqual(document);
    expect(new Date(document.createdAt).toISOString()).toBe(document.createdAt);
    expect(Date.parse(document.createdAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(document.createdAt)).toBeLessThanOrEqual(Date.now() + 1000);
  });

  it('accepts a title of exactly 200 characters and ignores unknown fields', async () => {
    const response = await postDocument(server, secretariat, newDocument({ title: 'T'.repeat(200), owner: 'someone else' }));
    expect(response.status).toBe(201);
    const document = (await response.json()) as Record<string, unknown>;
    expect(document.title).toBe('T'.repeat(200));
    expect(document).not.toHaveProperty('owner');
  });

  it.each([
    ['a missing title', newDocument({ title: undefined }), 'title'],
    ['an empty title', newDocument({ title: '' }), 'title'],
    ['a title of spaces only', newDocument({ title: '    ' }), 'title'],
    ['a title over 200 characters', newDocument({ title: 'T'.repeat(201) }), 'title'],
    ['a title that is not a string', newDocument({ title: 42 }), 'title'],
    ['an unknown kind', newDocument({ kind: 'treaty' }), 'kind'],
    ['a missing kind', newDocument({ kind: undefined }), 'kind'],
    ['an empty session', newDocument({ session: ' ' }), 'session'],
    ['a session over 100 characters', newDocument({ session: 'S'.repeat(101) }), 'session'],
    ['a JSON array', JSON.stringify([JSON.parse(newDocument())]), ''],
    ['JSON null', 'null', ''],
    ['a body that is not JSON', 'title=Draft', ''],
    ['an empty body', '', ''],
  ])('POST /api/documents with %s answers 400 invalid_request', async (_name, body, issuePath) => {
    const countBefore = (await (await getDocuments(server, secretariat)).json()) as { documents: DocumentMeta[] };
    const error = await expectErrorBody(await postDocument(server, secretariat, body), 400, 'invalid_request');
    expect(error.error.issues?.map((issue) => issue.path)).toContain(issuePath);
    // Nothing was created.
    const countAfter = (await (await getDocuments(server, secretariat)).json()) as { documents: DocumentMeta[] };
    expect(countAfter.documents.length).toBe(countBefore.documents.length);
  });

  it('POST /api/documents with a body over 64 KiB answers 413 payload_too_large', async () => {
    await expectErrorBody(await postDocument(server, secretariat, newDocument({ title: 'x'.repeat(64 * 1024) })), 413, 'payload_too_large');
  });

  it('a chunked body over 64 KiB without Content-Length also answers 413', async () => {
    const { status, body } = await postChunked(server.url, secretariat.headers, 256 * 1024);
    expect(status).toBe(413);
    expect((JSON.parse(body) as ErrorBody).error.code).toBe('payload_too_large');
  });

  it('GET /api/documents lists the created documents', async () => {
    const first = (await (await postDocument(server, secretariat, newDocument({ title: 'Listed one' }))).json()) as DocumentMeta;
    const second = (await (await postDocument(server, secretariat, newDocument({ title: 'Listed two' }))).json()) as DocumentMeta;
    const response = await getDocuments(server, secretariat);
    expect(response.status).toBe(200);
    const { documents } = (await response.json()) as { documents: DocumentMeta[] };
    expect(documents).toEqual(expect.arrayContaining([first, second]));
    // Oldest first.
    const createdAt = documents.map((document) => Date.parse(document.createdAt));
    expect(createdAt).toEqual([...createdAt].sort((earlier, later) => earlier - later));
  });

  it('GET /api/documents/:id answers 200 with the document, 404 not_found otherwise', async () => {
    const created = (await (await postDocument(server, secretariat, newDocument({ title: 'Fetched by id' }))).json()) as DocumentMeta;
    const response = await getDocuments(server, secretariat, `/${created.id}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(created);

    await expectErrorBody(await getDocuments(server, secretariat, '/no-such-document'), 404, 'not_found');
    // Ids the schema refuses (too long, forbidden characters) are just as unknown.
    await expectErrorBody(await getDocuments(server, secretariat, `/${'a'.repeat(65)}`), 404, 'not_found');
    await expectErrorBody(await getDocuments(server, secretariat, '/bad%20id'), 404, 'not_found');
  });

  it('GET / shows a signed-in member a page listing the documents, with their titles escaped', async () => {
    const title = 'Draft <script>alert("x")</script> & options';
    const id = await server.createDocument(title);
    const response = await fetch(`${server.url}/`, { headers: { cookie: secretariat.cookie } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const page = await response.text();
    expect(page).toContain(`/collab/${id}`);
    expect(page).toContain('Draft &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; options');
    expect(page).not.toContain('<script>');
  });

  it('an unknown route answers 404 with the JSON error body', async () => {
    await expectErrorBody(await fetch(`${server.url}/no/such/route`), 404, 'not_found');
    await expectErrorBody(await fetch(`${server.url}/api/unknown`), 404, 'not_found');
    await expectErrorBody(await fetch(`${server.url}/healthz`, { method: 'DELETE' }), 404, 'not_found');
  });

  it('GET /metrics exposes the Concord metrics in the Prometheus text format', async () => {
    const response = await fetch(`${server.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const metrics = await response.text();
    for (const [name, type] of [
      ['concord_connections', 'gauge'],
      ['concord_documents_loaded', 'gauge'],
      ['concord_updates_in_total', 'counter'],
      ['concord_updates_out_total', 'counter'],
      ['concord_store_append_seconds', 'histogram'],
      ['concord_refused_messages_total', 'counter'],
    ] as const) {
      expect(metrics).toContain(`# TYPE ${name} ${type}\n`);
    }
  });

  it('the metrics follow what websocket clients do', async () => {
    const documentId = await server.createDocument('Metrics');
    const before = await readMetrics(server);
    const updatesInBefore = sampleValue(before, 'concord_updates_in_total') ?? Number.NaN;
    const updatesOutBefore = sampleValue(before, 'concord_updates_out_total') ?? Number.NaN;
    const appendsBefore = sampleValue(before, 'concord_store_append_seconds_count') ?? Number.NaN;
    const connectionsBefore = sampleValue(before, 'concord_connections') ?? Number.NaN;
    const loadedBefore = sampleValue(before, 'concord_documents_loaded') ?? Number.NaN;

    const writer = new RawClient(server.url, documentId);
    const reader = new RawClient(server.url, documentId);
    await Promise.all([writer.whenSynced(), reader.whenSynced()]);
    draftText(writer.doc).insert(0, 'Article I');
    draftText(writer.doc).insert(9, '. Each Party');
    await writer.whenStored();
    await reader.waitFor(() => reader.text === 'Article I. Each Party', 10_000, 'the reader to receive both edits');

    const during = await readMetrics(server);
    expect(sampleValue(during, 'concord_updates_in_total')).toBe(updatesInBefore + 2);
    expect(sampleValue(during, 'concord_updates_out_total')).toBe(updatesOutBefore + 2);
    expect(sampleValue(during, 'concord_store_append_seconds_count')).toBe(appendsBefore + 2);
    expect(sampleValue(during, 'concord_connections')).toBe(connectionsBefore + 2);
    expect(sampleValue(during, 'concord_documents_loaded')).toBe(loadedBefore + 1);

    // A frame that is no y-websocket message is refused and counted by its reason.
    const refusedBefore = sampleValue(during, 'concord_refused_messages_total{reason="malformed"}') ?? 0;
    writer.send(new Uint8Array([42]));
    expect((await writer.closed).code).toBe(4400);
    reader.destroy();
    // Both sockets closing unloads the document.
    const after = await pollUntil(() => readMetrics(server), (metrics) => sampleValue(metrics, 'concord_documents_loaded') === loadedBefore, 'the document to unload');
    expect(sampleValue(after, 'concord_refused_messages_total{reason="malformed"}')).toBe(refusedBefore + 1);
    expect(sampleValue(after, 'concord_connections')).toBe(connectionsBefore);
    writer.destroy();
  });
});

describe('HTTP API when the SQLite store fails', () => {
  let server: TestServer;
  let secretariat: SignedInAs;
  beforeAll(async () => {
    server = await startTestServer({ CLIENT_DIR: 'off' });
    secretariat = await server.asRole('secretariat');
  });
  afterAll(async () => {
    await server.stop();
  });

  it('stays live, reports not ready, and answers 500 internal_error without details', async () => {
    await server.createDocument('Before the failure');
    await server.store.close();

    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const readiness = await fetch(`${server.url}/readyz`);
    expect(readiness.status).toBe(503);
    expect(await readiness.json()).toEqual({ status: 'unavailable', store: 'sqlite' });

    const failed = await getDocuments(server, secretariat);
    // The security headers and no-store survive an error thrown deep in a route.
    expect(failed.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(failed.headers.get('cache-control')).toBe('no-store');
    const body = await expectErrorBody(failed, 500, 'internal_error');
    expect(body.error.message).not.toMatch(/sqlite|database|closed/i);
    await expectErrorBody(await postDocument(server, secretariat, newDocument({ title: 'After the failure' })), 500, 'internal_error');
  });
});

describe('HTTP API on a Redis server whose Redis stops', () => {
  let redis: RedisServer;
  let server: TestServer;
  beforeAll(async () => {
    redis = await startRedisServer();
    server = await startTestServer({ REDIS_URL: redis.url });
  });
  afterAll(async () => {
    await server.stop();
    await redis.stop();
  });

  it('/readyz answers 503 while Redis is down and 200 once it is back; /healthz stays 200', async () => {
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', store: 'redis' });

    await redis.stop();
    // RedisStore.ping gives up after 3 s at most, so a few polls reach the 503.
    const unavailable = await pollUntil(() => fetch(`${server.url}/readyz`), (response) => response.status === 503, '/readyz to answer 503');
    expect(await unavailable.json()).toEqual({ status: 'unavailable', store: 'redis' });
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });

    // Same port and data directory: the store reconnects on its own.
    redis = await startRedisServer({ port: redis.port, directory: redis.directory });
    const recovered = await pollUntil(() => fetch(`${server.url}/readyz`), (response) => response.status === 200, '/readyz to answer 200 again');
    expect(await recovered.json()).toEqual({ status: 'ready', store: 'redis' });
  });
});

describe('GET /metrics with METRICS_TOKEN', () => {
  const token = 'scraper-secret-0123456789abcdef';
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ METRICS_TOKEN: token });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('answers only the scraper holding the token, and says what is missing to the others', async () => {
    const missing = await expectErrorBody(await fetch(`${server.url}/metrics`), 401, 'unauthenticated');
    expect(missing.error.message).toContain('Bearer <METRICS_TOKEN>');
    const wrong = await fetch(`${server.url}/metrics`, { headers: { authorization: 'Bearer scraper-secret-0123456789abcdeX' } });
    expect(wrong.headers.get('www-authenticate')).toContain('invalid_token');
    await expectErrorBody(wrong, 401, 'unauthenticated');
    await expectErrorBody(await fetch(`${server.url}/metrics`, { headers: { authorization: `Basic ${token}` } }), 400, 'invalid_request');
    // A signed-in session is not a scraper: the token is the only key.
    const chair = await server.asRole('chair');
    await expectErrorBody(await fetch(`${server.url}/metrics`, { headers: { cookie: chair.cookie } }), 401, 'unauthenticated');

    const allowed = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
    expect(allowed.status).toBe(200);
    expect(await allowed.text()).toContain('# TYPE concord_connections gauge');
  });
});

