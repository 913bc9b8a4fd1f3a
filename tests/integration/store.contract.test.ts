import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DocumentMeta } from '@concord/shared';
import type { Cursor, LoadedDocument, Store } from '../../server/src/storage/Store.ts';
import { SqliteStore } from '../../server/src/storage/SqliteStore.ts';
import { RedisStore, documentIndexKey, documentKeys } from '../../server/src/storage/RedisStore.ts';
import { redisUrlForTests, startRedisServer } from '../utils/redisServer.ts';

/** `count` real Yjs updates, each appending `[index]` to the text, and the text they produce. */
function makeEdits(count: number, prefix = ''): { updates: Uint8Array[]; text: string } {
  const document = new Y.Doc();
  const updates: Uint8Array[] = [];
  document.on('update', (update: Uint8Array) => updates.push(update));
  const text = document.getText('content');
  for (let index = 0; index < count; index += 1) text.insert(text.length, `[${prefix}${index}]`);
  return { updates, text: text.toString() };
}

function documentFrom(loaded: LoadedDocument): Y.Doc {
  const document = new Y.Doc();
  if (loaded.snapshot !== null) Y.applyUpdate(document, loaded.snapshot);
  for (const entry of loaded.updates) Y.applyUpdate(document, entry.update);
  return document;
}

const textOf = (loaded: LoadedDocument) => documentFrom(loaded).getText('content').toString();
const snapshotOf = (loaded: LoadedDocument) => Y.encodeStateAsUpdate(documentFrom(loaded));

/** Orders cursors of either backend: SQLite ids ('42') and Redis stream ids ('1700000000000-3'). */
function compareCursors(first: Cursor, second: Cursor): number {
  const parse = (cursor: Cursor) => cursor.split('-').map((part) => BigInt(part));
  const [firstMajor = 0n, firstMinor = 0n] = parse(first);
  const [secondMajor = 0n, secondMinor = 0n] = parse(second);
  if (firstMajor !== secondMajor) return firstMajor < secondMajor ? -1 : 1;
  return firstMinor === secondMinor ? 0 : firstMinor < secondMinor ? -1 : 1;
}

function expectIncreasing(cursors: Cursor[]): void {
  for (let index = 1; index < cursors.length; index += 1) {
    expect(compareCursors(cursors[index - 1] ?? '0', cursors[index] ?? '0'), `cursor ${index}`).toBe(-1);
  }
}

async function createTestDocument(store: Store, createdAt = new Date(), fields: Pick<DocumentMeta, 'kind' | 'session'> = { kind: 'other', session: 'Test session' }): Promise<DocumentMeta> {
  const meta: DocumentMeta = { id: `doc-${randomUUID()}`, title: 'Draft final document', createdAt: createdAt.toISOString(), ...fields };
  await store.createDocument(meta);
  return meta;
}

async function appendInOrder(store: Store, documentId: string, updates: Uint8Array[], origin = 'instance-a', author?: string | null): Promise<Cursor[]> {
  const cursors: Cursor[] = [];
  for (const update of updates) cursors.push(await store.appendUpdate(documentId, update, origin, author));
  return cursors;
}

/** Author and ledger strings are opaque to the stores: JSON as the collaboration server writes it, with non-ASCII text. */
const authorOf = (speaker: string) => JSON.stringify({ userId: `user-${speaker}`, name: `Délégation ${speaker} — Ответ`, role: 'delegate', speaker, typedFor: false, at: '2026-05-04T10:00:00.000Z' });
const ledgerOf = (label: string) => JSON.stringify({ version: 1, paragraphs: { [`para-${label}`]: { originator: 'EGY', createdAt: null, contributors: {} } }, clientOwners: { '42': `user-${label}` } });

/** The few better-sqlite3 calls the migration test makes on its own connection. */
interface RawDatabase {
  exec(sql: string): unknown;
  prepare(sql: string): { run(...parameters: unknown[]): unknown };
  close(): void;
}

/** A connection of our own, not the store's. better-sqlite3 is the server's dependency, so it is loaded from there. */
function openRawDatabase(path: string): RawDatabase {
  const Database: unknown = createRequire(new URL('../../server/package.json', import.meta.url))('better-sqlite3');
  if (typeof Database !== 'function') throw new Error('better-sqlite3 did not load');
  return new (Database as new (path: string) => RawDatabase)(path);
}

