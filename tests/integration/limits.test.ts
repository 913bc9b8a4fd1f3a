/**
 * The server's limits, each with a small value passed to a real server: message size, message
 * rate, slow readers, heartbeats, connections per document and the upgrade path. Every limit must
 * stop the one client that breaks it, leave the others alone, and show in the refusal metric.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setTimeout as delay } from 'node:timers/promises';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { CloseCode, RefusalReason } from '@concord/shared';
import { websocketHeaders } from '../utils/credentials.ts';
import { draftText } from '../utils/draft.ts';
import { RawClient, type CloseEvent } from '../utils/RawClient.ts';
import { redisUrlForTests } from '../utils/redisServer.ts';
import { startTestServer, type TestServer } from '../utils/startTestServer.ts';
import { queryAwarenessFrame, updateFrame } from '../utils/maliciousFrames.ts';

const collaborationUrl = (server: TestServer, path: string): string => `${server.url.replace(/^http/, 'ws')}${path}`;

/** concord_refused_messages_total by reason. */
async function refusalCounts(server: TestServer): Promise<Map<string, number>> {
  const metrics = await (await fetch(`${server.url}/metrics`)).text();
  const counts = new Map<string, number>();
  for (const match of metrics.matchAll(/^concord_refused_messages_total\{reason="([^"]+)"\} (\d+)$/gm)) counts.set(match[1]!, Number(match[2]));
  return counts;
}

const totalOf = (counts: Map<string, number>): number => [...counts.values()].reduce((sum, count) => sum + count, 0);

async function gauge(server: TestServer, name: string): Promise<number> {
  const metrics = await (await fetch(`${server.url}/metrics`)).text();
  const line = metrics.split('\n').find((candidate) => candidate.startsWith(`${name} `));
  if (line === undefined) throw new Error(`no ${name} in /metrics`);
  return Number(line.split(' ')[1]);
}

/** How the server answers an upgrade of its signed-in account to `path`: the HTTP status of a refusal, or 'open'. */
function upgradeOutcome(server: TestServer, path: string): Promise<number | 'open'> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(collaborationUrl(server, path), { headers: websocketHeaders(server.url) });
    socket.once('open', () => {
      socket.terminate();
      resolve('open');
    });
    socket.once('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      socket.terminate();
    });
    socket.once('error', (error) => {
      if (socket.readyState !== WebSocket.CLOSED) reject(error);
    });
  });
}

/** A writer and an observer synced on a short text. */
async function openEditedRoom(server: TestServer): Promise<{ documentId: string; writer: RawClient; observer: RawClient }> {
  const documentId = await server.createDocument();
  const writer = new RawClient(server.url, documentId);
  const observer = new RawClient(server.url, documentId);
  await Promise.all([writer.whenSynced(), observer.whenSynced()]);
  draftText(writer.doc).insert(0, 'Preamble. ');
  await writer.whenStored();
  await observer.waitFor(() => observer.text === writer.text, 10_000, 'the observer to see the first edit');
  return { documentId, writer, observer };
}

async function freshText(server: TestServer, documentId: string): Promise<{ text: string; stateVector: Uint8Array }> {
  const fresh = new RawClient(server.url, documentId);
  try {
    await fresh.whenSynced();
    return { text: fresh.text, stateVector: Y.encodeStateVector(fresh.doc) };
  } finally {
    fresh.destroy();
  }
}

/** An update inserting `length` characters at the start of `base`'s paragraph, under a clientID of its own. */
function insertUpdate(base: Y.Doc, length: number): Uint8Array {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
  const before = Y.encodeStateVector(doc);
  draftText(doc).insert(0, 'z'.repeat(length));
  const update = Y.encodeStateAsUpdate(doc, before);
  doc.destroy();
  return update;
}

