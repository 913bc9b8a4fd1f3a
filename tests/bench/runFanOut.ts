import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { LatencyRecorder, type LatencySummary } from './LatencyRecorder.ts';
import { LoadClient } from './LoadClient.ts';
import { CpuWindow, RssSampler } from './processStats.ts';

export interface FanOutClient {
  serverUrl: string;
  documentId: string;
  /** 0 for a client that only reads. */
  editsPerSecond: number;
  /** Receiver group its latencies count under. */
  group: string;
  /** Clients in its room besides itself, i.e. receivers of each of its edits. */
  otherClients: number;
}

export interface FanOutResult {
  latency: LatencySummary;
  latencyByGroup: Record<string, LatencySummary>;
  editsSent: number;
  deliveriesExpected: number;
  deliveries: number;
  windowSeconds: number;
  /** CPU seconds per wall second, per measured pid. */
  cpuPerSecond: Map<number, number>;
  /** Peak RSS in bytes during the window, per measured pid. */
  peakRss: Map<number, number>;
  /** Load generator (this process): CPU seconds per second and its event-loop delay p99 in ms. */
  generatorCpuPerSecond: number;
  generatorLoopDelayP99: number;
}

const connectBatchSize = 25;
const drainTimeoutMs = 3_000;

/**
 * Connects the clients, lets them edit at their rates, and measures one window: fan-out latency
 * of the edits sent in it, and CPU and peak RSS of the given processes. Edits sent in the window
 * may arrive during a short drain afterwards; the delivery count says if any never did.
 */
export async function runFanOut(specs: readonly FanOutClient[], options: { measuredPids: readonly number[]; seconds: number; warmupSeconds: number }): Promise<FanOutResult> {
  const recorder = new LatencyRecorder();
  const clients: LoadClient[] = [];
  const timers: NodeJS.Timeout[] = [];
  try {
    for (let start = 0; start < specs.length; start += connectBatchSize) {
      const batch = specs.slice(start, start + connectBatchSize).map(
        (spec) => new LoadClient({ serverUrl: spec.serverUrl, documentId: spec.documentId, recorder, group: spec.group, otherClients: spec.otherClients, deferApply: true }),
      );
      clients.push(...batch);
      await Promise.all(batch.map((client) => client.whenSynced()));
    }

    specs.forEach((spec, index) => {
      const client = clients[index];
      if (!client || spec.editsPerSecond <= 0) return;
      const period = 1000 / spec.editsPerSecond;
      // A random phase spreads the clients' edits instead of firing them in lockstep.
      timers.push(
        setTimeout(() => {
          client.edit();
          timers.push(setInterval(() => client.edit(), period));
        }, Math.random() * period),
      );
    });
    await delay(options.warmupSeconds * 1000);

    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    loopDelay.enable();
    const generatorCpuStart = process.cpuUsage();
    const samplers = options.measuredPids.map((pid) => new RssSampler(pid));
    const cpu = new CpuWindow(options.measuredPids);
    recorder.start();
    await delay(options.seconds * 1000);
    recorder.stop();
    const { cpuSeconds, wallSeconds } = cpu.close();
    const generatorCpu = process.cpuUsage(generatorCpuStart);
    loopDelay.disable();
    const peaks = samplers.map((sampler) => sampler.stop());
    for (const timer of timers) clearInterval(timer);

    const drainDeadline = performance.now() + drainTimeoutMs;
    while (recorder.deliveries() < recorder.deliveriesExpected && performance.now() < drainDeadline) await delay(20);

    const groups = [...new Set(specs.map((spec) => spec.group))];
    return {
      latency: recorder.summary(),
      latencyByGroup: Object.fromEntries(groups.map((group) => [group, recorder.summary(group)])),
      editsSent: recorder.editsSent,
      deliveriesExpected: recorder.deliveriesExpected,
      deliveries: recorder.deliveries(),
      windowSeconds: wallSeconds,
      cpuPerSecond: new Map([...cpuSeconds].map(([pid, seconds]) => [pid, seconds / wallSeconds])),
      peakRss: new Map(options.measuredPids.map((pid, index) => [pid, peaks[index] ?? 0])),
      generatorCpuPerSecond: (generatorCpu.user + generatorCpu.system) / 1e6 / wallSeconds,
      generatorLoopDelayP99: loopDelay.percentile(99) / 1e6,
    };
  } finally {
    for (const timer of timers) clearInterval(timer);
    await Promise.all(clients.map((client) => client.close()));
  }
}