/** The tables as the first release created them: no kind or session, no author, no ledger. */
const firstReleaseSchema = `
  CREATE TABLE documents (id TEXT PRIMARY KEY, title TEXT NOT NULL, created_at TEXT NOT NULL) STRICT;
  CREATE TABLE updates (
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    data BLOB NOT NULL,
    origin TEXT NOT NULL,
    PRIMARY KEY (document_id, seq)
  ) STRICT, WITHOUT ROWID;
  CREATE TABLE snapshots (
    document_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    data BLOB NOT NULL,
    through_id INTEGER NOT NULL
  ) STRICT;
`;

/** The behaviour every Store backend must share. */
function describeStoreContract(name: string, makeStore: () => Promise<Store>): void {
  describe(`${name} store contract`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await makeStore();
    });
    afterEach(async () => {
      await store.close();
    });

    it('creates, gets and lists documents in creation order', async () => {
      const start = Date.now();
      const second = await createTestDocument(store, new Date(start + 1000));
      const third = await createTestDocument(store, new Date(start + 2000));
      const first = await createTestDocument(store, new Date(start));
      expect(await store.getDocument(second.id)).toEqual(second);
      expect(await store.getDocument('no-such-document')).toBeNull();
      const ours = new Set([first.id, second.id, third.id]);
      const listed = (await store.listDocuments()).filter((meta) => ours.has(meta.id));
      expect(listed).toEqual([first, second, third]);
      await expect(store.createDocument(first)).rejects.toThrow(/already exists/);
    });

    it('loads an unknown or empty document as empty at logStart', async () => {
      const meta = await createTestDocument(store);
      for (const documentId of [meta.id, 'never-created']) {
        expect(await store.loadDocument(documentId)).toEqual({ snapshot: null, ledger: null, updates: [], cursor: '0' });
        expect(await store.countUpdates(documentId)).toBe(0);
      }
    });

    it('round-trips real Yjs updates with their bytes, origins and cursors in order', async () => {
      const meta = await createTestDocument(store);
      const edits = makeEdits(20);
      const cursors: Cursor[] = [];
      for (const [index, update] of edits.updates.entries()) {
        cursors.push(await store.appendUpdate(meta.id, update, index % 2 === 0 ? 'instance-a' : 'instance-b'));
      }
      expectIncreasing(cursors);
      const loaded = await store.loadDocument(meta.id);
      expect(loaded.snapshot).toBeNull();
      expect(loaded.updates.map((entry) => entry.cursor)).toEqual(cursors);
      expect(loaded.updates.map((entry) => entry.origin)).toEqual(cursors.map((_cursor, index) => (index % 2 === 0 ? 'instance-a' : 'instance-b')));
      expect(loaded.updates.map((entry) => entry.update)).toEqual(edits.updates);
      expect(loaded.cursor).toBe(cursors.at(-1));
      expect(textOf(loaded)).toBe(edits.text);
      expect(await store.countUpdates(meta.id)).toBe(20);
    });

    it('group-commits 1000 appends fired in one tick, each with its own increasing cursor', async () => {
      const meta = await createTestDocument(store);
      const edits = makeEdits(1000);
      const cursors = await Promise.all(edits.updates.map((update) => store.appendUpdate(meta.id, update, 'instance-a')));
      expect(new Set(cursors).size).toBe(1000);
      expectIncreasing(cursors);
      const loaded = await store.loadDocument(meta.id);
      expect(loaded.updates.map((entry) => entry.cursor)).toEqual(cursors);
      expect(textOf(loaded)).toBe(edits.text);
      expect(await store.countUpdates(meta.id)).toBe(1000);
    });

    it('compacts into a snapshot and keeps later appends after it', async () => {
      const meta = await createTestDocument(store);
      const edits = makeEdits(15);
      const firstCursors = await appendInOrder(store, meta.id, edits.updates.slice(0, 10));
      const beforeCompaction = await store.loadDocument(meta.id);
      await store.compact(meta.id, snapshotOf(beforeCompaction), beforeCompaction.cursor);
      expect(await store.countUpdates(meta.id)).toBe(0);

      const compacted = await store.loadDocument(meta.id);
      expect(compacted.snapshot).not.toBeNull();
      expect(compacted.updates).toEqual([]);
      expect(compacted.cursor).toBe(firstCursors.at(-1));
      expect(textOf(compacted)).toBe(textOf(beforeCompaction));

      const laterCursors = await appendInOrder(store, meta.id, edits.updates.slice(10));
      const loaded = await store.loadDocument(meta.id);
      expect(loaded.updates.map((entry) => entry.cursor)).toEqual(laterCursors);
      expect(compareCursors(laterCursors[0] ?? '0', compacted.cursor)).toBe(1);
      expect(loaded.cursor).toBe(laterCursors.at(-1));
      expect(textOf(loaded)).toBe(edits.text);
      expect(await store.countUpdates(meta.id)).toBe(5);
    });

    it('ignores a compaction older than the stored snapshot', async () => {
      const meta = await createTestDocument(store);
      const edits = makeEdits(4);
      await appendInOrder(store, meta.id, edits.updates.slice(0, 1));
      const early = await store.loadDocument(meta.id);
      await appendInOrder(store, meta.id, edits.updates.slice(1, 3));
      const late = await store.loadDocument(meta.id);
      await store.compact(meta.id, snapshotOf(late), late.cursor);
      const [lastCursor] = await appendInOrder(store, meta.id, edits.updates.slice(3));

      // Same cursor again, then an older one: both must leave the snapshot alone.
      await store.compact(meta.id, snapshotOf(late), late.cursor);
      await store.compact(meta.id, snapshotOf(early), early.cursor);
      const loaded = await store.loadDocument(meta.id);
      expect(loaded.updates.map((entry) => entry.cursor)).toEqual([lastCursor]);
      expect(textOf(loaded)).toBe(edits.text);
      expect(await store.countUpdates(meta.id)).toBe(1);
    });

    it('never loses an update when compactions interleave with appends', async () => {
      const meta = await createTestDocument(store);
      const edits = makeEdits(120);
      const pending = [...edits.updates];
      const next = () => pending.shift() ?? new Uint8Array();
      for (let round = 0; round < 40; round += 1) {
        const appendedBeforeLoad = store.appendUpdate(meta.id, next(), 'instance-a');
        const loaded = await store.loadDocument(meta.id);
        // The compaction races an append made after the load, and the one made just before it.
        await Promise.all([
          store.compact(meta.id, snapshotOf(loaded), loaded.cursor),
          store.appendUpdate(meta.id, next(), 'instance-b'),
          appendedBeforeLoad,
        ]);
        await store.appendUpdate(meta.id, next(), 'instance-a');
        const appendedSoFar = (round + 1) * 3;
        const expected = Array.from({ length: appendedSoFar }, (_value, index) => `[${index}]`).join('');
        expect(textOf(await store.loadDocument(meta.id))).toBe(expected);
      }
      expect(textOf(await store.loadDocument(meta.id))).toBe(edits.text);
    });

    it('stores each document\'s kind and committee session', async () => {
      const start = Date.now();
      const report = await createTestDocument(store, new Date(start), { kind: 'annual-progress-report', session: '2027, première session' });
      const plan = await createTestDocument(store, new Date(start + 1000), { kind: 'phase2-action-plan', session: 'Second session' });
      expect(await store.getDocument(report.id)).toEqual(report);
      expect(await store.getDocument(plan.id)).toEqual(plan);
      const listed = (await store.listDocuments()).filter((meta) => meta.id === report.id || meta.id === plan.id);
      expect(listed).toEqual([report, plan]);
    });

    it('round-trips each update\'s author, and null for updates appended without one', async () => {
      const meta = await createTestDocument(store);
      const edits = makeEdits(4);
      const [first, second, third, fourth] = edits.updates;
      await store.appendUpdate(meta.id, first!, 'instance-a', authorOf('EGY'));
      await store.appendUpdate(meta.id, second!, 'instance-b', null);
      await store.appendUpdate(meta.id, third!, 'instance-a');
      await store.appendUpdate(meta.id, fourth!, 'instance-b', authorOf('FRA'));
      const loaded = await store.loadDocument(meta.id);
      expect(loaded.updates.map((entry) => entry.author)).toEqual([authorOf('EGY'), null, null, authorOf('FRA')]);
      expect(loaded.updates.map((entry) => entry.origin)).toEqual(['instance-a', 'instance-b', 'instance-a', 'instance-b']);
      expect(textOf(loaded)).toBe(edits.text);
    });

    it('keeps each author with its own update in a group commit', async () => {
      const meta = await createTestDocument(store);
      const edits = makeEdits(60);
      const authors = edits.updates.map((_update, index) => (index % 3 === 0 ? null : authorOf(`D${index}`)));
      const cursors = await Promise.all(edits.updates.map((update, index) => store.appendUpdate(meta.id, update, 'instance-a', authors[index])));
      const loaded = await store.loadDocument(meta.id);
      expect(loaded.updates.map((entry) => entry.cursor)).toEqual(cursors);
      expect(loaded.updates.map((entry) => entry.author)).toEqual(authors);
    });

    it('stores the ledger with the snapshot and loads it back with the later updates and their authors', async () => {
      const meta = await createTestDocument(store);
      const edits = makeEdits(6);
      await appendInOrder(store, meta.id, edits.updates.slice(0, 3), 'instance-a', authorOf('EGY'));
      const beforeCompaction = await store.loadDocument(meta.id);
      expect(beforeCompaction.ledger).toBeNull();
      await store.compact(meta.id, snapshotOf(beforeCompaction), beforeCompaction.cursor, ledgerOf('first'));
      const compacted = await store.loadDocument(meta.id);
      expect(compacted.ledger).toBe(ledgerOf('first'));
      expect(compacted.updates).toEqual([]);

      const laterCursors = await appendInOrder(store, meta.id, edits.updates.slice(3), 'instance-b', authorOf('FRA'));
      const loaded = await store.loadDocument(meta.id);
      expect(loaded.ledger).toBe(ledgerOf('first'));
      expect(loaded.updates.map((entry) => [entry.cursor, entry.author])).toEqual(laterCursors.map((cursor) => [cursor, authorOf('FRA')]));
      expect(textOf(loaded)).toBe(edits.text);
    });

    it('replaces the ledger at each later compaction and keeps it when a compaction is ignored', async () => {
      const meta = await createTestDocument(store);
      const edits = makeEdits(6);
      await appendInOrder(store, meta.id, edits.updates.slice(0, 2), 'instance-a', authorOf('EGY'));
      const early = await store.loadDocument(meta.id);
      await store.compact(meta.id, snapshotOf(early), early.cursor, ledgerOf('early'));
      await appendInOrder(store, meta.id, edits.updates.slice(2, 4), 'instance-a', authorOf('FRA'));
      const later = await store.loadDocument(meta.id);
      await store.compact(meta.id, snapshotOf(later), later.cursor, ledgerOf('later'));
      expect((await store.loadDocument(meta.id)).ledger).toBe(ledgerOf('later'));

      // Older or same cursor: the stored snapshot and its ledger stay.
      await store.compact(meta.id, snapshotOf(early), early.cursor, ledgerOf('stale'));
      await store.compact(meta.id, snapshotOf(later), later.cursor, ledgerOf('same cursor'));
      expect((await store.loadDocument(meta.id)).ledger).toBe(ledgerOf('later'));

      // A ledger belongs to its snapshot: a newer snapshot stored without one has none.
      await appendInOrder(store, meta.id, edits.updates.slice(4), 'instance-a', null);
      const latest = await store.loadDocument(meta.id);
      await store.compact(meta.id, snapshotOf(latest), latest.cursor);
      const loaded = await store.loadDocument(meta.id);
      expect(loaded.ledger).toBeNull();
      expect(loaded.updates).toEqual([]);
      expect(textOf(loaded)).toBe(edits.text);
    });

    it('answers ping while open and rejects it after close', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
      await store.close();
      await expect(store.ping()).rejects.toThrow();
    });
  });
}

