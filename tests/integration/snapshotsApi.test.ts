/**
 * Issue 6 against the real server: who may freeze a document, what a snapshot holds, that it and its exports never
 * change afterwards, that every format downloads, and that an exported file verifies against its signature (and a
 * tampered one does not), through the API and the `concord verify` command.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { exportFormatSchema, type Comparison, type ExportSignature, type Snapshot, type SnapshotSummary } from '@concord/shared';
import { runConcordCli } from '../../server/src/cli/runConcordCli.ts';
import { readPublicKey } from '../../server/src/snapshots/SnapshotSigner.ts';
import { verifyExport } from '../../server/src/snapshots/verifyExport.ts';
import { json, send } from '../utils/apiRequest.ts';
import { websocketHeaders } from '../utils/credentials.ts';
import { draftText } from '../utils/draft.ts';
import { expectErrorBody } from '../utils/expectErrorBody.ts';
import { RawClient } from '../utils/RawClient.ts';
import { startRedisServer, type RedisServer } from '../utils/redisServer.ts';
import { startTestServer, type SignedInAs, type TestServer } from '../utils/startTestServer.ts';

const hostile = '<script>alert("x")</script> & ]]> <w:p/>';

/** Writes the first paragraph as `who` and, when `agreed`, has the chair agree it (over the websocket, as the editor does). */
async function draft(server: TestServer, documentId: string, who: SignedInAs, text: string): Promise<RawClient> {
  const client = new RawClient(server.url, documentId, { headers: websocketHeaders(server.url, who) });
  await client.opened;
  await client.whenSynced();
  client.doc.transact(() => draftText(client.doc).insert(0, text));
  await client.whenStored();
  return client;
}

async function agreeFirstParagraph(client: RawClient): Promise<void> {
  const first = client.doc.getXmlFragment('default').get(0) as Y.XmlElement;
  client.doc.transact(() => first.setAttribute('status', 'agreed'));
  await client.whenStored();
}

async function take(server: TestServer, who: SignedInAs, documentId: string, name: string): Promise<SnapshotSummary> {
  return json<SnapshotSummary>(await send(server, 'POST', `/api/documents/${documentId}/snapshots`, who.headers, { name }), 201);
}

async function download(server: TestServer, who: SignedInAs, path: string): Promise<{ bytes: Buffer; response: Response }> {
  const response = await send(server, 'GET', path, who.headers);
  expect(response.status, await response.clone().text().then((text) => text.slice(0, 200))).toBe(200);
  return { bytes: Buffer.from(await response.arrayBuffer()), response };
}

