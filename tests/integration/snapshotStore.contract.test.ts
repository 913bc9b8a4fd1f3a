import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportFormat, ExportLanguage, ExportMode, ExportSignature, Snapshot, SnapshotContent } from '@concord/shared';
import { RedisSnapshotStore, agreedSnapshotKeys } from '../../server/src/snapshots/RedisSnapshotStore.ts';
import { SnapshotNumberTakenError, type SnapshotStore, type StoredExport } from '../../server/src/snapshots/SnapshotStore.ts';
import { SqliteSnapshotStore } from '../../server/src/snapshots/SqliteSnapshotStore.ts';
import { openSqliteFile } from '../../server/src/storage/openSqliteFile.ts';
import { DuplicateThreadRecordError, InvalidThreadRecordError, ThreadRecordNotFoundError } from '../../server/src/threads/ThreadStore.ts';
import { startRedisServer, type RedisServer } from '../utils/redisServer.ts';

const freshId = (prefix: string) => `${prefix}-${randomBytes(9).toString('base64url')}`;
const hex = (bytes: number) => randomBytes(bytes).toString('hex');
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

function makeContent(documentId: string): SnapshotContent {
  return {
    documentId,
    title: 'Negative security assurances: options report',
    kind: 'phase1-options-report',
    session: 'PrepCom 2026',
    blocks: [
      {
        id: 'block-preamble-1',
        kind: 'paragraph',
        status: 'agreed',
        role: 'preambular',
        level: 0,
        alternativeOf: null,
        label: { number: 'PP 1', alternative: 0 },
        runs: [{ text: 'Recalling ', marks: ['italic'] }, { text: '[legally binding] assurances', marks: ['bracket'] }],
        items: [],
        attribution: { originator: 'EGY', contributors: ['EGY', 'FRA'] },
        positions: { proposes: ['EGY'], supports: ['BRA', 'ZAF'], opposes: ['FRA'], reservation: [] },
      },
    ],
  };
}

function makeSnapshot(documentId: string, number: number, overrides: Partial<Snapshot> = {}): Snapshot {
  return {
    id: freshId('snap'),
    documentId,
    number,
    name: `Reading ${number}`,
    createdAt: new Date(Date.UTC(2026, 10, 30, 10, number)).toISOString(),
    createdBy: { userId: 'user-chair-01', name: 'Chair', affiliation: 'CHAIR' },
    content: makeContent(documentId),
    sha256: hex(32),
    signature: randomBytes(64).toString('base64'),
    keyId: hex(8),
    ...overrides,
  };
}

function makeExport(snapshot: Snapshot, bytes: Uint8Array, format: ExportFormat = 'pdf', mode: ExportMode = 'agreed', language: ExportLanguage = 'en'): StoredExport {
  const signature: ExportSignature = {
    concordExportSignature: 1,
    snapshotId: snapshot.id,
    snapshotSha256: snapshot.sha256,
    documentId: snapshot.documentId,
    format,
    mode,
    language,
    fileName: `reading-${snapshot.number}.${format}`,
    fileSha256: sha256(bytes),
    keyId: snapshot.keyId,
    signature: randomBytes(64).toString('base64'),
  };
  return { snapshotId: snapshot.id, format, mode, language, bytes, signature };
}

interface Backend {
  openStore: () => SnapshotStore;
  /** Stores, behind the store's back, a snapshot record its schema refuses under this id, document and number. */
  plantCorruptSnapshot: (documentId: string, snapshotId: string, number: number) => Promise<void>;
  /** Stores, behind the store's back, a PDF export (agreed, en) of the snapshot whose signature its schema refuses. */
  plantCorruptExport: (snapshotId: string) => Promise<void>;
  tearDown: () => Promise<void>;
}

/** Runs `work` on a better-sqlite3 connection of our own to the store's file. */
function withConnection(directory: string, work: (database: ReturnType<typeof openSqliteFile>) => void): void {
  const database = openSqliteFile(directory, 'NORMAL');
  try {
    work(database);
  } finally {
    database.close();
  }
}

