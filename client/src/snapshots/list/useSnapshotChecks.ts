import { useEffect, useRef, useState } from 'react';
import type { SnapshotSummary } from '@concord/shared';
import { getSnapshot, type PublicKey } from '../../api/snapshots.ts';
import { verifySnapshotRecord, type SnapshotCheck } from '../verify/verifySnapshotRecord.ts';

/** A snapshot's check as the list shows it: still running, its result, or no answer from the server. */
export type SnapshotCheckState = 'checking' | SnapshotCheck | 'failed';

async function checkOne(snapshotId: string, key: PublicKey): Promise<SnapshotCheckState> {
  const { verified, ...record } = await getSnapshot(snapshotId);
  const browser = await verifySnapshotRecord(record, key);
  return browser === 'unsupported' ? 'unsupported' : verified && browser === 'verified' ? 'verified' : 'not-verified';
}

/**
 * Checks every listed snapshot: the server's own verdict and, in this browser, its hash and signature with the
 * public key. Verified only when both hold. Each snapshot is fetched once (with its content, to hash it), one at a
 * time and the newest first: a document with years of snapshots does not fetch them all at once.
 */
export function useSnapshotChecks(snapshots: readonly SnapshotSummary[] | null, key: PublicKey | null): ReadonlyMap<string, SnapshotCheckState> {
  const [checks, setChecks] = useState<ReadonlyMap<string, SnapshotCheckState>>(new Map());
  // Snapshots never change: one check each, however often the list is reloaded.
  const started = useRef(new Set<string>());
  const queue = useRef<Promise<void>>(Promise.resolve());
  useEffect(() => {
    if (snapshots === null || key === null) return;
    // Results land whenever they come, even after the list was reloaded: they are keyed by snapshot.
    const set = (id: string, state: SnapshotCheckState) => {
      if (state === 'failed') started.current.delete(id);
      setChecks((previous) => new Map(previous).set(id, state));
    };
    const newestFirst = [...snapshots].sort((left, right) => right.number - left.number);
    for (const summary of newestFirst) {
      if (started.current.has(summary.id)) continue;
      started.current.add(summary.id);
      set(summary.id, 'checking');
      queue.current = queue.current.then(() =>
        checkOne(summary.id, key).then(
          (state) => set(summary.id, state),
          () => set(summary.id, 'failed'),
        ),
      );
    }
  }, [snapshots, key]);
  return checks;
}