const sqliteDirectories: string[] = [];
const newSqliteDirectory = () => {
  const directory = mkdtempSync(join(tmpdir(), 'concord-sqlite-'));
  sqliteDirectories.push(directory);
  return directory;
};
afterAll(() => {
  for (const directory of sqliteDirectories) rmSync(directory, { recursive: true, force: true });
});

describeStoreContract('SQLite', async () => new SqliteStore({ directory: newSqliteDirectory() }));

describe('SqliteStore specifics', () => {
  it('never reuses a cursor after compaction emptied the log, even in a new process', async () => {
    const directory = newSqliteDirectory();
    const first = new SqliteStore({ directory });
    const meta = await createTestDocument(first);
    const edits = makeEdits(6);
    await appendInOrder(first, meta.id, edits.updates.slice(0, 3));
    const loaded = await first.loadDocument(meta.id);
    await first.compact(meta.id, snapshotOf(loaded), loaded.cursor);
    expect(await first.countUpdates(meta.id)).toBe(0);
    await first.close();
    const second = new SqliteStore({ directory });
    const [next] = await appendInOrder(second, meta.id, edits.updates.slice(3, 4));
    expect(compareCursors(next ?? '0', loaded.cursor)).toBe(1);
    const reloaded = await second.loadDocument(meta.id);
    expect(reloaded.updates.map((entry) => entry.cursor)).toEqual([next]);
    await second.close();
  });

  it('keeps resolved appends when the process dies without closing the store', async () => {
    const directory = newSqliteDirectory();
    const crashed = new SqliteStore({ directory });
    const meta = await createTestDocument(crashed);
    const edits = makeEdits(50);
    const cursors = await Promise.all(edits.updates.map((update) => crashed.appendUpdate(meta.id, update, 'instance-a')));
    // No close(): a second connection reads the WAL as a restarted process would.
    const reopened = new SqliteStore({ directory });
    expect(await reopened.getDocument(meta.id)).toEqual(meta);
    const loaded = await reopened.loadDocument(meta.id);
    expect(loaded.updates.map((entry) => entry.cursor)).toEqual(cursors);
    expect(textOf(loaded)).toBe(edits.text);
    await reopened.close();
    await crashed.close();
  });

  it('rejects only the bad append of a group commit', async () => {
    const store = new SqliteStore({ directory: newSqliteDirectory() });
    const meta = await createTestDocument(store);
    const [first, orphan, last] = await Promise.allSettled([
      store.appendUpdate(meta.id, new Uint8Array([1]), 'instance-a'),
      store.appendUpdate('never-created', new Uint8Array([2]), 'instance-a'),
      store.appendUpdate(meta.id, new Uint8Array([3]), 'instance-a'),
    ]);
    expect(first?.status).toBe('fulfilled');
    expect(orphan?.status).toBe('rejected');
    expect(last?.status).toBe('fulfilled');
    expect((await store.loadDocument(meta.id)).updates.map((entry) => [...entry.update])).toEqual([[1], [3]]);
    await store.close();
  });
  it('opens a file written before kinds, sessions, authors and ledgers, with defaults for them, and stores them from then on', async () => {
    const directory = newSqliteDirectory();
    const edits = makeEdits(6);
    const createdAt = '2025-09-01T08:00:00.000Z';
    const raw = openRawDatabase(join(directory, 'concord.sqlite'));
    raw.exec(firstReleaseSchema);
    raw.prepare('INSERT INTO documents (id, title, created_at) VALUES (?, ?, ?)').run('first-release', 'Draft of 2025', createdAt);
    const snapshot = new Y.Doc();
    for (const update of edits.updates.slice(0, 2)) Y.applyUpdate(snapshot, update);
    raw.prepare('INSERT INTO snapshots (document_id, data, through_id) VALUES (?, ?, ?)').run('first-release', Buffer.from(Y.encodeStateAsUpdate(snapshot)), 2);
    for (const [index, update] of edits.updates.slice(2, 5).entries()) {
      raw.prepare('INSERT INTO updates (document_id, seq, data, origin) VALUES (?, ?, ?, ?)').run('first-release', index + 3, Buffer.from(update), 'old-instance');
    }
    raw.close();

    const store = new SqliteStore({ directory });
    const old: DocumentMeta = { id: 'first-release', title: 'Draft of 2025', createdAt, kind: 'other', session: '' };
    expect(await store.getDocument(old.id)).toEqual(old);
    expect(await store.listDocuments()).toEqual([old]);
    const loaded = await store.loadDocument(old.id);
    expect(loaded.ledger).toBeNull();
    expect(loaded.updates.map((entry) => [entry.cursor, entry.origin, entry.author])).toEqual([
      ['3', 'old-instance', null],
      ['4', 'old-instance', null],
      ['5', 'old-instance', null],
    ]);
    const expectedText = Array.from({ length: 5 }, (_value, index) => `[${index}]`).join('');
    expect(textOf(loaded)).toBe(expectedText);

    // The migrated file takes the new fields.
    const [next] = await appendInOrder(store, old.id, edits.updates.slice(5), 'instance-a', authorOf('EGY'));
    expect(next).toBe('6');
    const withAuthor = await store.loadDocument(old.id);
    expect(withAuthor.updates.at(-1)?.author).toBe(authorOf('EGY'));
    await store.compact(old.id, snapshotOf(withAuthor), withAuthor.cursor, ledgerOf('migrated'));
    const plan = await createTestDocument(store, new Date(), { kind: 'phase2-action-plan', session: '2027, first session' });
    await store.close();

    // Opening a migrated file again changes nothing.
    const reopened = new SqliteStore({ directory });
    expect(await reopened.listDocuments()).toEqual([old, plan]);
    const reloaded = await reopened.loadDocument(old.id);
    expect(reloaded.ledger).toBe(ledgerOf('migrated'));
    expect(textOf(reloaded)).toBe(edits.text);
    await reopened.close();
  });
});