async function setUpSqlite(): Promise<Backend & { directory: string }> {
  const directory = mkdtempSync(join(tmpdir(), 'concord-agreed-snapshots-'));
  return {
    directory,
    openStore: () => new SqliteSnapshotStore(directory),
    // Rows cannot be changed (the triggers refuse), so corruption arrives as a new row. The columns only take
    // valid JSON: the corruption is JSON the schemas refuse.
    plantCorruptSnapshot: async (documentId, snapshotId, number) =>
      withConnection(directory, (database) => {
        database.prepare('INSERT INTO agreed_snapshots (id, document_id, number, created_at, record) VALUES (?, ?, ?, 0, ?)').run(snapshotId, documentId, number, '{"id":"broken"}');
      }),
    plantCorruptExport: async (snapshotId) =>
      withConnection(directory, (database) => {
        database
          .prepare(`INSERT INTO agreed_snapshot_exports (snapshot_id, format, mode, language, bytes, signature) VALUES (?, 'pdf', 'agreed', 'en', ?, ?)`)
          .run(snapshotId, Buffer.from([1, 2, 3]), '{"concordExportSignature":2}');
      }),
    tearDown: async () => rmSync(directory, { recursive: true, force: true }),
  };
}

async function setUpRedis(): Promise<Backend> {
  // A Redis of its own; every store opened on it is a new connection to the same data.
  const server: RedisServer = await startRedisServer();
  const withRedis = async (work: (redis: Redis) => Promise<unknown>) => {
    const redis = new Redis(server.url);
    try {
      await work(redis);
    } finally {
      await redis.quit();
    }
  };
  return {
    openStore: () => new RedisSnapshotStore(server.url),
    plantCorruptSnapshot: (documentId, snapshotId, number) =>
      withRedis(async (redis) => {
        await redis.set(agreedSnapshotKeys.record(snapshotId), '{not json');
        await redis.hset(agreedSnapshotKeys.numbers(documentId), String(number), snapshotId);
        await redis.zadd(agreedSnapshotKeys.list(documentId), number, snapshotId);
      }),
    plantCorruptExport: (snapshotId) =>
      withRedis((redis) => redis.hset(agreedSnapshotKeys.export(snapshotId, 'pdf', 'agreed', 'en'), 'bytes', Buffer.from([1, 2, 3]), 'signature', '{"concordExportSignature":2}')),
    tearDown: async () => {
      await server.stop();
      rmSync(server.directory, { recursive: true, force: true });
    },
  };
}

const backends: [string, () => Promise<Backend>][] = [
  ['SQLite', setUpSqlite],
  ['Redis', setUpRedis],
];

/**
 * The behaviour every SnapshotStore backend must share. `openStore` opens a new instance (a new connection) on the
 * same data each time; tests use fresh document ids, so they share that data.
 */
