/**
 * Randomized convergence, after Yjs's own `applyRandomTests` (yjs tests/testHelper.js): seeded
 * random edits on every shared type from several clients that also go offline, edit, and come
 * back, against a real server on SQLite. At the end every client, a late joiner, and a reload of
 * the document from the store must hold the same state and the same content.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it, onTestFinished } from 'vitest';
import * as prng from 'lib0/prng';
import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { RawClient } from '../utils/RawClient.ts';
import { connectProvider, eventually, whenProviderSynced } from '../utils/providers.ts';
import { startTestServer, type TestServer } from '../utils/startTestServer.ts';

// A seed fixes the sequence of actions, not the network's timing. RANDOM_SEEDS=4,5,6 runs other seeds.
const seeds = process.env.RANDOM_SEEDS ? process.env.RANDOM_SEEDS.split(',').map(Number) : [1, 20260, 987654321];
const providerCount = 3;
const rawClientCount = 3;

/** A close the server started (the test's own disconnects are not recorded). */
interface ServerClose {
  client: string;
  code: number;
  reason: string;
}

/** One simulated delegate: the same Y.Doc for the whole run, whatever its connection does. */
interface TestClient {
  readonly name: string;
  readonly doc: Y.Doc;
  readonly online: boolean;
  disconnect(): void;
  reconnect(): Promise<void>;
  /** Connected and synced with the server. */
  whenSynced(): Promise<void>;
  destroy(): void;
}

/** The stock y-websocket provider: it reconnects and resyncs on its own, exactly as shipped. */
function providerClient(server: TestServer, documentId: string, name: string, serverCloses: ServerClose[]): TestClient & { provider: WebsocketProvider } {
  const doc = new Y.Doc();
  const provider: WebsocketProvider = connectProvider(server.url, documentId, doc);
  // `event` is null when the provider closed the socket itself.
  provider.on('connection-close', (event: { code: number; reason: string } | null) => {
    if (event) serverCloses.push({ client: name, code: event.code, reason: event.reason });
  });
  let online = true;
  return {
    name,
    doc,
    provider,
    get online() {
      return online;
    },
    disconnect() {
      online = false;
      provider.disconnect();
    },
    async reconnect() {
      // Not awaited: a user keeps typing while the provider reconnects.
      online = true;
      provider.connect();
    },
    async whenSynced() {
      online = true;
      // A provider the server closed with a 44xx code stays closed until told to connect.
      provider.connect();
      await whenProviderSynced(provider, 20_000);
    },
    destroy() {
      provider.destroy();
    },
  };
}

/** A RawClient cannot reconnect: a reconnect is a new RawClient on the same Y.Doc. */
function rawClient(server: TestServer, documentId: string, name: string, serverCloses: ServerClose[]): TestClient {
  const doc = new Y.Doc();
  let raw: RawClient | null = null;
  const connect = () => {
    const current = new RawClient(server.url, documentId, { doc });
    raw = current;
    void current.closed.then(({ code, reason }) => {
      if (raw === current) serverCloses.push({ client: name, code, reason });
    });
    return current;
  };
  connect();
  return {
    name,
    doc,
    get online() {
      return raw !== null;
    },
    disconnect() {
      const current = raw;
      raw = null;
      current?.destroy();
    },
    async reconnect() {
      // RawClient sends each edit at once and queues nothing: it waits for the sync so that its
      // offline edits (in its sync step 2) reach the server before anything written after them.
      const current = connect();
      await Promise.race([current.whenSynced(), current.closed]);
    },
    async whenSynced() {
      // Offline, or closed by the server: connect again (a socket still connecting is kept).
      const current = raw !== null && raw.socket.readyState <= raw.socket.OPEN ? raw : connect();
      await current.whenSynced();
      await current.whenStored();
    },
    destroy() {
      const current = raw;
      raw = null;
      current?.destroy();
    },
  };
}

const vocabulary = ['Article', 'Parties', 'nuclear', 'disarmament', 'verification', 'Vertragsstaaten', 'désarmement', 'разоружение', '裁军', 'نزع', 'Überprüfung', '—', '«', '»', ' ', '\n'];

function randomText(generator: prng.PRNG): string {
  return prng.bool(generator) ? prng.oneOf(generator, vocabulary) : prng.word(generator, 1, 8);
}

function randomAttributes(generator: prng.PRNG): Record<string, unknown> {
  return prng.oneOf(generator, [{ bold: true }, { italic: true }, { bold: null }, { italic: null }, { comment: prng.int32(generator, 1, 5) }, { bold: true, italic: true }]);
}