let sharedRedis: { url: string; stop(): Promise<void> };
beforeAll(async () => {
  sharedRedis = await redisUrlForTests();
});
afterAll(async () => {
  await sharedRedis.stop();
});

describeStoreContract('Redis', async () => new RedisStore(sharedRedis.url));

describe('RedisStore specifics', () => {
  it('keeps acknowledged appends through a kill -9 of redis-server (appendfsync always)', async () => {
    const server = await startRedisServer({ appendOnly: true, appendFsync: 'always' });
    const store = new RedisStore(server.url);
    const meta = await createTestDocument(store);
    const edits = makeEdits(50);
    const cursors = await Promise.all(edits.updates.map((update) => store.appendUpdate(meta.id, update, 'instance-a')));
    server.kill();
    await server.exited;
    const restarted = await startRedisServer({ appendOnly: true, appendFsync: 'always', directory: server.directory, port: server.port });
    try {
      const reopened = new RedisStore(restarted.url);
      expect(await reopened.getDocument(meta.id)).toEqual(meta);
      const loaded = await reopened.loadDocument(meta.id);
      expect(loaded.updates.map((entry) => entry.cursor)).toEqual(cursors);
      expect(textOf(loaded)).toBe(edits.text);
      // The first store reconnects by itself.
      expect(await store.countUpdates(meta.id)).toBe(50);
      await reopened.close();
      await store.close();
    } finally {
      await restarted.stop();
      rmSync(server.directory, { recursive: true, force: true });
    }
  });

  it('reads documents and log entries written before kinds, sessions and authors with defaults', async () => {
    const store = new RedisStore(sharedRedis.url);
    const redis = new Redis(sharedRedis.url);
    try {
      const documentId = `doc-${randomUUID()}`;
      const createdAt = '2025-09-01T08:00:00.000Z';
      const keys = documentKeys(documentId);
      // As the first release wrote them: no kind or session in the meta hash, no `a` field in the log.
      await redis.zadd(documentIndexKey, String(Date.parse(createdAt)), documentId);
      await redis.hset(keys.meta, 'id', documentId, 'title', 'Draft of 2025', 'createdAt', createdAt);
      const edits = makeEdits(2);
      const cursors: string[] = [];
      for (const update of edits.updates) cursors.push((await redis.xadd(keys.log, '*', 'u', Buffer.from(update), 'o', 'old-instance')) ?? '');
      const old: DocumentMeta = { id: documentId, title: 'Draft of 2025', createdAt, kind: 'other', session: '' };
      expect(await store.getDocument(documentId)).toEqual(old);
      expect((await store.listDocuments()).filter((meta) => meta.id === documentId)).toEqual([old]);
      const loaded = await store.loadDocument(documentId);
      expect(loaded.ledger).toBeNull();
      expect(loaded.updates.map((entry) => [entry.cursor, entry.origin, entry.author])).toEqual(cursors.map((cursor) => [cursor, 'old-instance', null]));
      expect(textOf(loaded)).toBe(edits.text);
    } finally {
      await redis.quit();
      await store.close();
    }
  });

  it('rejects ping, naming the cause, once redis-server is gone', async () => {
    const server = await startRedisServer();
    const store = new RedisStore(server.url);
    await store.ping();
    await server.stop();
    // Settles rather than hanging: the test's own timeout is the bound (ping gives up after 3 s by design).
    await expect(store.ping()).rejects.toThrow();
    await store.close();
    rmSync(server.directory, { recursive: true, force: true });
  });
});
