import type { DocumentMeta } from '@concord/shared';

/** Position in a document's update log. Opaque outside the backend that issued it. */
export type Cursor = string;

/** The cursor before the first entry of any log. */
export const logStart: Cursor = '0';

export interface StoredUpdate {
  cursor: Cursor;
  update: Uint8Array;
  /** Id of the server instance that appended it, so an instance can skip its own entries on the bus. */
  origin: string;
  /** Who sent it (JSON written by the collaboration server, opaque here), or null for entries from before accounts. */
  author: string | null;
}

export interface LoadedDocument {
  /** Compacted state of every update through `snapshotCursor`, or null when never compacted. */
  snapshot: Uint8Array | null;
  /** What the server derived from the log up to the snapshot (attribution, clientID owners), stored with it; opaque here. */
  ledger: string | null;
  /** Updates appended after the snapshot, oldest first. */
  updates: StoredUpdate[];
  /** Cursor of the last update read (or of the snapshot when there are none). */
  cursor: Cursor;
}

/**
 * Durable storage for documents: metadata, an append-only update log and a compacted snapshot.
 * When a returned promise resolves, the data is durable to the backend's configured level
 * (docs/operations.md): the server confirms an update to its sender only after `appendUpdate` resolves.
 */
export interface Store {
  readonly kind: 'sqlite' | 'redis';
  createDocument(meta: DocumentMeta): Promise<void>;
  getDocument(documentId: string): Promise<DocumentMeta | null>;
  listDocuments(): Promise<DocumentMeta[]>;
  /** Snapshot plus the log after it, read atomically with respect to `compact`. */
  loadDocument(documentId: string): Promise<LoadedDocument>;
  /** Appends one update; resolves with its cursor once durable. Appends from one process keep their order. */
  appendUpdate(documentId: string, update: Uint8Array, origin: string, author?: string | null): Promise<Cursor>;
  /**
   * Replaces the snapshot with `snapshot` (and its `ledger`), which hold every update through `throughCursor`,
   * and drops those updates from the log. Does nothing when the stored snapshot is already as recent.
   */
  compact(documentId: string, snapshot: Uint8Array, throughCursor: Cursor, ledger?: string | null): Promise<void>;
  /** Number of log entries after the snapshot (drives compaction and the benchmark). */
  countUpdates(documentId: string): Promise<number>;
  /** Throws when the backend is unreachable (for /readyz). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** What an instance hears from the others about one document. */
export interface DocumentFeedListener {
  /** Log entries appended after the subscription cursor, in log order, own entries included. */
  onUpdates(entries: StoredUpdate[]): void;
  /** Awareness updates published by other instances. */
  onAwareness(update: Uint8Array): void;
  /** Entries may have been missed (this instance stalled past the log's retention): reload from the store. */
  onResync(): void;
}

/**
 * Carries updates and awareness between server instances that share a store.
 * Only the Redis backend has one; the embedded SQLite store serves a single instance.
 */
export interface InstanceBus {
  readonly instanceId: string;
  /** Delivers every log entry after `afterCursor`, then every later one, until unsubscribed. */
  subscribe(documentId: string, afterCursor: Cursor, listener: DocumentFeedListener): () => void;
  publishAwareness(documentId: string, update: Uint8Array): Promise<void>;
  close(): Promise<void>;
}
