import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { RedisStore, SqliteStore, initialContent, type Store } from '@concord/server';
import { draftText } from '../../utils/draft.ts';
import type { BenchOptions } from '../benchOptions.ts';
import type { WorkloadResult } from '../report.ts';
import { startRedisServer, type RedisServerOptions } from '../../utils/redisServer.ts';

const documentId = 'append-latency';

/** A keystroke in a new document's first paragraph, as Concord appends it. */
function keystroke(): Uint8Array {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, initialContent());
  let update: Uint8Array = new Uint8Array();
  doc.on('update', (emitted: Uint8Array) => (update = emitted));
  draftText(doc).insert(0, 'a');
  return update;
}

/** The author the collaboration server stamps on a delegate's update (stored with it). */
const author = JSON.stringify({ userId: 'bench-delegate', name: 'Benchmark delegate', role: 'delegate', speaker: 'FRA', typedFor: false, at: new Date().toISOString() });

const percentile = (sorted: number[], fraction: number): number => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? Number.NaN;

/** Appends one update at a time, as a single typing delegate would, and times each until it resolves. */
async function timeAppends(store: Store, count: number): Promise<number[]> {
  await store.createDocument({ id: documentId, title: 'Append latency', kind: 'other', session: 'Benchmark session', createdAt: new Date().toISOString() });
  const update = keystroke();
  const durations: number[] = [];
  for (let index = 0; index < count; index++) {
    const started = performance.now();
    await store.appendUpdate(documentId, update, 'bench', author);
    durations.push(performance.now() - started);
  }
  return durations.sort((first, second) => first - second);
}

/**
 * (8) The price of relaying only after the store: how long one append takes to resolve on each
 * backend, i.e. what an update waits before it goes out to the other delegates.
 */
export async function runAppendLatencyWorkload(options: BenchOptions): Promise<WorkloadResult> {
  const count = options.quick ? 300 : 3000;
  const result: WorkloadResult = {
    id: 8,
    title: `store append latency: ${count} sequential keystroke appends (what relaying after the store costs)`,
    columns: [
      { key: 'store', header: 'store', format: 'text' },
      { key: 'p50', header: 'p50 ms', format: 'ms' },
      { key: 'p95', header: 'p95 ms', format: 'ms' },
      { key: 'p99', header: 'p99 ms', format: 'ms' },
    ],
    rows: [],
    notes: [
      'Each append resolves once durable at the backend setting shown; the relay to other clients waits for it. The reference server relays without storing.',
    ],
  };
  const record = (store: string, durations: number[]) =>
    result.rows.push({ store, p50: percentile(durations, 0.5), p95: percentile(durations, 0.95), p99: percentile(durations, 0.99) });

  for (const synchronous of ['NORMAL', 'FULL'] as const) {
    const directory = mkdtempSync(join(tmpdir(), 'concord-bench-append-'));
    const store = new SqliteStore({ directory, synchronous });
    try {
      record(`SQLite WAL, synchronous=${synchronous}`, await timeAppends(store, count));
    } finally {
      await store.close();
      rmSync(directory, { recursive: true, force: true });
    }
  }
  const redisSettings: Array<[string, RedisServerOptions]> = [
    ['Redis, no persistence', { appendOnly: false }],
    ['Redis, AOF appendfsync everysec', { appendOnly: true, appendFsync: 'everysec' }],
    ['Redis, AOF appendfsync always', { appendOnly: true, appendFsync: 'always' }],
  ];
  for (const [label, settings] of redisSettings) {
    const redis = await startRedisServer(settings);
    const store = new RedisStore(redis.url);
    try {
      record(label, await timeAppends(store, count));
    } finally {
      await store.close();
      await redis.stop();
    }
  }
  return result;
}