describe('snapshots and exports (SQLite)', () => {
  let server: TestServer;
  let chair: SignedInAs;
  let egypt: SignedInAs;
  let workDirectory: string;
  beforeAll(async () => {
    server = await startTestServer();
    chair = await server.asRole('chair');
    egypt = await server.asRole('delegate', { kind: 'delegation', delegationCode: 'EGY' });
    workDirectory = mkdtempSync(path.join(tmpdir(), 'concord-verify-'));
  });
  afterAll(async () => {
    await server.stop();
    rmSync(workDirectory, { recursive: true, force: true });
  });

  it('lets chairs and the secretariat freeze a document, numbering each snapshot, and refuses delegates and observers', async () => {
    const documentId = await server.createDocument('Numbering');
    const secretariat = await server.asRole('secretariat');
    const observer = await server.asRole('observer');
    expect((await take(server, chair, documentId, 'First reading')).number).toBe(1);
    expect((await take(server, secretariat, documentId, 'Second reading')).number).toBe(2);
    await expectErrorBody(await send(server, 'POST', `/api/documents/${documentId}/snapshots`, egypt.headers, { name: 'Mine' }), 403, 'forbidden');
    await expectErrorBody(await send(server, 'POST', `/api/documents/${documentId}/snapshots`, observer.headers, { name: 'Mine' }), 403, 'forbidden');
    await expectErrorBody(await send(server, 'POST', `/api/documents/${documentId}/snapshots`, chair.headers, { name: '' }), 400, 'invalid_request');
    await expectErrorBody(await send(server, 'POST', '/api/documents/no-such-document/snapshots', chair.headers, { name: 'x' }), 404, 'not_found');
    const { snapshots } = await json<{ snapshots: SnapshotSummary[] }>(await send(server, 'GET', `/api/documents/${documentId}/snapshots`, egypt.headers), 200);
    expect(snapshots.map((snapshot) => [snapshot.number, snapshot.name, snapshot.createdBy.userId])).toEqual([
      [1, 'First reading', chair.user.id],
      [2, 'Second reading', secretariat.user.id],
    ]);
    const audited = await server.audit.query({ documentId, limit: 50 });
    expect(audited.filter((entry) => entry.type === 'snapshot-created')).toHaveLength(2);
  });

  it('freezes the stored text with its status and attribution; later edits change neither it nor its exports', async () => {
    const documentId = await server.createDocument('Immutability');
    const client = await draft(server, documentId, egypt, `Recalling the declarations ${hostile}`);
    const chairClient = new RawClient(server.url, documentId, { headers: websocketHeaders(server.url, chair) });
    await chairClient.opened;
    await chairClient.whenSynced();
    await agreeFirstParagraph(chairClient);
    const summary = await take(server, chair, documentId, 'Agreed at the first meeting');
    const snapshot = await json<Snapshot & { verified: boolean }>(await send(server, 'GET', `/api/snapshots/${summary.id}`, egypt.headers), 200);
    expect(snapshot.verified).toBe(true);
    expect(snapshot.content.blocks[0]).toMatchObject({ status: 'agreed', attribution: { originator: expect.any(String), contributors: expect.arrayContaining(['EGY']) } });
    expect(snapshot.content.blocks[0]!.runs.map((run) => run.text).join('')).toContain(hostile);

    const exportPath = `/api/snapshots/${summary.id}/export?format=markdown&mode=agreed`;
    const before = (await download(server, egypt, exportPath)).bytes;
    // The first paragraph is agreed now (locked): the text changes in a new one.
    client.doc.transact(() => {
      const added = new Y.XmlElement('paragraph');
      for (const [name, value] of Object.entries({ id: 'para-later-1', status: 'draft', role: 'operative' })) added.setAttribute(name, value);
      added.insert(0, [new Y.XmlText('Changed later')]);
      client.doc.getXmlFragment('default').push([added]);
    });
    await client.whenStored();
    const after = await json<Snapshot>(await send(server, 'GET', `/api/snapshots/${summary.id}`, egypt.headers), 200);
    expect(after.sha256).toBe(snapshot.sha256);
    expect(after.content).toEqual(snapshot.content);
    expect((await download(server, egypt, exportPath)).bytes.equals(before)).toBe(true);
    const content = await json<Snapshot['content']>(await send(server, 'GET', `/api/documents/${documentId}/content`, egypt.headers), 200);
    expect(content.blocks.map((block) => block.runs.map((run) => run.text).join(''))).toContain('Changed later');
    const live = await download(server, egypt, `/api/documents/${documentId}/export?format=markdown&mode=compilation`);
    expect(live.response.headers.get('x-concord-draft')).toBe('true');
    expect(live.bytes.toString('utf8')).toContain('Changed later');
    expect(live.bytes.toString('utf8')).toContain('DRAFT');

    const comparison = await json<Comparison>(await send(server, 'GET', `/api/snapshots/${summary.id}/compare?with=live`, egypt.headers), 200);
    expect(comparison.summary.counts.added).toBe(1);
    expect(comparison.entries.find((entry) => entry.kind === 'added')?.words.map((word) => word.text).join('')).toContain('Changed later');
    const second = await take(server, chair, documentId, 'After the change');
    const redline = await download(server, egypt, `/api/snapshots/${summary.id}/compare?with=${second.id}&format=html&language=fr`);
    expect(redline.response.headers.get('content-disposition')).toMatch(/_redline_snapshots_fr\.html"$/);
    expect(redline.bytes.toString('utf8')).toContain('Changed later');
    expect(redline.bytes.toString('utf8')).not.toContain('<script>alert');
    const docx = await download(server, egypt, `/api/snapshots/${summary.id}/compare?with=live&format=docx`);
    expect(docx.bytes.subarray(0, 2).toString()).toBe('PK');
    const otherDocument = await take(server, chair, await server.createDocument('Another document'), 'Elsewhere');
    await expectErrorBody(await send(server, 'GET', `/api/snapshots/${summary.id}/compare?with=${otherDocument.id}`, egypt.headers), 404, 'not_found');
    await expectErrorBody(await send(server, 'GET', `/api/snapshots/${summary.id}/compare?with=../etc`, egypt.headers), 400, 'invalid_request');
    client.close();
    chairClient.close();
  });

  it('downloads every format in both modes, each with a signature that verifies', async () => {
    const documentId = await server.createDocument('Every format');
    const client = await draft(server, documentId, egypt, `Calls upon the nuclear-weapon States ${hostile}`);
    client.close();
    const summary = await take(server, chair, documentId, 'Formats');
    const key = await json<{ publicKeyPem: string; keyId: string }>(await fetch(`${server.url}/api/snapshots/public-key`), 200);
    expect(summary.keyId).toBe(key.keyId);
    const magic: Record<string, (bytes: Buffer) => boolean> = {
      docx: (bytes) => bytes.subarray(0, 2).toString() === 'PK',
      pdf: (bytes) => bytes.subarray(0, 5).toString() === '%PDF-',
      html: (bytes) => bytes.toString('utf8').startsWith('<!DOCTYPE html>') && !bytes.toString('utf8').includes('<script>alert'),
      markdown: (bytes) => bytes.toString('utf8').startsWith('NPT/NSA/') && !bytes.toString('utf8').includes('<script>'),
      akn: (bytes) => bytes.toString('utf8').startsWith('<?xml') && !bytes.toString('utf8').includes('<w:p/>'),
      json: (bytes) => (JSON.parse(bytes.toString('utf8')) as { draft: boolean }).draft === false,
    };
    for (const format of exportFormatSchema.options) {
      for (const mode of ['agreed', 'compilation'] as const) {
        const query = `format=${format}&mode=${mode}&language=fr`;
        const { bytes, response } = await download(server, egypt, `/api/snapshots/${summary.id}/export?${query}`);
        expect(magic[format]!(bytes), `${format} ${mode}`).toBe(true);
        expect(response.headers.get('content-disposition')).toMatch(new RegExp(`attachment; filename="NPT-NSA-\\d{4}-MISC-1_${mode}_fr\\.`));
        const signature = await json<ExportSignature>(await send(server, 'GET', `/api/snapshots/${summary.id}/signature?${query}`, egypt.headers), 200);
        expect(verifyExport(bytes, JSON.stringify(signature), readPublicKey(key.publicKeyPem))).toMatchObject({ ok: true });
      }
    }
  });

  it('verifies a downloaded file with `concord verify`, and refuses a tampered one', async () => {
    const documentId = await server.createDocument('Verify');
    const summary = await take(server, chair, documentId, 'To verify');
    const query = 'format=html&mode=compilation&language=en';
    const file = path.join(workDirectory, 'export.html');
    const signatureFile = path.join(workDirectory, 'export.html.signature.json');
    const keyFile = path.join(workDirectory, 'public-key.pem');
    writeFileSync(file, (await download(server, egypt, `/api/snapshots/${summary.id}/export?${query}`)).bytes);
    writeFileSync(signatureFile, (await download(server, egypt, `/api/snapshots/${summary.id}/signature?${query}`)).bytes);
    writeFileSync(keyFile, (await json<{ publicKeyPem: string }>(await fetch(`${server.url}/api/snapshots/public-key`), 200)).publicKeyPem);
    const run = async (...args: string[]) => {
      const lines: string[] = [];
      const code = await runConcordCli(['verify', ...args], {}, { out: (line) => lines.push(line), err: (line) => lines.push(line) });
      return { code, output: lines.join('\n') };
    };
    expect(await run(file, signatureFile, '--public-key', keyFile)).toEqual({ code: 0, output: expect.stringContaining(`snapshot ${summary.id}`) });
    expect(await run(file, signatureFile, '--server', server.url)).toMatchObject({ code: 0 });
    writeFileSync(file, (await download(server, egypt, `/api/snapshots/${summary.id}/export?${query}`)).bytes.toString('utf8').replace('To verify', 'To verity'));
    expect(await run(file, signatureFile, '--public-key', keyFile)).toEqual({ code: 1, output: expect.stringContaining('NOT VERIFIED: the file is not the one signed') });
    expect(await run(file)).toMatchObject({ code: 2 });
  });

  it('answers bad requests clearly', async () => {
    const documentId = await server.createDocument('Bad requests');
    const summary = await take(server, chair, documentId, 'Bad');
    await expectErrorBody(await send(server, 'GET', `/api/snapshots/${summary.id}/export?format=exe`, egypt.headers), 400, 'invalid_request');
    await expectErrorBody(await send(server, 'GET', `/api/snapshots/${summary.id}/export?format=pdf&language=xx`, egypt.headers), 400, 'invalid_request');
    await expectErrorBody(await send(server, 'GET', '/api/snapshots/no-such-snapshot/export?format=pdf', egypt.headers), 404, 'not_found');
    await expectErrorBody(await send(server, 'GET', `/api/snapshots/${summary.id}/export?format=pdf`, { origin: server.url }), 401, 'unauthenticated');
  });
});

describe('a server without Chromium', () => {
  it('answers a PDF export 503 with what to install, and still serves the other formats', async () => {
    const server = await startTestServer({ CHROMIUM_PATH: '/nonexistent/chromium' });
    try {
      const chair = await server.asRole('chair');
      const documentId = await server.createDocument('No Chromium');
      const summary = await take(server, chair, documentId, 'No PDF');
      const refused = await expectErrorBody(await send(server, 'GET', `/api/snapshots/${summary.id}/export?format=pdf`, chair.headers), 503, 'export_unavailable');
      expect(refused.error.message).toContain('install Debian');
      expect((await download(server, chair, `/api/snapshots/${summary.id}/export?format=html`)).bytes.length).toBeGreaterThan(100);
    } finally {
      await server.stop();
    }
  });
});

describe('snapshots across two instances sharing Redis', () => {
  let redis: RedisServer;
  let one: TestServer;
  let two: TestServer;
  beforeAll(async () => {
    redis = await startRedisServer();
    [one, two] = await Promise.all([startTestServer({ REDIS_URL: redis.url }), startTestServer({ REDIS_URL: redis.url })]);
  });
  afterAll(async () => {
    await Promise.all([one?.stop(), two?.stop()]);
    await redis?.stop();
  });

  it('numbers concurrent snapshots without a gap or a repeat, never older text under a later number, signs them with one key, and serves the same export bytes', async () => {
    const chair = await one.asRole('chair');
    const documentId = await one.createDocument('Race');
    // A delegation keeps adding paragraphs while the snapshots are taken on both instances.
    const writer = await draft(one, documentId, await one.asRole('delegate', { kind: 'delegation', delegationCode: 'EGY' }), 'Opening words');
    let writing = true;
    const written = (async () => {
      for (let index = 0; writing; index += 1) {
        writer.doc.transact(() => {
          const added = new Y.XmlElement('paragraph');
          for (const [name, value] of Object.entries({ id: `para-race-${index}`, status: 'draft', role: 'operative' })) added.setAttribute(name, value);
          added.insert(0, [new Y.XmlText(`Paragraph ${index}`)]);
          writer.doc.getXmlFragment('default').push([added]);
        });
        await writer.whenStored();
      }
    })();
    const taken = await Promise.all(Array.from({ length: 12 }, (_, index) => take(index % 2 === 0 ? one : two, chair, documentId, `Race ${index}`)));
    writing = false;
    await written;
    writer.close();
    const byNumber = [...taken].sort((a, b) => a.number - b.number);
    expect(byNumber.map((snapshot) => snapshot.number)).toEqual(Array.from({ length: 12 }, (_, index) => index + 1));
    expect(byNumber.map((snapshot) => snapshot.paragraphs)).toEqual([...byNumber.map((snapshot) => snapshot.paragraphs)].sort((a, b) => a - b));
    expect(new Set(taken.map((snapshot) => snapshot.keyId)).size).toBe(1);
    const exportPath = `/api/snapshots/${taken[0]!.id}/export?format=docx&mode=compilation`;
    const fromOne = (await download(one, chair, exportPath)).bytes;
    expect((await download(two, chair, exportPath)).bytes.equals(fromOne)).toBe(true);
  });
});