describe('MAX_MESSAGE_BYTES', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ MAX_MESSAGE_BYTES: 16_384 });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('closes the sender of a larger frame with 1009, leaves the document unchanged, and counts a too-large refusal', async () => {
    const { documentId, writer, observer } = await openEditedRoom(server);
    const before = await freshText(server, documentId);
    const refusedBefore = await refusalCounts(server);

    const attacker = new RawClient(server.url, documentId);
    await attacker.whenSynced();
    // A well-formed edit of the paragraph: only its size is wrong.
    const oversized = updateFrame(insertUpdate(attacker.doc, 20_000));
    expect(oversized.byteLength).toBeGreaterThan(16_384);
    attacker.send(oversized);
    expect((await attacker.closed).code).toBe(CloseCode.messageTooBig);

    expect(await freshText(server, documentId)).toEqual(before);
    expect(observer.text).toBe(before.text);
    const refusedAfter = await refusalCounts(server);
    expect((refusedAfter.get(RefusalReason.tooLarge) ?? 0) - (refusedBefore.get(RefusalReason.tooLarge) ?? 0)).toBe(1);

    // Control: the same kind of update just under the limit goes through.
    const fitting = new RawClient(server.url, documentId);
    await fitting.whenSynced();
    fitting.sendUpdate(insertUpdate(fitting.doc, 15_000));
    await fitting.whenStored();
    await observer.waitFor(() => observer.text.length === before.text.length + 15_000, 10_000, 'the fitting update');
    // The writer types after the fitting text has reached it, so that "Article 1. " lands before it, at the start.
    await writer.waitFor(() => writer.text.length === before.text.length + 15_000, 10_000, 'the fitting update to reach the writer');
    draftText(writer.doc).insert(0, 'Article 1. ');
    await observer.waitFor(() => observer.text.startsWith('Article 1. '), 10_000, 'the writer\'s next edit');
    for (const client of [attacker, fitting, writer, observer]) client.destroy();
  });
});

describe('MAX_MESSAGES_PER_SECOND', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ MAX_MESSAGES_PER_SECOND: 20 });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('closes a client that sends a burst over the rate with rateLimited, while a client under the rate keeps editing', async () => {
    const { documentId, writer, observer } = await openEditedRoom(server);
    const flooder = new RawClient(server.url, documentId);
    await flooder.whenSynced();
    for (let index = 0; index < 100; index++) flooder.send(queryAwarenessFrame());
    expect(await flooder.closed).toEqual({ code: CloseCode.rateLimited, reason: 'too many messages' });

    // Ten edits a second, half the limit: never refused.
    for (let index = 0; index < 15; index++) {
      draftText(writer.doc).insert(0, `${index} `);
      await delay(100);
    }
    await writer.whenStored();
    await observer.waitFor(() => observer.text === writer.text, 10_000, 'the paced edits');
    expect(writer.socket.readyState).toBe(WebSocket.OPEN);
    for (const client of [flooder, writer, observer]) client.destroy();
  });

  it('counts the rate-limited refusal in concord_refused_messages_total', async () => {
    const { documentId, writer, observer } = await openEditedRoom(server);
    const refusedBefore = totalOf(await refusalCounts(server));
    const flooder = new RawClient(server.url, documentId);
    await flooder.whenSynced();
    for (let index = 0; index < 100; index++) flooder.send(queryAwarenessFrame());
    expect((await flooder.closed).code).toBe(CloseCode.rateLimited);
    expect(totalOf(await refusalCounts(server)) - refusedBefore).toBeGreaterThanOrEqual(1);
    for (const client of [flooder, writer, observer]) client.destroy();
  });
});

