/**
 * Fan-out latency bookkeeping, shared by every client of the load generator (one process, so one
 * clock). An edit is known by the Yjs ID of its first new item (client:clock), which both servers
 * relay unchanged, so no timestamp needs to travel inside the document.
 */
export class LatencyRecorder {
  private readonly sentAt = new Map<string, number>();
  private readonly samples = new Map<string, number[]>();
  private recording = false;
  /** Edits sent while recording. */
  editsSent = 0;
  /** Deliveries owed for the edits sent while recording (each edit once to every other client of its room). */
  deliveriesExpected = 0;

  start(): void {
    this.recording = true;
  }

  stop(): void {
    this.recording = false;
  }

  /** Called right before an edit goes on the wire. */
  markSent(editId: string, otherClients: number): void {
    if (!this.recording) return;
    this.sentAt.set(editId, performance.now());
    this.editsSent++;
    this.deliveriesExpected += otherClients;
  }

  /** Called when a client receives someone else's edit; `group` names the kind of receiver. */
  markReceived(editId: string, group: string): void {
    const sentAt = this.sentAt.get(editId);
    if (sentAt === undefined) return;
    let groupSamples = this.samples.get(group);
    if (!groupSamples) this.samples.set(group, (groupSamples = []));
    groupSamples.push(performance.now() - sentAt);
  }

  deliveries(group?: string): number {
    if (group !== undefined) return this.samples.get(group)?.length ?? 0;
    let total = 0;
    for (const groupSamples of this.samples.values()) total += groupSamples.length;
    return total;
  }

  /** Latency percentiles in milliseconds, over one group or all of them. */
  summary(group?: string): LatencySummary {
    const values = group !== undefined ? [...(this.samples.get(group) ?? [])] : [...this.samples.values()].flat();
    values.sort((first, second) => first - second);
    return {
      samples: values.length,
      p50: percentile(values, 0.5),
      p95: percentile(values, 0.95),
      p99: percentile(values, 0.99),
      max: values.at(-1) ?? null,
    };
  }
}

export interface LatencySummary {
  samples: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
}

/** Nearest-rank percentile of sorted values; null when there are none. */
export function percentile(sorted: readonly number[], fraction: number): number | null {
  if (sorted.length === 0) return null;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return sorted[index] ?? null;
}

/** Median of unsorted values; null when there are none. */
export function median(values: readonly number[]): number | null {
  return percentile([...values].sort((first, second) => first - second), 0.5);
}
