import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '@concord/shared';
import type { LoadedDocument } from '@concord/server';
import { readDocumentText } from '../utils/cluster.ts';
import { websocketHeaders } from '../utils/credentials.ts';
import { documentText, draftText } from '../utils/draft.ts';
import { eventually } from '../utils/providers.ts';
import { RawClient } from '../utils/RawClient.ts';
import { startTestServer, type TestServer } from '../utils/startTestServer.ts';
import { trackClients } from '../utils/trackClients.ts';

const { cleanups, track } = trackClients();

async function startServer(overrides: Parameters<typeof startTestServer>[0] = {}): Promise<TestServer> {
  const server = await startTestServer(overrides);
  cleanups.push(() => server.stop());
  return server;
}

/** Open collaboration websockets, as the server counts them (concord_connections on /metrics). */
async function connectionCount(server: TestServer): Promise<number> {
  const metrics = await (await fetch(`${server.url}/metrics`)).text();
  const line = metrics.split('\n').find((candidate) => candidate.startsWith('concord_connections '));
  if (line === undefined) throw new Error('no concord_connections in /metrics');
  return Number(line.split(' ')[1]);
}

/** Waits until the server has seen every departure and arrival, so its room map is settled. */
async function waitForConnectionCount(server: TestServer, expected: number, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await connectionCount(server)) !== expected) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${expected} open connections`);
    await delay(20);
  }
}

/** Rejects when `promise` has not settled after `timeoutMs`, so a hang fails with a message. */
async function withDeadline<Value>(promise: Promise<Value>, timeoutMs: number, what: string): Promise<Value> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

function textOf(loaded: LoadedDocument): string {
  const doc = new Y.Doc();
  if (loaded.snapshot) Y.applyUpdate(doc, loaded.snapshot);
  for (const entry of loaded.updates) Y.applyUpdate(doc, entry.update);
  const text = documentText(doc);
  doc.destroy();
  return text;
}

function insertAtStart(client: RawClient, text: string): void {
  draftText(client.doc).insert(0, text);
}

/** Waits until `client` shows `text`, which it can only get from the room relaying another client's edit. */
function whenSeen(client: RawClient, text: string): Promise<void> {
  return client.waitFor(() => client.text.includes(text), 10_000, `"${text}" to reach the client`);
}

/** A browser's upgrade request, signed in as the server's remembered account, so only the document lookup remains to check. */
function upgradeRequest(server: TestServer, documentId: string): string {
  const { cookie, origin } = websocketHeaders(server.url);
  if (cookie === undefined) throw new Error(`no session remembered for ${server.url}`);
  return [
    `GET /collab/${documentId} HTTP/1.1`,
    `Host: ${new URL(server.url).host}`,
    `Origin: ${origin}`,
    `Cookie: ${cookie}`,
    'Upgrade: websocket',
    'Connection: Upgrade',
    'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
    'Sec-WebSocket-Version: 13',
    '',
    '',
  ].join('\r\n');
}

describe('room lifecycle', () => {
  it('a client that leaves while the room loads strands no one waiting for the same load, and the document keeps one room', async () => {
    const server = await startServer();
    const documentId = await server.createDocument('Loading race');
    const { store } = server;
    const load = store.loadDocument.bind(store);
    // Fault injection on the real store: a slow load (a Redis round trip, a big document) widens the race window.
    store.loadDocument = async (id: string) => {
      await delay(300);
      return load(id);
    };

    const leaving = track(new RawClient(server.url, documentId));
    await leaving.opened;
    const waiting = track(new RawClient(server.url, documentId));
    await waiting.opened;
    leaving.destroy(); // gone before the room has finished loading

    await waiting.whenSynced();
    insertAtStart(waiting, 'from waiting ');
    await waiting.whenStored();
    expect(textOf(await load(documentId))).toBe('from waiting ');
    const later = track(new RawClient(server.url, documentId));
    await later.whenSynced();
    expect(later.text).toBe('from waiting ');

    await waiting.close();
    await waitForConnectionCount(server, 1);
    // `later` still uses the document: its room must stay the one and only room.
    expect(server.collaboration.openDocumentCount).toBe(1);

    const last = track(new RawClient(server.url, documentId));
    await last.whenSynced();
    insertAtStart(later, 'from later ');
    await later.whenStored();
    insertAtStart(last, 'from last ');
    await last.whenStored();
    await whenSeen(later, 'from last ');
    await whenSeen(last, 'from later ');
    expect(server.collaboration.openDocumentCount).toBe(1);

    await later.close();
    await last.close();
    await eventually(() => server.collaboration.openDocumentCount === 0, 10_000, 'the room to unload');
    const fresh = await readDocumentText(server.url, documentId);
    for (const edit of ['from waiting ', 'from later ', 'from last ']) expect(fresh).toContain(edit);
    expect(fresh).toBe(last.text);
  });

  it('after a store failure resets the room, a slow-to-close old client leaving later does not unload the room the others reconnected to', async () => {
    const server = await startServer();
    const documentId = await server.createDocument('Reset');
    const { store } = server;
    const append = store.appendUpdate.bind(store);
    let failNextAppend = true;
    // Fault injection on the real store: one append fails (a store blip), which resets the room.
    store.appendUpdate = (...args: Parameters<typeof append>) => {
      if (!failNextAppend) return append(...args);
      failNextAppend = false;
      return Promise.reject(new Error('simulated store blip'));
    };

    const writer = track(new RawClient(server.url, documentId));
    const slow = track(new RawClient(server.url, documentId));
    await writer.whenSynced();
    await slow.whenSynced();
    // `slow` never reads the server's close frame: the server drops it only after its close timeout (5 s).
    (slow.socket as unknown as { _socket: Socket })._socket.pause();
    insertAtStart(writer, 'not stored ');
    expect((await writer.closed).code).toBe(CloseCode.tryAgainLater);
    expect(failNextAppend).toBe(false);

    const first = track(new RawClient(server.url, documentId));
    await first.whenSynced();
    // Only `first` is left once the server has given up on `slow`, the reset room's last client.
    await waitForConnectionCount(server, 1, 20_000);
    expect(server.collaboration.openDocumentCount).toBe(1);

    const second = track(new RawClient(server.url, documentId));
    await second.whenSynced();
    insertAtStart(first, 'from first ');
    await first.whenStored();
    insertAtStart(second, 'from second ');
    await second.whenStored();
    await whenSeen(first, 'from second ');
    await whenSeen(second, 'from first ');

    await first.close();
    await waitForConnectionCount(server, 1);
    await second.close();
    await eventually(() => server.collaboration.openDocumentCount === 0, 10_000, 'the room to unload');
    const fresh = await readDocumentText(server.url, documentId);
    expect(fresh).toContain('from first ');
    expect(fresh).toContain('from second ');
  });

  it('an upgrade the client aborts during the server checks does not use up a MAX_CONNECTIONS_PER_DOCUMENT slot', async () => {
    const server = await startServer({ MAX_CONNECTIONS_PER_DOCUMENT: 2 });
    const documentId = await server.createDocument('Aborted upgrades');
    const { store } = server;
    const getDocument = store.getDocument.bind(store);
    let lookupsStarted = 0;
    let lookupsAnswered = 0;
    // Fault injection on the real store: a slow lookup (a Redis round trip) while the server checks the upgrade.
    store.getDocument = async (id: string) => {
      lookupsStarted++;
      await delay(200);
      const meta = await getDocument(id);
      lookupsAnswered++;
      return meta;
    };

    for (let attempt = 1; attempt <= 2; attempt++) {
      const socket = connect(server.port, '127.0.0.1');
      cleanups.push(() => void socket.destroy());
      socket.on('error', () => undefined);
      await once(socket, 'connect');
      socket.write(upgradeRequest(server, documentId));
      await eventually(() => lookupsStarted === attempt, 10_000, 'the server to look the document up');
      socket.resetAndDestroy(); // the client gives up (TCP RST) while the server awaits the store
      await once(socket, 'close');
    }
    // The server has finished with both aborted upgrades (it resumes right after each lookup).
    await eventually(() => lookupsAnswered === 2, 10_000, 'both aborted upgrades to be checked');

    const first = track(new RawClient(server.url, documentId));
    await first.opened;
    await first.whenSynced();
    const second = track(new RawClient(server.url, documentId));
    await second.opened;
    // The limit itself still holds.
    const third = track(new RawClient(server.url, documentId));
    await expect(third.opened).rejects.toThrow('upgrade refused with HTTP 503');
  });

  it('an upgrade that completes after shutdown began is refused or closed, and shutdown finishes with no open rooms', async () => {
    const server = await startServer();
    const documentId = await server.createDocument('Shutdown race');
    const editor = track(new RawClient(server.url, documentId));
    await editor.whenSynced();
    insertAtStart(editor, 'hello');
    await editor.whenStored();

    const { store } = server;
    const getDocument = store.getDocument.bind(store);
    const compact = store.compact.bind(store);
    let lookupsStarted = 0;
    // Fault injection on the real store: latency (Redis round trips), so an upgrade is mid-check when shutdown begins.
    store.getDocument = async (id: string) => {
      lookupsStarted++;
      await delay(100);
      return getDocument(id);
    };
    // Fault injection on the real store: a slow compaction keeps shutdown busy while that upgrade completes.
    store.compact = async (...args: Parameters<typeof compact>) => {
      await delay(300);
      return compact(...args);
    };

    const latecomer = track(new RawClient(server.url, documentId));
    const outcome = latecomer.opened.then(
      async () => `closed with ${(await latecomer.closed).code}`,
      (error: Error) => error.message,
    );
    // The upgrade has passed the first shutdown check and now awaits the store.
    await eventually(() => lookupsStarted === 1, 10_000, 'the upgrade to reach the document lookup');
    await withDeadline(server.shutdown(), 15_000, 'shutdown');

    expect(server.collaboration.openDocumentCount).toBe(0);
    expect(['upgrade refused with HTTP 503', `closed with ${CloseCode.goingAway}`]).toContain(await withDeadline(outcome, 10_000, 'the late upgrade'));
    expect((await editor.closed).code).toBe(CloseCode.goingAway);
  });
});
