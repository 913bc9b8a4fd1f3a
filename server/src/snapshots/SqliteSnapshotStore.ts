import type Database from 'better-sqlite3';
import { z } from 'zod';
import { documentIdSchema, exportSignatureSchema, snapshotSchema, type ExportFormat, type ExportLanguage, type ExportMode, type Snapshot } from '@concord/shared';
import { openSqliteFile } from '../storage/openSqliteFile.ts';
import { DuplicateThreadRecordError, ThreadRecordNotFoundError, storedRecord, validRecord } from '../threads/ThreadStore.ts';
import { SnapshotNumberTakenError, type SnapshotStore, type StoredExport } from './SnapshotStore.ts';
import { ownBytes, storedSnapshot, validExport } from './snapshotRecords.ts';

// `snapshots` is the document store's table (its compaction snapshots): these are the agreed, signed ones.
// Each snapshot is one JSON column (validated by zod both ways) beside the key columns the queries need;
// created_at is milliseconds. The triggers make both tables write-once for every connection, ours included:
// a bug cannot rewrite a signed snapshot or the bytes already served. (Someone holding the file could drop them.)
const schema = `
  CREATE TABLE IF NOT EXISTS agreed_snapshots (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    document_id TEXT NOT NULL,
    number INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    record TEXT NOT NULL CHECK (json_valid(record)),
    UNIQUE (document_id, number)
  ) STRICT;
  CREATE TABLE IF NOT EXISTS agreed_snapshot_exports (
    snapshot_id TEXT NOT NULL REFERENCES agreed_snapshots (id),
    format TEXT NOT NULL,
    mode TEXT NOT NULL,
    language TEXT NOT NULL,
    bytes BLOB NOT NULL,
    signature TEXT NOT NULL CHECK (json_valid(signature)),
    PRIMARY KEY (snapshot_id, format, mode, language)
  ) STRICT;
  CREATE TRIGGER IF NOT EXISTS agreed_snapshots_refuse_update BEFORE UPDATE ON agreed_snapshots
  BEGIN SELECT RAISE(ABORT, 'agreed_snapshots are immutable: UPDATE refused'); END;
  CREATE TRIGGER IF NOT EXISTS agreed_snapshots_refuse_delete BEFORE DELETE ON agreed_snapshots
  BEGIN SELECT RAISE(ABORT, 'agreed_snapshots are immutable: DELETE refused'); END;
  CREATE TRIGGER IF NOT EXISTS agreed_snapshot_exports_refuse_update BEFORE UPDATE ON agreed_snapshot_exports
  BEGIN SELECT RAISE(ABORT, 'agreed_snapshot_exports are immutable: UPDATE refused'); END;
  CREATE TRIGGER IF NOT EXISTS agreed_snapshot_exports_refuse_delete BEFORE DELETE ON agreed_snapshot_exports
  BEGIN SELECT RAISE(ABORT, 'agreed_snapshot_exports are immutable: DELETE refused'); END;
`;

const recordRowSchema = z.object({ record: z.string() });
const nextRowSchema = z.object({ next: z.number().int() });
const exportRowSchema = z.object({ bytes: z.instanceof(Uint8Array), signature: z.string() });

/** Agreed snapshots and their exports in `<directory>/concord.sqlite`, on their own connection (WAL shares the file). */
export class SqliteSnapshotStore implements SnapshotStore {
  private readonly database: Database.Database;
  private readonly statements;
  private closed = false;

  constructor(directory: string) {
    // FULL: a snapshot whose write resolved survives power loss; they are rare enough to afford it.
    this.database = openSqliteFile(directory, 'FULL');
    this.database.exec(schema);
    const prepare = (sql: string) => this.database.prepare(sql);
    this.statements = {
      next: prepare('SELECT coalesce(max(number), 0) + 1 AS next FROM agreed_snapshots WHERE document_id = ?'),
      exists: prepare('SELECT 1 FROM agreed_snapshots WHERE id = ?'),
      insert: prepare('INSERT INTO agreed_snapshots (id, document_id, number, created_at, record) VALUES (?, ?, ?, ?, ?)'),
      snapshot: prepare('SELECT record FROM agreed_snapshots WHERE id = ?'),
      snapshotsOf: prepare('SELECT record FROM agreed_snapshots WHERE document_id = ? ORDER BY number'),
      insertExport: prepare(
        `INSERT OR IGNORE INTO agreed_snapshot_exports (snapshot_id, format, mode, language, bytes, signature) VALUES (?, ?, ?, ?, ?, ?)`,
      ),
      export: prepare('SELECT bytes, signature FROM agreed_snapshot_exports WHERE snapshot_id = ? AND format = ? AND mode = ? AND language = ?'),
    };
  }