function randomValue(generator: prng.PRNG): unknown {
  return prng.oneOf(generator, [
    () => prng.int32(generator, -1000, 1000),
    () => randomText(generator),
    () => ({ delegation: randomText(generator), votes: [prng.int32(generator, 0, 9), prng.bool(generator)] }),
    () => null,
  ])();
}

/** Start index and length of a random non-empty range in a sequence of `length`, or null. */
function randomRange(generator: prng.PRNG, length: number, maxLength: number): [number, number] | null {
  if (length === 0) return null;
  const index = prng.int32(generator, 0, length - 1);
  return [index, prng.int32(generator, 1, Math.min(maxLength, length - index))];
}

type Edit = (doc: Y.Doc, generator: prng.PRNG) => void;

/** The edits, each with a weight: text dominates, as in a drafting session. */
const edits: Array<[weight: number, edit: Edit]> = [
  [14, (doc, generator) => {
    const text = doc.getText('text');
    const index = prng.int32(generator, 0, text.length);
    if (prng.int32(generator, 0, 3) === 0) text.insert(index, randomText(generator), randomAttributes(generator));
    else text.insert(index, randomText(generator));
  }],
  [6, (doc, generator) => {
    const text = doc.getText('text');
    const range = randomRange(generator, text.length, 12);
    if (range) text.delete(...range);
  }],
  [5, (doc, generator) => {
    const text = doc.getText('text');
    const range = randomRange(generator, text.length, 20);
    if (range) text.format(...range, randomAttributes(generator));
  }],
  [5, (doc, generator) => {
    const array = doc.getArray<unknown>('array');
    const values = Array.from({ length: prng.int32(generator, 1, 3) }, () => randomValue(generator));
    array.insert(prng.int32(generator, 0, array.length), values);
  }],
  [3, (doc, generator) => {
    const array = doc.getArray<unknown>('array');
    const range = randomRange(generator, array.length, 3);
    if (range) array.delete(...range);
  }],
  [5, (doc, generator) => {
    doc.getMap<unknown>('map').set(`key${prng.int32(generator, 0, 7)}`, randomValue(generator));
  }],
  [2, (doc, generator) => {
    doc.getMap<unknown>('map').delete(`key${prng.int32(generator, 0, 7)}`);
  }],
  [4, (doc, generator) => {
    const fragment = doc.getXmlFragment('default');
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText(randomText(generator))]);
    fragment.insert(prng.int32(generator, 0, fragment.length), [paragraph]);
  }],
  [2, (doc, generator) => {
    const fragment = doc.getXmlFragment('default');
    const range = randomRange(generator, fragment.length, 2);
    if (range) fragment.delete(...range);
  }],
  [5, (doc, generator) => {
    const fragment = doc.getXmlFragment('default');
    if (fragment.length === 0) return;
    const paragraph = fragment.get(prng.int32(generator, 0, fragment.length - 1));
    if (!(paragraph instanceof Y.XmlElement)) return;
    if (prng.int32(generator, 0, 3) === 0) {
      paragraph.setAttribute('status', prng.oneOf(generator, ['agreed', 'bracketed', 'proposed']));
      return;
    }
    const text = paragraph.get(0);
    if (!(text instanceof Y.XmlText)) return;
    const range = randomRange(generator, text.length, 4);
    if (range && prng.bool(generator)) text.delete(...range);
    else text.insert(prng.int32(generator, 0, text.length), randomText(generator));
  }],
];

function pickWeighted<Choice>(generator: prng.PRNG, choices: Array<[weight: number, choice: Choice]>): Choice {
  const total = choices.reduce((sum, [weight]) => sum + weight, 0);
  let ticket = prng.int32(generator, 0, total - 1);
  for (const [weight, choice] of choices) {
    if (ticket < weight) return choice;
    ticket -= weight;
  }
  throw new Error('unreachable');
}

/** Everything a user can see in the document, formatting included. */
function contentOf(doc: Y.Doc) {
  return {
    text: doc.getText('text').toDelta() as unknown,
    array: doc.getArray('array').toJSON(),
    map: doc.getMap('map').toJSON(),
    xml: doc.getXmlFragment('default').toString(),
    paragraphs: doc
      .getXmlFragment('default')
      .toArray()
      .map((node) => (node instanceof Y.XmlElement ? { attributes: node.getAttributes(), text: node.toArray().map((child) => (child instanceof Y.XmlText ? (child.toDelta() as unknown) : child.toJSON())) } : node.toJSON())),
    offlineLog: doc.getArray('offline-log').toJSON(),
  };
}

