import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Kernel clock ticks per second, the unit of utime and stime in /proc/<pid>/stat. */
const clockTicksPerSecond = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** User + system CPU seconds a process has used so far (all of its threads). */
export function readCpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may contain spaces; the fields after its closing parenthesis are fixed.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const userTicks = Number(fields[11]);
  const systemTicks = Number(fields[12]);
  return (userTicks + systemTicks) / clockTicksPerSecond;
}

/** Resident set size now (VmRSS) and the process's peak so far (VmHWM), in bytes. */
export function readMemory(pid: number): { rss: number; peakRss: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kilobytes = (name: string): number => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  return { rss: kilobytes('VmRSS') * 1024, peakRss: kilobytes('VmHWM') * 1024 };
}

/** Samples a process's RSS every 100 ms and keeps the peak: VmHWM covers the whole life of the process. */
export class RssSampler {
  private peak = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly pid: number) {
    this.sample();
    this.timer = setInterval(() => this.sample(), 100);
  }

  private sample(): void {
    try {
      this.peak = Math.max(this.peak, readMemory(this.pid).rss);
    } catch {
      // The process has exited; the peak so far stands.
    }
  }

  /** Stops sampling and returns the peak RSS seen, in bytes. */
  stop(): number {
    this.sample();
    clearInterval(this.timer);
    return this.peak;
  }
}

/** CPU used by several processes over one measured window. */
export class CpuWindow {
  private readonly startSeconds: Map<number, number>;
  private readonly startedAt = performance.now();

  constructor(private readonly pids: readonly number[]) {
    this.startSeconds = new Map(pids.map((pid) => [pid, readCpuSeconds(pid)]));
  }

  /** CPU seconds each process used since the window opened, and the window's length in seconds. */
  close(): { cpuSeconds: Map<number, number>; wallSeconds: number } {
    const wallSeconds = (performance.now() - this.startedAt) / 1000;
    const cpuSeconds = new Map(this.pids.map((pid) => [pid, readCpuSeconds(pid) - (this.startSeconds.get(pid) ?? 0)]));
    return { cpuSeconds, wallSeconds };
  }
}