  async nextNumber(documentId: string): Promise<number> {
    this.checkOpen();
    const validDocumentId = validRecord(documentIdSchema, documentId, 'document id');
    return nextRowSchema.parse(this.statements.next.get(validDocumentId)).next;
  }

  async add(snapshot: Snapshot): Promise<void> {
    const valid = validRecord(snapshotSchema, snapshot, 'snapshot');
    this.write(() => {
      // The id first, so re-adding a stored snapshot is a duplicate whichever index SQLite would report.
      if (this.statements.exists.get(valid.id) !== undefined) throw new DuplicateThreadRecordError(`snapshot ${valid.id} already exists`);
      try {
        this.statements.insert.run(valid.id, valid.documentId, valid.number, Date.parse(valid.createdAt), JSON.stringify(valid));
      } catch (error) {
        throw asTaken(error, valid);
      }
    });
  }

  async get(snapshotId: string): Promise<Snapshot | null> {
    this.checkOpen();
    const row = this.statements.snapshot.get(snapshotId);
    return row === undefined ? null : storedSnapshot(recordRowSchema.parse(row).record, snapshotId);
  }

  async list(documentId: string): Promise<Snapshot[]> {
    this.checkOpen();
    const validDocumentId = validRecord(documentIdSchema, documentId, 'document id');
    return this.statements.snapshotsOf.all(validDocumentId).map((row) => storedSnapshot(recordRowSchema.parse(row).record));
  }

  async getExport(snapshotId: string, format: ExportFormat, mode: ExportMode, language: ExportLanguage): Promise<StoredExport | null> {
    this.checkOpen();
    return this.readExport(snapshotId, format, mode, language);
  }

  async putExport(stored: StoredExport): Promise<StoredExport> {
    const valid = validExport(stored, 'export');
    const { snapshotId, format, mode, language } = valid;
    return this.write(() => {
      if (this.statements.exists.get(snapshotId) === undefined) throw new ThreadRecordNotFoundError(`no snapshot ${snapshotId}`);
      // The first writer wins: a second one's bytes are ignored and it gets the first's back.
      this.statements.insertExport.run(snapshotId, format, mode, language, valid.bytes, JSON.stringify(valid.signature));
      const kept = this.readExport(snapshotId, format, mode, language);
      if (kept === null) throw new Error(`export of snapshot ${snapshotId} vanished after it was stored`);
      return kept;
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.database.close();
  }

  private readExport(snapshotId: string, format: ExportFormat, mode: ExportMode, language: ExportLanguage): StoredExport | null {
    const row = this.statements.export.get(snapshotId, format, mode, language);
    if (row === undefined) return null;
    const { bytes, signature } = exportRowSchema.parse(row);
    const parsedSignature = storedRecord(exportSignatureSchema, signature, 'export signature');
    return validExport({ snapshotId, format, mode, language, bytes: ownBytes(bytes), signature: parsedSignature }, 'stored export');
  }

  /** Runs `work` in an IMMEDIATE transaction: all of it or nothing, and no write of another connection in between. */
  private write<Result>(work: () => Result): Result {
    this.checkOpen();
    return this.database.transaction(work).immediate();
  }

  private checkOpen(): void {
    if (this.closed) throw new Error('SqliteSnapshotStore is closed');
  }
}

/** Maps a UNIQUE violation to the error the interface promises, by the constraint SQLite names. */
function asTaken(error: unknown, snapshot: Snapshot): unknown {
  const code = error instanceof Error && 'code' in error ? error.code : undefined;
  if (code !== 'SQLITE_CONSTRAINT_UNIQUE' || !(error instanceof Error)) return error;
  if (error.message.includes('agreed_snapshots.document_id, agreed_snapshots.number')) {
    return new SnapshotNumberTakenError(`document ${snapshot.documentId} already has snapshot number ${snapshot.number}`, { cause: error });
  }
  if (error.message.includes('agreed_snapshots.id')) return new DuplicateThreadRecordError(`snapshot ${snapshot.id} already exists`, { cause: error });
  return error;
}
