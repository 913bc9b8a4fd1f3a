import { useEffect, useRef, useState } from 'react';
import type { SnapshotSummary } from '@concord/shared';
import { getSnapshot, type PublicKey } from '../../api/snapshots.ts';
import { verifySnapshotRecord, type SnapshotCheck } from '../verify/verifySnapshotRecord.ts';

/** A snapshot's check as the list shows it: still running, its result, or no answer from the server. */
export type SnapshotCheckState = 'checking' | SnapshotCheck | 'failed';

/** A snapshot fetch that gets no answer in this time counts as failed (and is tried again when the list reloads). */
const checkTimeoutMs = 30_000;

async function checkOne(snapshotId: string, key: PublicKey, signal: AbortSignal): Promise<SnapshotCheckState> {
  const { verified, ...record } = await getSnapshot(snapshotId, AbortSignal.any([signal, AbortSignal.timeout(checkTimeoutMs)]));
  const browser = await verifySnapshotRecord(record, key);
  return browser === 'unsupported' ? 'unsupported' : verified && browser === 'verified' ? 'verified' : 'not-verified';
}

/**
 * Checks every listed snapshot: the server's own verdict and, in this browser, its hash and signature with the
 * public key. Verified only when both hold. Each snapshot is fetched once (with its content, to hash it), one at a
 * time, the newest waiting first (a snapshot just taken jumps the queue): a document with years of snapshots does
 * not fetch them all at once. Leaving the screen stops the checks.
 */
export function useSnapshotChecks(snapshots: readonly SnapshotSummary[] | null, key: PublicKey | null): ReadonlyMap<string, SnapshotCheckState> {
  const [checks, setChecks] = useState<ReadonlyMap<string, SnapshotCheckState>>(new Map());
  // Snapshots never change: one check each, however often the list is reloaded.
  const started = useRef(new Set<string>());
  /** Snapshots waiting for their check: id to number. */
  const waiting = useRef(new Map<string, number>());
  /** The signal of the worker running now, if any; aborted when the screen goes. */
  const running = useRef<AbortSignal | null>(null);
  const stop = useRef(new AbortController());

  useEffect(() => {
    const controller = new AbortController();
    stop.current = controller;
    return () => controller.abort();
  }, []);

  /** Checks the waiting snapshots one at a time, newest first, until none waits or `signal` stops it. */
  const drain = (signal: AbortSignal, key: PublicKey) => {
    if (running.current === signal || signal.aborted) return;
    running.current = signal;
    void (async () => {
      while (waiting.current.size > 0 && !signal.aborted) {
        const [id, number] = [...waiting.current].reduce((newest, entry) => (entry[1] > newest[1] ? entry : newest));
        waiting.current.delete(id);
        const state = await checkOne(id, key, signal).catch((): SnapshotCheckState => 'failed');
        if (signal.aborted) {
          // Stopped meanwhile (the screen went, or React remounted it): the check is owed to a live worker.
          waiting.current.set(id, number);
          if (running.current === signal) running.current = null;
          drain(stop.current.signal, key);
          return;
        }
        if (state === 'failed') started.current.delete(id);
        setChecks((previous) => new Map(previous).set(id, state));
      }
      if (running.current === signal) running.current = null;
    })();
  };

  useEffect(() => {
    if (snapshots === null || key === null) return;
    const waitingNow = snapshots.filter((summary) => !started.current.has(summary.id));
    for (const summary of waitingNow) {
      started.current.add(summary.id);
      waiting.current.set(summary.id, summary.number);
    }
    if (waitingNow.length > 0) setChecks((previous) => new Map([...previous, ...waitingNow.map((summary) => [summary.id, 'checking'] as const)]));
    drain(stop.current.signal, key);
  }, [snapshots, key]);
  return checks;
}