describe.each(backends)('%s snapshot store contract', (_name, setUp) => {
  let backend: Backend;
  let store: SnapshotStore;
  beforeAll(async () => {
    backend = await setUp();
    store = backend.openStore();
  });
  afterAll(async () => {
    await store.close();
    await backend.tearDown();
  });

  it('numbers from 1, then one past the highest taken, per document', async () => {
    const documentId = freshId('doc');
    expect(await store.nextNumber(documentId)).toBe(1);
    await store.add(makeSnapshot(documentId, 1));
    expect(await store.nextNumber(documentId)).toBe(2);
    await store.add(makeSnapshot(documentId, 5));
    await store.add(makeSnapshot(documentId, 3));
    expect(await store.nextNumber(documentId)).toBe(6);
    expect(await store.nextNumber(freshId('doc'))).toBe(1);
  });

  it('gets a snapshot by id and lists a document’s by number', async () => {
    const documentId = freshId('doc');
    const [first, second, third] = [makeSnapshot(documentId, 1), makeSnapshot(documentId, 2), makeSnapshot(documentId, 3)];
    const elsewhere = makeSnapshot(freshId('doc'), 1);
    await store.add(third);
    await store.add(first);
    await store.add(elsewhere);
    await store.add(second);
    expect(await store.list(documentId)).toEqual([first, second, third]);
    expect(await store.get(second.id)).toEqual(second);
    expect(await store.get(elsewhere.id)).toEqual(elsewhere);
    expect(await store.list(elsewhere.documentId)).toEqual([elsewhere]);
    expect(await store.get(freshId('snap'))).toBeNull();
    expect(await store.get('no:such:id')).toBeNull();
    expect(await store.list(freshId('doc'))).toEqual([]);
  });

  it('refuses a taken number and stores nothing of the refused snapshot', async () => {
    const documentId = freshId('doc');
    const stored = makeSnapshot(documentId, 1);
    await store.add(stored);
    const late = makeSnapshot(documentId, 1, { name: 'Second reading' });
    await expect(store.add(late)).rejects.toBeInstanceOf(SnapshotNumberTakenError);
    expect(await store.get(late.id)).toBeNull();
    expect(await store.list(documentId)).toEqual([stored]);
    expect(await store.nextNumber(documentId)).toBe(2);
    // Its id was not taken either: the caller takes the next number and succeeds.
    await store.add({ ...late, number: 2 });
    expect(await store.list(documentId)).toEqual([stored, { ...late, number: 2 }]);
  });

  it('lets exactly one of two instances racing for a number have it', async () => {
    const documentId = freshId('doc');
    const other = backend.openStore();
    try {
      const contenders = [makeSnapshot(documentId, 1), makeSnapshot(documentId, 1)] as const;
      const outcomes = await Promise.allSettled([store.add(contenders[0]), other.add(contenders[1])]);
      const winners = outcomes.flatMap((outcome, index) => (outcome.status === 'fulfilled' ? [contenders[index]] : []));
      const losers = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason] : []));
      expect(winners).toHaveLength(1);
      expect(losers).toHaveLength(1);
      expect(losers[0]).toBeInstanceOf(SnapshotNumberTakenError);
      expect(await other.list(documentId)).toEqual(winners);
    } finally {
      await other.close();
    }
  });

  it('refuses a taken id, even under another number or document, and stores nothing', async () => {
    const documentId = freshId('doc');
    const stored = makeSnapshot(documentId, 1);
    await store.add(stored);
    await expect(store.add(stored)).rejects.toBeInstanceOf(DuplicateThreadRecordError);
    await expect(store.add({ ...stored, number: 2 })).rejects.toBeInstanceOf(DuplicateThreadRecordError);
    const otherDocument = freshId('doc');
    await expect(store.add(makeSnapshot(otherDocument, 1, { id: stored.id }))).rejects.toThrow(DuplicateThreadRecordError);
    expect(await store.list(documentId)).toEqual([stored]);
    expect(await store.get(stored.id)).toEqual(stored);
    // Number 2 here and number 1 there stayed free.
    expect(await store.nextNumber(documentId)).toBe(2);
    expect(await store.nextNumber(otherDocument)).toBe(1);
    await store.add(makeSnapshot(documentId, 2));
    await store.add(makeSnapshot(otherDocument, 1));
  });

  it('refuses an invalid snapshot, naming the field, and stores nothing', async () => {
    const documentId = freshId('doc');
    const badKey = makeSnapshot(documentId, 1, { keyId: 'not-hex' });
    await expect(store.add(badKey)).rejects.toBeInstanceOf(InvalidThreadRecordError);
    await expect(store.add(makeSnapshot(documentId, 0))).rejects.toThrow(/invalid snapshot[\s\S]*number/);
    await expect(store.add({ ...makeSnapshot(documentId, 1), extra: true } as Snapshot)).rejects.toBeInstanceOf(InvalidThreadRecordError);
    const badContent = makeSnapshot(documentId, 1);
    badContent.content.blocks[0]!.positions.supports = ['france'];
    await expect(store.add(badContent)).rejects.toThrow(/invalid snapshot[\s\S]*content/);
    expect(await store.get(badKey.id)).toBeNull();
    expect(await store.list(documentId)).toEqual([]);
    expect(await store.nextNumber(documentId)).toBe(1);
    await expect(store.list('not a document')).rejects.toBeInstanceOf(InvalidThreadRecordError);
  });

  it('keeps the first export of a kind and answers it to a later writer', async () => {
    const snapshot = makeSnapshot(freshId('doc'), 1);
    await store.add(snapshot);
    const first = makeExport(snapshot, new TextEncoder().encode('%PDF-1.7 first rendering'));
    const second = makeExport(snapshot, new TextEncoder().encode('%PDF-1.7 second rendering, another timestamp'));
    expect(await store.getExport(snapshot.id, 'pdf', 'agreed', 'en')).toBeNull();
    expect(await store.putExport(first)).toEqual(first);
    expect(await store.putExport(second)).toEqual(first);
    expect(await store.getExport(snapshot.id, 'pdf', 'agreed', 'en')).toEqual(first);
    // Another language, mode or format is another export.
    expect(await store.getExport(snapshot.id, 'pdf', 'agreed', 'fr')).toBeNull();
    expect(await store.getExport(snapshot.id, 'pdf', 'compilation', 'en')).toBeNull();
    const french = makeExport(snapshot, new TextEncoder().encode('%PDF-1.7 en français'), 'pdf', 'agreed', 'fr');
    expect(await store.putExport(french)).toEqual(french);
    expect(await store.getExport(snapshot.id, 'pdf', 'agreed', 'en')).toEqual(first);
    expect(await store.getExport(freshId('snap'), 'pdf', 'agreed', 'en')).toBeNull();
  });

  it('refuses an export of an unknown snapshot or with a signature for another export', async () => {
    const snapshot = makeSnapshot(freshId('doc'), 1);
    await store.add(snapshot);
    const bytes = new Uint8Array([1, 2, 3]);
    await expect(store.putExport(makeExport(makeSnapshot(snapshot.documentId, 2), bytes))).rejects.toBeInstanceOf(ThreadRecordNotFoundError);
    const misfiled = { ...makeExport(snapshot, bytes, 'docx'), format: 'pdf' } as const;
    await expect(store.putExport(misfiled)).rejects.toThrow(/invalid export[\s\S]*signature/);
    const unsigned = makeExport(snapshot, bytes);
    await expect(store.putExport({ ...unsigned, signature: { ...unsigned.signature, keyId: 'nope' } })).rejects.toBeInstanceOf(InvalidThreadRecordError);
    expect(await store.getExport(snapshot.id, 'pdf', 'agreed', 'en')).toBeNull();
  });

  it('returns binary exports byte for byte, large ones included', async () => {
    const snapshot = makeSnapshot(freshId('doc'), 1);
    await store.add(snapshot);
    const everyByte = Uint8Array.from({ length: 512 }, (_, index) => (index * 255) % 256);
    expect(everyByte.slice(0, 2)).toEqual(new Uint8Array([0x00, 0xff]));
    const stored = await store.putExport(makeExport(snapshot, everyByte, 'docx'));
    expect(stored.bytes).toEqual(everyByte);
    expect((await store.getExport(snapshot.id, 'docx', 'agreed', 'en'))?.bytes).toEqual(everyByte);
    // 2 MB of noise, starting and ending with 0x00 and 0xff, from a view into a larger buffer.
    const backing = randomBytes(2 * 1024 * 1024 + 16);
    const large = new Uint8Array(backing.buffer, backing.byteOffset + 8, 2 * 1024 * 1024);
    large.set([0x00, 0xff], 0);
    large.set([0xff, 0x00], large.length - 2);
    await store.putExport(makeExport(snapshot, large, 'pdf', 'compilation', 'ar'));
    const read = await store.getExport(snapshot.id, 'pdf', 'compilation', 'ar');
    expect(read?.bytes.byteLength).toBe(large.byteLength);
    expect(sha256(read!.bytes)).toBe(sha256(large));
    expect(read?.signature.fileSha256).toBe(sha256(large));
  });

  it('reports a corrupt stored snapshot or export as an invalid record', async () => {
    const documentId = freshId('doc');
    const sound = makeSnapshot(documentId, 1);
    await store.add(sound);
    const damagedId = freshId('snap');
    await backend.plantCorruptSnapshot(documentId, damagedId, 2);
    await expect(store.get(damagedId)).rejects.toThrow(InvalidThreadRecordError);
    await expect(store.get(damagedId)).rejects.toThrow(/stored snapshot/);
    await expect(store.list(documentId)).rejects.toBeInstanceOf(InvalidThreadRecordError);
    expect(await store.get(sound.id)).toEqual(sound);
    await backend.plantCorruptExport(sound.id);
    await expect(store.getExport(sound.id, 'pdf', 'agreed', 'en')).rejects.toThrow(/stored export signature/);
    await expect(store.putExport(makeExport(sound, new Uint8Array([9])))).rejects.toBeInstanceOf(InvalidThreadRecordError);
  });

  it('keeps snapshots and exports across a reopen', async () => {
    const documentId = freshId('doc');
    const [first, second] = [makeSnapshot(documentId, 1), makeSnapshot(documentId, 2)];
    await store.add(first);
    await store.add(second);
    const bytes = new Uint8Array([0x00, 0xff, 0x25, 0x50, 0x44, 0x46, 0x00]);
    const rendered = await store.putExport(makeExport(second, bytes, 'markdown', 'compilation', 'zh'));
    await store.close();
    store = backend.openStore();
    expect(await store.list(documentId)).toEqual([first, second]);
    expect(await store.get(first.id)).toEqual(first);
    expect(await store.nextNumber(documentId)).toBe(3);
    expect(await store.getExport(second.id, 'markdown', 'compilation', 'zh')).toEqual(rendered);
    await expect(store.add(makeSnapshot(documentId, 2))).rejects.toBeInstanceOf(SnapshotNumberTakenError);
    await expect(store.add({ ...first, number: 3 })).rejects.toBeInstanceOf(DuplicateThreadRecordError);
    expect(await store.putExport(makeExport(second, new Uint8Array([7]), 'markdown', 'compilation', 'zh'))).toEqual(rendered);
  });
});

