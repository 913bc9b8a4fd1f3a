/**
 * `pnpm bench`: Concord against the reference y-websocket server on the same workloads, each
 * server in its own process. Prints a table per workload and writes results/latest.{json,md}.
 * BENCH_QUICK=1: ~2 s windows (smoke run). BENCH_SECONDS=<n>: window length. --only=1,3 (or
 * BENCH_ONLY=1,3): some workloads, results not written. BENCH_PROFILE_DIR=<dir>: each server
 * process writes a V8 CPU profile there (figures then include the profiler; not written either).
 */
import { cpus, loadavg, release, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { readBenchOptions } from './benchOptions.ts';
import { renderText, writeReport, type BenchReport, type WorkloadResult } from './report.ts';
import { fanOutShapes, runFanOutWorkload } from './workloads/fanOutWorkloads.ts';
import { runJoinWorkload } from './workloads/joinWorkload.ts';
import { runMemoryWorkload } from './workloads/memoryWorkload.ts';
import { runCrossInstanceWorkload } from './workloads/crossInstanceWorkload.ts';
import { runLogLengthWorkload } from './workloads/logLengthWorkload.ts';
import { runAppendLatencyWorkload } from './workloads/appendLatencyWorkload.ts';
import { runEditorWorkload } from './workloads/editorWorkload.ts';
import type { BenchOptions } from './benchOptions.ts';

const options = readBenchOptions();
const resultsDirectory = fileURLToPath(new URL('./results', import.meta.url));

const workloads: Array<{ id: number; title: string; run: (options: BenchOptions) => Promise<WorkloadResult> }> = [
  ...fanOutShapes.map((shape) => ({ id: shape.id, title: `fan-out ${shape.id}`, run: (given: BenchOptions) => runFanOutWorkload(shape, given) })),
  { id: 4, title: 'join', run: runJoinWorkload },
  { id: 5, title: 'memory', run: runMemoryWorkload },
  { id: 6, title: 'cross-instance', run: runCrossInstanceWorkload },
  { id: 7, title: 'history length', run: runLogLengthWorkload },
  { id: 8, title: 'store append latency', run: runAppendLatencyWorkload },
  { id: 9, title: 'editor', run: runEditorWorkload },
];

const environmentPrefix = ['BENCH_QUICK', 'BENCH_SECONDS', 'BENCH_ONLY']
  .filter((name) => process.env[name] !== undefined && process.env[name] !== '')
  .map((name) => `${name}=${process.env[name]} `)
  .join('');
const viaPnpm = process.env.npm_lifecycle_event === 'bench';
const benchArguments = process.argv.slice(2).filter((argument) => argument !== '--');
const command = `${environmentPrefix}${viaPnpm ? 'pnpm bench' : 'tsx bench/run.ts'}${benchArguments.length > 0 ? `${viaPnpm ? ' --' : ''} ${benchArguments.join(' ')}` : ''}`;
const processors = cpus();
const machine = {
  cores: processors.length,
  cpu: processors[0]?.model.trim() ?? 'unknown',
  memory: `${(totalmem() / 1024 ** 3).toFixed(1)} GiB`,
  node: process.version,
  kernel: `Linux ${release()}`,
  'load average at start': loadavg().map((load) => load.toFixed(2)).join(' '),
};

console.log(`Concord benchmark\n  command: ${command}\n  machine: ${Object.entries(machine).map(([name, value]) => `${name} ${value}`).join(', ')}`);
console.log(`  windows: ${options.seconds} s measured after ${options.warmupSeconds} s warm-up${options.quick ? ' (quick mode)' : ''}`);

const startedAt = new Date();
const started = performance.now();
const results: WorkloadResult[] = [];
for (const workload of workloads) {
  if (options.only.size > 0 && !options.only.has(workload.id)) continue;
  const workloadStarted = performance.now();
  let result: WorkloadResult;
  try {
    result = await workload.run(options);
  } catch (error) {
    result = { id: workload.id, title: workload.title, columns: [], rows: [], notes: [], error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  results.push(result);
  console.log(`${renderText(result)}\n  (${((performance.now() - workloadStarted) / 1000).toFixed(0)} s)`);
}

const report: BenchReport = {
  command,
  machine,
  options: { quick: options.quick, seconds: options.seconds, warmupSeconds: options.warmupSeconds, only: [...options.only].join(',') || 'all' },
  startedAt: startedAt.toISOString(),
  durationSeconds: (performance.now() - started) / 1000,
  workloads: results,
};
// A partial or profiled run would replace the last full figures with figures that are not comparable.
const partial = options.only.size > 0 || Boolean(process.env.BENCH_PROFILE_DIR);
if (partial) console.log(`\nTotal ${report.durationSeconds.toFixed(0)} s. Partial or profiled run: ${resultsDirectory}/latest.* left as they were.`);
else {
  writeReport(report, resultsDirectory);
  console.log(`\nTotal ${report.durationSeconds.toFixed(0)} s. Results: ${resultsDirectory}/latest.json and latest.md`);
}
const failed = results.filter((result) => result.error !== undefined);
if (failed.length > 0) {
  console.error(`${failed.length} workload(s) failed: ${failed.map((result) => result.id).join(', ')}`);
  process.exitCode = 1;
}