function sameState(doc: Y.Doc, reference: Y.Doc): boolean {
  return Y.equalSnapshots(Y.snapshot(doc), Y.snapshot(reference));
}

/** A server of its own for each test, stopped (with every client) even when the test fails. */
async function startServerForTest(): Promise<{ server: TestServer; closeAtEnd: <Client extends { destroy(): void }>(client: Client) => Client }> {
  // The rate limit is not under test here, and compaction should happen during the run.
  const server = await startTestServer({ MAX_MESSAGES_PER_SECOND: 100_000, COMPACT_AFTER_UPDATES: 25 });
  const clients: Array<{ destroy(): void }> = [];
  onTestFinished(async () => {
    for (const client of clients) client.destroy();
    await server.stop();
  });
  return {
    server,
    closeAtEnd: (client) => {
      clients.push(client);
      return client;
    },
  };
}

describe('randomized edits from six clients that go offline and back', () => {
  it.each(seeds)('converge on every shared type (seed %i)', async (seed) => {
    const generator = prng.create(seed);
    const { server, closeAtEnd } = await startServerForTest();
    const documentId = await server.createDocument(`Randomized convergence, seed ${seed}`);
    const serverCloses: ServerClose[] = [];
    const clients: TestClient[] = [];
    for (let index = 0; index < providerCount; index++) clients.push(closeAtEnd(providerClient(server, documentId, `provider ${index}`, serverCloses)));
    for (let index = 0; index < rawClientCount; index++) clients.push(closeAtEnd(rawClient(server, documentId, `raw ${index}`, serverCloses)));
    await Promise.all(clients.map((client) => client.whenSynced()));
    const iterations = prng.int32(generator, 400, 600);
    const offlineEntries: string[] = [];
    let disconnects = 0;
    let reconnects = 0;
    for (let iteration = 0; iteration < iterations; iteration++) {
      const client = prng.oneOf(generator, clients);
      const action = pickWeighted<'edit' | 'disconnect' | 'reconnect' | 'wait'>(generator, [[80, 'edit'], [4, 'disconnect'], [6, 'reconnect'], [10, 'wait']]);
      if (action === 'edit') {
        const edit = pickWeighted(generator, edits);
        if (client.online) {
          edit(client.doc, generator);
        } else {
          // An offline edit also logs itself in an array nobody else edits, to check it arrives.
          const entry = `${client.name} #${iteration}`;
          offlineEntries.push(entry);
          Y.transact(client.doc, () => {
            edit(client.doc, generator);
            client.doc.getArray<string>('offline-log').push([entry]);
          });
        }
      } else if (action === 'disconnect' && client.online) {
        disconnects++;
        client.disconnect();
      } else if (action === 'reconnect' && !client.online) {
        reconnects++;
        await client.reconnect();
      } else if (action === 'wait') {
        await delay(prng.int32(generator, 1, 5));
      }
    }
    // A drafting session gives the server no reason to close anyone (checked here for a clear failure).
    expect(serverCloses).toEqual([]);
    // The run must have exercised going offline, editing there, and coming back.
    expect(disconnects).toBeGreaterThan(0);
    expect(reconnects).toBeGreaterThan(0);
    expect(offlineEntries.length).toBeGreaterThan(0);

    await Promise.all(clients.map((client) => client.whenSynced()));
    const late = closeAtEnd(new RawClient(server.url, documentId));
    await late.whenSynced();
    const docs = clients.map((client) => client.doc);
    await eventually(() => docs.every((doc) => sameState(doc, late.doc)), 20_000, 'every client to reach the state of a late joiner');

    const reference = contentOf(late.doc);
    for (const [index, doc] of docs.entries()) {
      expect(contentOf(doc), clients[index]!.name).toEqual(reference);
      expect(Y.encodeStateVector(doc)).toEqual(Y.encodeStateVector(late.doc));
      // Nothing was left waiting for missing dependencies.
      expect(doc.store.pendingStructs).toBeNull();
      expect(doc.store.pendingDs).toBeNull();
    }
    expect([...(reference.offlineLog as string[])].sort()).toEqual([...offlineEntries].sort());
    expect(serverCloses).toEqual([]);

    // Once everyone has left, the document reloads from SQLite (snapshot plus log) unchanged.
    for (const client of clients) client.destroy();
    late.destroy();
    await eventually(() => server.collaboration.openDocumentCount === 0, 20_000, 'the document to unload');
    const reloaded = closeAtEnd(new RawClient(server.url, documentId));
    await reloaded.whenSynced();
    expect(contentOf(reloaded.doc)).toEqual(reference);
    expect(sameState(reloaded.doc, docs[0]!)).toBe(true);
    reloaded.destroy();
  });
});