describe('SQLite snapshot store immutability', () => {
  let backend: Awaited<ReturnType<typeof setUpSqlite>>;
  let store: SnapshotStore;
  beforeAll(async () => {
    backend = await setUpSqlite();
    store = backend.openStore();
  });
  afterAll(async () => {
    await store.close();
    await backend.tearDown();
  });

  it('refuses UPDATE and DELETE of stored snapshots and exports, from any connection', async () => {
    const snapshot = makeSnapshot(freshId('doc'), 1);
    await store.add(snapshot);
    const rendered = await store.putExport(makeExport(snapshot, new Uint8Array([0x00, 0xff])));
    withConnection(backend.directory, (database) => {
      expect(() => database.prepare('UPDATE agreed_snapshots SET number = 7 WHERE id = ?').run(snapshot.id)).toThrow(/immutable: UPDATE refused/);
      expect(() => database.prepare('UPDATE agreed_snapshots SET record = ? WHERE id = ?').run('{}', snapshot.id)).toThrow(/immutable: UPDATE refused/);
      expect(() => database.prepare('DELETE FROM agreed_snapshots WHERE id = ?').run(snapshot.id)).toThrow(/immutable: DELETE refused/);
      expect(() => database.prepare('UPDATE agreed_snapshot_exports SET bytes = ? WHERE snapshot_id = ?').run(Buffer.from([1]), snapshot.id)).toThrow(/immutable: UPDATE refused/);
      expect(() => database.prepare('DELETE FROM agreed_snapshot_exports WHERE snapshot_id = ?').run(snapshot.id)).toThrow(/immutable: DELETE refused/);
    });
    expect(await store.get(snapshot.id)).toEqual(snapshot);
    expect(await store.getExport(snapshot.id, 'pdf', 'agreed', 'en')).toEqual(rendered);
  });
});