describe('MAX_SEND_BUFFER_BYTES', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ MAX_SEND_BUFFER_BYTES: 65_536, MAX_MESSAGE_BYTES: 65_536, MAX_MESSAGES_PER_SECOND: 5_000 });
  });
  afterAll(async () => {
    await server.stop();
  });

  /** Writes `totalBytes` in 32 KB inserts, each stored and seen by the observer before the next. */
  async function writeLargeUpdates(writer: RawClient, observer: RawClient, totalBytes: number): Promise<void> {
    const chunk = 'y'.repeat(32 * 1024);
    for (let written = 0; written < totalBytes; written += chunk.length) {
      draftText(writer.doc).insert(0, chunk);
      await writer.whenStored();
      await observer.waitFor(() => observer.text.length === writer.text.length, 10_000, 'the observer to keep up');
    }
  }

  /** A reader that stops reading while 12 MB are written; resolves with how the server closed it. */
  async function closeOfAStalledReader(documentId: string, writer: RawClient, observer: RawClient): Promise<{ closed: CloseEvent; received: number }> {
    const slow = new RawClient(server.url, documentId);
    await slow.whenSynced();
    slow.socket.pause();
    // Past the kernel's socket buffers (a few MB on loopback) the server's own buffer fills.
    await writeLargeUpdates(writer, observer, 12 * 1024 * 1024);
    // Read again soon: the server drops a reader that ignores the closing handshake after a few seconds.
    slow.socket.resume();
    const closed = await slow.closed;
    slow.destroy();
    return { closed, received: slow.text.length };
  }

  it('closes a client that stops reading with slowReader once its buffer is full, and the others keep up', async () => {
    const { documentId, writer, observer } = await openEditedRoom(server);
    const { closed, received } = await closeOfAStalledReader(documentId, writer, observer);
    expect(closed).toEqual({ code: CloseCode.slowReader, reason: 'send buffer full' });
    expect(received).toBeLessThan(writer.text.length);

    draftText(writer.doc).insert(0, 'Article 2. ');
    await observer.waitFor(() => observer.text === writer.text, 10_000, 'the writer\'s next edit');
    expect(writer.socket.readyState).toBe(WebSocket.OPEN);
    expect(observer.socket.readyState).toBe(WebSocket.OPEN);
    writer.destroy();
    observer.destroy();
  });

  it('counts the slow-reader refusal in concord_refused_messages_total', async () => {
    const { documentId, writer, observer } = await openEditedRoom(server);
    const refusedBefore = totalOf(await refusalCounts(server));
    const { closed } = await closeOfAStalledReader(documentId, writer, observer);
    expect(closed.code).toBe(CloseCode.slowReader);
    expect(totalOf(await refusalCounts(server)) - refusedBefore).toBeGreaterThanOrEqual(1);
    writer.destroy();
    observer.destroy();
  });

  it('lets a prompt reader join a document whose state is larger than the send buffer', async () => {
    const { documentId, writer, observer } = await openEditedRoom(server);
    await writeLargeUpdates(writer, observer, 128 * 1024);
    const late = new RawClient(server.url, documentId);
    const outcome = await Promise.race([late.whenSynced().then(() => 'synced'), late.closed.then(({ code, reason }) => `closed with ${code} ${reason}`)]);
    expect(outcome).toBe('synced');
    expect(late.text).toBe(writer.text);
    for (const client of [late, writer, observer]) client.destroy();
  });
});

describe('HEARTBEAT_INTERVAL_MS', () => {
  const heartbeatMs = 300;
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ HEARTBEAT_INTERVAL_MS: heartbeatMs });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('drops a client that does not answer pings, keeps one that does, and counts a heartbeat-timeout refusal', async () => {
    const { documentId, writer, observer } = await openEditedRoom(server);
    const refusedBefore = await refusalCounts(server);
    const silent = new WebSocket(collaborationUrl(server, `/collab/${documentId}`), { autoPong: false, headers: websocketHeaders(server.url) });
    const silentClosed = new Promise<CloseEvent>((resolve) => silent.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
    silent.on('error', () => {});
    await new Promise((resolve) => silent.once('open', resolve));
    const opened = performance.now();
    const { code } = await silentClosed;
    console.log(`a client that never pongs was dropped after ${Math.round(performance.now() - opened)} ms (heartbeat ${heartbeatMs} ms)`);
    // Terminated without a closing handshake (1006), or told why (heartbeatTimeout).
    expect([1006, CloseCode.heartbeatTimeout]).toContain(code);

    await delay(heartbeatMs * 5);
    expect(writer.socket.readyState).toBe(WebSocket.OPEN);
    expect(observer.socket.readyState).toBe(WebSocket.OPEN);
    draftText(writer.doc).insert(0, 'Article 3. ');
    await observer.waitFor(() => observer.text === writer.text, 10_000, 'the writer\'s next edit');
    const refusedAfter = await refusalCounts(server);
    expect((refusedAfter.get('heartbeat-timeout') ?? 0) - (refusedBefore.get('heartbeat-timeout') ?? 0)).toBeGreaterThanOrEqual(1);
    writer.destroy();
    observer.destroy();
  });
});