/**
 * Deterministic cases the randomized runs found. Each is something a stock Yjs client does in
 * an ordinary session; each must leave the client connected and its edits stored.
 */
describe('cases found by the randomized runs', () => {
  it('a client that created and deleted a paragraph while offline is accepted on reconnect', async () => {
    const { server, closeAtEnd } = await startServerForTest();
    const documentId = await server.createDocument('Offline paragraph');
    const doc = new Y.Doc();
    const before = closeAtEnd(new RawClient(server.url, documentId, { doc }));
    await before.whenSynced();
    before.destroy();
    // Offline: deleting a paragraph turns its children into GC structs, which the sync step 2 carries.
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText('a draft paragraph, withdrawn')]);
    doc.getXmlFragment('default').insert(0, [paragraph]);
    doc.getXmlFragment('default').delete(0, 1);
    doc.getText('text').insert(0, 'written offline');

    const after = closeAtEnd(new RawClient(server.url, documentId, { doc }));
    const outcome = await Promise.race([after.whenSynced().then(() => after.whenStored()).then(() => 'stored' as const), after.closed]);
    expect(outcome).toBe('stored');
    const late = closeAtEnd(new RawClient(server.url, documentId));
    await late.whenSynced();
    expect(late.text).toBe('written offline');
    expect(sameState(late.doc, doc)).toBe(true);
  });

  it('setting an attribute on a paragraph that another delegate just deleted is accepted', async () => {
    const { server, closeAtEnd } = await startServerForTest();
    const documentId = await server.createDocument('Concurrent delete and attribute');
    const deleter = closeAtEnd(new RawClient(server.url, documentId));
    const annotator = closeAtEnd(new RawClient(server.url, documentId));
    await Promise.all([deleter.whenSynced(), annotator.whenSynced()]);
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText('Article VI')]);
    deleter.doc.getXmlFragment('default').insert(0, [paragraph]);
    await deleter.whenStored();
    await annotator.waitFor(() => annotator.doc.getXmlFragment('default').length === 1, 10_000, 'the paragraph');

    // Concurrent edits: the annotator reads nothing until it has made its own change.
    annotator.socket.pause();
    deleter.doc.getXmlFragment('default').delete(0, 1);
    await deleter.whenStored();
    const annotated = annotator.doc.getXmlFragment('default').get(0);
    expect(annotated).toBeInstanceOf(Y.XmlElement);
    (annotated as Y.XmlElement).setAttribute('status', 'agreed');
    annotator.socket.resume();

    const outcome = await Promise.race([annotator.whenStored().then(() => 'stored' as const), annotator.closed]);
    expect(outcome).toBe('stored');
    await eventually(() => sameState(annotator.doc, deleter.doc), 10_000, 'both to converge');
    expect(contentOf(annotator.doc)).toEqual(contentOf(deleter.doc));
    expect(annotator.doc.getXmlFragment('default').length).toBe(0);
  });

  it('a stock provider that types as soon as it has reconnected, with offline edits, is accepted', async () => {
    const { server, closeAtEnd } = await startServerForTest();
    const documentId = await server.createDocument('Typing through a reconnect');
    const serverCloses: ServerClose[] = [];
    const client = closeAtEnd(providerClient(server, documentId, 'provider', serverCloses));
    await client.whenSynced();
    client.disconnect();
    client.doc.getText('text').insert(0, 'offline. ');
    // A keystroke in the first round trip after the socket opens: the provider sends it at once,
    // before its sync step 2 (which carries the offline edit) has reached the server.
    const typeOnOpen = ({ status }: { status: string }) => {
      if (status !== 'connected') return;
      client.provider.off('status', typeOnOpen);
      client.doc.getText('text').insert(client.doc.getText('text').length, 'typed at once.');
    };
    client.provider.on('status', typeOnOpen);
    await client.reconnect();
    const late = closeAtEnd(new RawClient(server.url, documentId));
    await late.whenSynced();
    await late.waitFor(() => late.text === 'offline. typed at once.', 10_000, 'both edits on the server').catch(() => undefined);
    expect(serverCloses).toEqual([]);
    expect(late.text).toBe('offline. typed at once.');
  });
});
