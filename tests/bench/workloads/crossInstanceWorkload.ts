import { rmSync } from 'node:fs';
import type { BenchOptions } from '../benchOptions.ts';
import { startConcord, startReference } from '../benchServers.ts';
import { redisProcessId } from '../redisProcessId.ts';
import type { Cell, WorkloadResult } from '../report.ts';
import { runFanOut, type FanOutClient } from '../runFanOut.ts';
import { startRedisServer } from '../../utils/redisServer.ts';

const readersOnB = 10;
const writerEditsPerSecond = 20;

/** The same clients on one reference server: what a single in-memory relay costs on this machine. */
async function relayFloor(options: BenchOptions): Promise<Record<string, Cell>> {
  const reference = await startReference({ label: 'reference y-websocket' });
  try {
    const documentId = await reference.createDocument();
    const otherClients = readersOnB + 1;
    const specs: FanOutClient[] = [
      ...Array.from({ length: otherClients }, () => ({ serverUrl: reference.url, documentId, editsPerSecond: 0, group: 'reader', otherClients })),
      { serverUrl: reference.url, documentId, editsPerSecond: writerEditsPerSecond, group: 'writer', otherClients },
    ];
    const { latency } = await runFanOut(specs, { measuredPids: [reference.pid], seconds: options.seconds, warmupSeconds: options.warmupSeconds });
    return { path: 'floor: same clients, one reference y-websocket', samples: latency.samples, p50: latency.p50, p95: latency.p95, p99: latency.p99, max: latency.max };
  } finally {
    await reference.stop();
  }
}

/** Workload 6: two Concord instances on one Redis; one writer on A, readers on B (and one on A for contrast). */
export async function runCrossInstanceWorkload(options: BenchOptions): Promise<WorkloadResult> {
  const result: WorkloadResult = {
    id: 6,
    title: `Cross-instance: writer on Concord A (${writerEditsPerSecond} edits/s), ${readersOnB} readers on Concord B, one shared redis-server`,
    columns: [
      { key: 'path', header: 'path', format: 'text' },
      { key: 'samples', header: 'samples', format: 'count' },
      { key: 'p50', header: 'p50 ms', format: 'ms' },
      { key: 'p95', header: 'p95 ms', format: 'ms' },
      { key: 'p99', header: 'p99 ms', format: 'ms' },
      { key: 'max', header: 'max ms', format: 'ms' },
    ],
    rows: [],
    notes: [],
  };
  const redis = await startRedisServer({ appendOnly: false });
  try {
    const instanceA = await startConcord({ label: 'Concord A', redisUrl: redis.url });
    const instanceB = await startConcord({ label: 'Concord B', redisUrl: redis.url });
    try {
      const redisPid = await redisProcessId(redis.url);
      const documentId = await instanceA.createDocument('cross-instance');
      const otherClients = readersOnB + 1;
      const specs: FanOutClient[] = [
        // Readers first, so B follows the document before the writer's first edit.
        ...Array.from({ length: readersOnB }, () => ({ serverUrl: instanceB.url, documentId, editsPerSecond: 0, group: 'A -> B (other instance)', otherClients })),
        { serverUrl: instanceA.url, documentId, editsPerSecond: 0, group: 'A -> A (same instance)', otherClients },
        { serverUrl: instanceA.url, documentId, editsPerSecond: writerEditsPerSecond, group: 'writer', otherClients },
      ];
      const run = await runFanOut(specs, { measuredPids: [instanceA.pid, instanceB.pid, redisPid], seconds: options.seconds, warmupSeconds: options.warmupSeconds });
      for (const path of ['A -> B (other instance)', 'A -> A (same instance)']) {
        const latency = run.latencyByGroup[path];
        if (latency) result.rows.push({ path, samples: latency.samples, p50: latency.p50, p95: latency.p95, p99: latency.p99, max: latency.max });
      }
      const cpu = (pid: number): string => (run.cpuPerSecond.get(pid) ?? Number.NaN).toFixed(3);
      result.notes.push(
        `Delivered ${run.deliveries} of ${run.deliveriesExpected} expected. CPU s/s: A ${cpu(instanceA.pid)}, B ${cpu(instanceB.pid)}, redis-server ${cpu(redisPid)}.`,
        'Target: A -> B p50 < 1.5 ms. Path: A checks, applies and XADDs the update; B is blocked in XREAD on the document stream, applies the entry and relays it. The floor row is the same 12 clients on one in-memory reference server: a single relay hop on this machine.',
      );
    } finally {
      await instanceA.stop();
      await instanceB.stop();
    }
  } finally {
    await redis.stop();
    rmSync(redis.directory, { recursive: true, force: true });
  }
  result.rows.push(await relayFloor(options));
  return result;
}