describe('MAX_CONNECTIONS_PER_DOCUMENT', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ MAX_CONNECTIONS_PER_DOCUMENT: 3 });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('refuses the fourth upgrade with HTTP 503 while three are connected, per document, until one leaves', async () => {
    const documentId = await server.createDocument();
    const clients = [0, 1, 2].map(() => new RawClient(server.url, documentId));
    await Promise.all(clients.map((client) => client.whenSynced()));
    const path = `/collab/${documentId}`;
    expect(await upgradeOutcome(server, path)).toBe(503);
    expect(await upgradeOutcome(server, path)).toBe(503);

    // The limit is per document.
    const otherDocument = await server.createDocument();
    expect(await upgradeOutcome(server, `/collab/${otherDocument}`)).toBe('open');

    // The three connected clients are untouched by the refusals.
    draftText(clients[0]!.doc).insert(0, 'still here');
    await clients[2]!.waitFor(() => clients[2]!.text === 'still here', 10_000, 'an edit between the connected clients');

    // The server frees the place when it sees the socket close, which may come just after the client does.
    await clients[1]!.close();
    let outcome = await upgradeOutcome(server, path);
    for (let attempt = 0; attempt < 100 && outcome !== 'open'; attempt++) {
      await delay(50);
      outcome = await upgradeOutcome(server, path);
    }
    expect(outcome).toBe('open');
    for (const client of clients) client.destroy();
  });

  /** Opens `count` websockets at once, as the server's signed-in account; how many the server let in. */
  async function openedInBurst(server: TestServer, path: string, count: number): Promise<number> {
    const sockets = Array.from({ length: count }, () => new WebSocket(collaborationUrl(server, path), { headers: websocketHeaders(server.url) }));
    const outcomes = await Promise.all(
      sockets.map(
        (socket) =>
          new Promise<number | 'open'>((resolve) => {
            socket.once('open', () => resolve('open'));
            socket.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
            socket.on('error', () => {});
          }),
      ),
    );
    for (const socket of sockets) socket.terminate();
    expect(outcomes.filter((outcome) => outcome !== 'open' && outcome !== 503)).toEqual([]);
    return outcomes.filter((outcome) => outcome === 'open').length;
  }

  it('refuses a burst of simultaneous upgrades beyond the limit with HTTP 503 (Redis store)', async () => {
    const redis = await redisUrlForTests();
    const redisServer = await startTestServer({ MAX_CONNECTIONS_PER_DOCUMENT: 3, REDIS_URL: redis.url });
    try {
      // The race needs the upgrades' store reads to finish together, so it takes several tries to show.
      const admitted: string[] = [];
      for (let round = 0; round < 10; round++) {
        const documentId = await redisServer.createDocument();
        // Even rounds: the document is not loaded yet. Odd rounds: one client holds it open.
        const holder = round % 2 === 1 ? new RawClient(redisServer.url, documentId) : null;
        await holder?.whenSynced();
        admitted.push(`${(await openedInBurst(redisServer, `/collab/${documentId}`, 10)) + (holder ? 1 : 0)}`);
        holder?.destroy();
      }
      expect(admitted.join(' '), 'connections admitted per document, one burst of 10 each').toBe(Array.from({ length: 10 }, () => '3').join(' '));
    } finally {
      await redisServer.stop();
      await redis.stop();
    }
  });
});

describe('upgrade paths', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  it('answers an upgrade for an unknown document or any other path with HTTP 404 and opens no websocket', async () => {
    const connectionsBefore = await gauge(server, 'concord_connections');
    const paths = [
      '/collab/no-such-document',
      '/collab/' + 'a'.repeat(65), // longer than a document id may be
      '/collab/bad.id',
      '/collab/%2e%2e',
      '/collab',
      '/collab/',
      `/collab/${await server.createDocument()}/extra`,
      '/documents/abc',
      '/',
    ];
    // Signed in: the refusal is about the path, not the session.
    for (const path of paths) expect(await upgradeOutcome(server, path), path).toBe(404);
    expect(await gauge(server, 'concord_connections')).toBe(connectionsBefore);
  });
});
