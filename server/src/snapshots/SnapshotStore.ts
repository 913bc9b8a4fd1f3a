import type { ExportFormat, ExportLanguage, ExportMode, ExportSignature, Snapshot } from '@concord/shared';

/** One rendered export of a snapshot, kept so that it never changes once made (some renderers stamp times). */
export interface StoredExport {
  snapshotId: string;
  format: ExportFormat;
  mode: ExportMode;
  language: ExportLanguage;
  bytes: Uint8Array;
  /** The signature file that travels with it. */
  signature: ExportSignature;
}

export class SnapshotNumberTakenError extends Error {
  override name = 'SnapshotNumberTakenError';
}

/**
 * Issue 6's snapshots: immutable once written (no update, no delete), and the exports made of them, each stored at
 * first rendering. SQLite and Redis implement it; one contract suite (tests/integration/snapshotStore.contract.test.ts)
 * runs against both. Records are validated with the shared zod schemas when written and when read (a corrupt
 * record is an InvalidThreadRecordError naming it, from server/src/threads/ThreadStore.ts).
 */
export interface SnapshotStore {
  /**
   * The number the next snapshot of a document gets: 1 + the highest taken (1 for the first). Two instances may
   * both read it; `add` then refuses the second with SnapshotNumberTakenError, and the caller takes the next.
   */
  nextNumber(documentId: string): Promise<number>;
  /** Stores a snapshot. Throws SnapshotNumberTakenError if its document already has one with that number, DuplicateThreadRecordError if the id is taken. */
  add(snapshot: Snapshot): Promise<void>;
  get(snapshotId: string): Promise<Snapshot | null>;
  /** A document's snapshots, by number. */
  list(documentId: string): Promise<Snapshot[]>;
  /** The stored export, or null when it was never rendered. */
  getExport(snapshotId: string, format: ExportFormat, mode: ExportMode, language: ExportLanguage): Promise<StoredExport | null>;
  /**
   * Keeps an export unless one is already stored for the same snapshot, format, mode and language; answers the one
   * stored (the first writer wins, so two instances rendering at once agree on the bytes served).
   */
  putExport(stored: StoredExport): Promise<StoredExport>;
  close(): Promise<void>;
}
