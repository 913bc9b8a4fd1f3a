/** What the benchmark run was asked to do: BENCH_QUICK=1, BENCH_SECONDS=<n>, and `--only=1,3` (or BENCH_ONLY). */
export interface BenchOptions {
  quick: boolean;
  /** Length of each measured window. */
  seconds: number;
  /** Editing before the window opens, so connection setup and JIT warm-up stay out of the figures. */
  warmupSeconds: number;
  /** Workload numbers to run (all when empty). */
  only: Set<number>;
}

export function readBenchOptions(argv: readonly string[] = process.argv.slice(2), environment: NodeJS.ProcessEnv = process.env): BenchOptions {
  const quick = environment.BENCH_QUICK === '1';
  const givenSeconds = Number(environment.BENCH_SECONDS);
  const seconds = Number.isFinite(givenSeconds) && givenSeconds > 0 ? givenSeconds : quick ? 2 : 10;
  const onlyArgument = argv.find((argument) => argument.startsWith('--only='))?.slice('--only='.length) ?? environment.BENCH_ONLY ?? '';
  const only = new Set(onlyArgument.split(',').filter((part) => part.trim() !== '').map(Number));
  for (const workload of only) if (!Number.isInteger(workload) || workload < 1 || workload > 9) throw new Error(`--only: unknown workload ${workload} (1-9)`);
  return { quick, seconds, warmupSeconds: quick ? 0.5 : 2, only };
}
