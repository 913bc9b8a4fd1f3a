import { rmSync } from 'node:fs';
import type { BenchOptions } from '../benchOptions.ts';
import { startConcord, startReference, type BenchServer } from '../benchServers.ts';
import { redisProcessId } from '../redisProcessId.ts';
import type { Column, WorkloadResult } from '../report.ts';
import { runFanOut, type FanOutClient } from '../runFanOut.ts';
import { startRedisServer, type RedisServer } from '../../utils/redisServer.ts';

interface FanOutShape {
  id: number;
  rooms: number;
  clientsPerRoom: number;
  editsPerSecondPerClient: number;
  withRedis: boolean;
}

/** The three fan-out workloads of the brief. */
export const fanOutShapes: readonly FanOutShape[] = [
  { id: 1, rooms: 1, clientsPerRoom: 50, editsPerSecondPerClient: 2, withRedis: true },
  { id: 2, rooms: 1, clientsPerRoom: 200, editsPerSecondPerClient: 0.5, withRedis: false },
  { id: 3, rooms: 20, clientsPerRoom: 10, editsPerSecondPerClient: 5, withRedis: false },
];

interface Variant {
  label: string;
  start(): Promise<{ server: BenchServer; redis: RedisServer | null }>;
}

function variantsFor(shape: FanOutShape): Variant[] {
  const concordOnRedis = (label: string, appendOnly: boolean): Variant => ({
    label,
    async start() {
      const redis = await startRedisServer({ appendOnly, appendFsync: 'everysec' });
      try {
        return { server: await startConcord({ label, redisUrl: redis.url }), redis };
      } catch (error) {
        await redis.stop();
        throw error;
      }
    },
  });
  return [
    { label: 'Concord (SQLite)', start: async () => ({ server: await startConcord({ label: 'Concord (SQLite)' }), redis: null }) },
    ...(shape.withRedis ? [concordOnRedis('Concord (Redis)', false), concordOnRedis('Concord (Redis, AOF everysec)', true)] : []),
    { label: 'reference y-websocket', start: async () => ({ server: await startReference({ label: 'reference y-websocket' }), redis: null }) },
  ];
}

const columns: Column[] = [
  { key: 'server', header: 'server', format: 'text' },
  { key: 'editsPerSecond', header: 'edits/s', format: 'count' },
  { key: 'delivered', header: 'delivered', format: 'percent' },
  { key: 'p50', header: 'p50 ms', format: 'ms' },
  { key: 'p95', header: 'p95 ms', format: 'ms' },
  { key: 'p99', header: 'p99 ms', format: 'ms' },
  { key: 'max', header: 'max ms', format: 'ms' },
  { key: 'serverCpu', header: 'server CPU s/s', format: 'cpu' },
  { key: 'cpuVsReference', header: 'CPU vs ref', format: 'ratio' },
  { key: 'redisCpu', header: 'redis CPU s/s', format: 'cpu' },
  { key: 'peakRss', header: 'peak RSS MB', format: 'mb' },
  { key: 'generatorCpu', header: 'loadgen CPU s/s', format: 'cpu' },
  { key: 'generatorLoopDelay', header: 'loadgen lag p99 ms', format: 'ms' },
];

/** Workloads 1-3: N rooms x M clients, each editing at a fixed rate; every other client of the room records latency. */
export async function runFanOutWorkload(shape: FanOutShape, options: BenchOptions): Promise<WorkloadResult> {
  const totalRate = shape.rooms * shape.clientsPerRoom * shape.editsPerSecondPerClient;
  const result: WorkloadResult = {
    id: shape.id,
    title: `${shape.rooms} room${shape.rooms > 1 ? 's' : ''} x ${shape.clientsPerRoom} clients x ${shape.editsPerSecondPerClient} edits/s (${totalRate.toLocaleString('en-US')} edits/s offered), ${options.seconds} s window`,
    columns,
    rows: [],
    notes: [],
  };
  for (const variant of variantsFor(shape)) {
    const { server, redis } = await variant.start();
    try {
      const redisPid = redis ? await redisProcessId(redis.url) : null;
      const specs: FanOutClient[] = [];
      for (let room = 0; room < shape.rooms; room++) {
        const documentId = await server.createDocument(`fan-out room ${room}`);
        for (let client = 0; client < shape.clientsPerRoom; client++) {
          specs.push({ serverUrl: server.url, documentId, editsPerSecond: shape.editsPerSecondPerClient, group: 'all', otherClients: shape.clientsPerRoom - 1 });
        }
      }
      const measuredPids = redisPid === null ? [server.pid] : [server.pid, redisPid];
      const run = await runFanOut(specs, { measuredPids, seconds: options.seconds, warmupSeconds: options.warmupSeconds });
      result.rows.push({
        server: variant.label,
        editsPerSecond: run.editsSent / run.windowSeconds,
        delivered: run.deliveriesExpected === 0 ? null : run.deliveries / run.deliveriesExpected,
        p50: run.latency.p50,
        p95: run.latency.p95,
        p99: run.latency.p99,
        max: run.latency.max,
        serverCpu: run.cpuPerSecond.get(server.pid) ?? null,
        cpuVsReference: null,
        redisCpu: redisPid === null ? null : (run.cpuPerSecond.get(redisPid) ?? null),
        peakRss: run.peakRss.get(server.pid) ?? null,
        generatorCpu: run.generatorCpuPerSecond,
        generatorLoopDelay: run.generatorLoopDelayP99,
      });
      if (run.generatorCpuPerSecond > 0.8) {
        result.notes.push(`${variant.label}: the load generator used ${run.generatorCpuPerSecond.toFixed(2)} CPU s/s, close to one core: latencies include its queueing.`);
      }
    } finally {
      await server.stop();
      await redis?.stop();
      if (redis) rmSync(redis.directory, { recursive: true, force: true });
    }
  }
  const referenceCpu = result.rows.find((row) => row.server === 'reference y-websocket')?.serverCpu;
  for (const row of result.rows) {
    if (typeof referenceCpu === 'number' && typeof row.serverCpu === 'number' && referenceCpu > 0) row.cpuVsReference = row.serverCpu / referenceCpu;
  }
  result.notes.push(
    'Latency: edit sent by one client -> received by each other client of its room, taken on receipt (one load-generator process, one clock; each client applies what it received in one transaction right before its next edit, which keeps that process well below one core). CPU: utime+stime of the server process from /proc over the window; Redis variants also show redis-server.',
    'Concord stores each update (SQLite WAL, synchronous=NORMAL, or Redis XADD) before relaying it; the reference keeps documents in memory only.',
  );
  if (shape.id === 3) result.notes.push('Target: Concord (SQLite) CPU vs reference <= ~1.3x.');
  return result;
}
