import Database from 'better-sqlite3';
import { openSqliteFile } from './openSqliteFile.ts';
import { z } from 'zod';
import { documentMetaSchema, type DocumentMeta } from '@concord/shared';
import { logStart, type Cursor, type LoadedDocument, type Store, type StoredUpdate } from './Store.ts';

/** Options of the embedded single-instance store. */
export interface SqliteStoreOptions {
  /** Directory holding `concord.sqlite` (created when missing). */
  directory: string;
  /**
   * SQLite `synchronous` level in WAL mode. FULL (the default here; the server's configuration
   * defaults to NORMAL, see docs/operations.md): a resolved append survives power loss.
   * NORMAL: it survives a process crash, but the last commits may be lost on power loss.
   */
  synchronous?: 'NORMAL' | 'FULL';
}

const schema = `
  CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    created_at TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'other',
    session TEXT NOT NULL DEFAULT ''
  ) STRICT;
  -- One B-tree keyed by (document, sequence): an append writes one page, not a table page, an index
  -- page and AUTOINCREMENT's sqlite_sequence page. Sequences are numbered per document by the store.
  CREATE TABLE IF NOT EXISTS updates (
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    data BLOB NOT NULL,
    origin TEXT NOT NULL,
    author TEXT,
    PRIMARY KEY (document_id, seq)
  ) STRICT, WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS snapshots (
    document_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    data BLOB NOT NULL,
    through_id INTEGER NOT NULL,
    ledger TEXT
  ) STRICT;
`;

/** Columns added since the first release: added in place to a file created before them. */
const addedColumns: ReadonlyArray<{ table: string; column: string; definition: string }> = [
  { table: 'documents', column: 'kind', definition: "TEXT NOT NULL DEFAULT 'other'" },
  { table: 'documents', column: 'session', definition: "TEXT NOT NULL DEFAULT ''" },
  { table: 'updates', column: 'author', definition: 'TEXT' },
  { table: 'snapshots', column: 'ledger', definition: 'TEXT' },
];

const columnRowSchema = z.object({ name: z.string() });

function addMissingColumns(database: Database.Database): void {
  for (const { table, column, definition } of addedColumns) {
    const columns = database.prepare(`PRAGMA table_info(${table})`).all().map((row) => columnRowSchema.parse(row).name);
    if (!columns.includes(column)) database.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${definition}`);
  }
}

const documentRowSchema = z
  .object({ id: z.string(), title: z.string(), created_at: z.string(), kind: z.string(), session: z.string() })
  .transform((row) => documentMetaSchema.parse({ id: row.id, title: row.title, createdAt: row.created_at, kind: row.kind, session: row.session }));
const updateRowSchema = z.object({ seq: z.number().int(), data: z.instanceof(Buffer), origin: z.string(), author: z.string().nullable() });
const lastSequenceRowSchema = z.object({ last: z.number().int() });
const snapshotRowSchema = z.object({ data: z.instanceof(Buffer), through_id: z.number().int(), ledger: z.string().nullable() });
const countRowSchema = z.object({ count: z.number().int() });

interface PendingAppend {
  documentId: string;
  update: Uint8Array;
  origin: string;
  author: string | null;
  resolve: (cursor: Cursor) => void;
  reject: (error: unknown) => void;
}

type AppendOutcome = { cursor: Cursor } | { error: unknown };

/**
 * Embedded store in one SQLite file (WAL mode) for a single server instance.
 * Appends made in the same tick share one transaction (group commit), so a burst of
 * keystrokes costs one fsync instead of one per update.
 */
export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  private readonly database: Database.Database;
  private readonly statements: ReturnType<typeof prepareStatements>;
  private pending: PendingAppend[] = [];
  private scheduledFlush: NodeJS.Immediate | null = null;
  /** Last sequence number used per document; never reused, even once compaction deleted it. */
  private readonly lastSequences = new Map<string, number>();
  private closed = false;

  constructor(options: SqliteStoreOptions) {
    this.database = openSqliteFile(options.directory, options.synchronous ?? 'FULL');
    this.database.exec(schema);
    addMissingColumns(this.database);
    this.statements = prepareStatements(this.database);
  }

  async createDocument(meta: DocumentMeta): Promise<void> {
    const valid = documentMetaSchema.parse(meta);
    try {
      this.statements.insertDocument.run(valid.id, valid.title, valid.createdAt, valid.kind, valid.session);
    } catch (error) {
      if (isSqliteError(error) && error.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
        throw new Error(`document ${valid.id} already exists`, { cause: error });
      }
      throw error;
    }
  }

  async getDocument(documentId: string): Promise<DocumentMeta | null> {
    const row = this.statements.selectDocument.get(documentId);
    return row === undefined ? null : documentRowSchema.parse(row);
  }

  async listDocuments(): Promise<DocumentMeta[]> {
    const documents = this.statements.selectDocuments.all().map((row) => documentRowSchema.parse(row));
    // Sort on the parsed instant: ISO strings of different precision do not sort as text.
    return documents.sort((first, second) => Date.parse(first.createdAt) - Date.parse(second.createdAt));
  }

  async loadDocument(documentId: string): Promise<LoadedDocument> {
    return this.database.transaction(() => {
      const snapshotRow = this.statements.selectSnapshot.get(documentId);
      const snapshot = snapshotRow === undefined ? null : snapshotRowSchema.parse(snapshotRow);
      const throughId = snapshot?.through_id ?? 0;
      const updates: StoredUpdate[] = this.statements.selectUpdatesAfter.all(documentId, throughId).map((row) => {
        const update = updateRowSchema.parse(row);
        return { cursor: String(update.seq), update: new Uint8Array(update.data), origin: update.origin, author: update.author };
      });
      const cursor = updates.at(-1)?.cursor ?? (throughId === 0 ? logStart : String(throughId));
      return { snapshot: snapshot === null ? null : new Uint8Array(snapshot.data), ledger: snapshot?.ledger ?? null, updates, cursor };
    }).deferred();
  }

  appendUpdate(documentId: string, update: Uint8Array, origin: string, author: string | null = null): Promise<Cursor> {
    if (this.closed) return Promise.reject(new Error('SqliteStore is closed'));
    return new Promise<Cursor>((resolve, reject) => {
      this.pending.push({ documentId, update, origin, author, resolve, reject });
      this.scheduledFlush ??= setImmediate(() => this.flushPendingAppends());
    });
  }

  async compact(documentId: string, snapshot: Uint8Array, throughCursor: Cursor, ledger: string | null = null): Promise<void> {
    const throughId = parseCursor(throughCursor);
    this.database.transaction(() => {
      const current = this.statements.selectSnapshot.get(documentId);
      const currentThroughId = current === undefined ? 0 : snapshotRowSchema.parse(current).through_id;
      if (throughId <= currentThroughId) return;
      this.statements.upsertSnapshot.run(documentId, toBuffer(snapshot), throughId, ledger);
      this.statements.deleteUpdatesThrough.run(documentId, throughId);
    }).immediate();
  }

  async countUpdates(documentId: string): Promise<number> {
    return countRowSchema.parse(this.statements.countUpdatesAfterSnapshot.get(documentId, documentId)).count;
  }

  async ping(): Promise<void> {
    if (this.closed) throw new Error('SqliteStore is closed');
    this.statements.ping.get();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.flushPendingAppends();
    this.closed = true;
    this.database.close();
  }

  /** Commits every queued append in one transaction, then settles each caller with its own outcome. */
  private flushPendingAppends(): void {
    if (this.scheduledFlush !== null) clearImmediate(this.scheduledFlush);
    this.scheduledFlush = null;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    let outcomes: AppendOutcome[];
    try {
      outcomes = this.database.transaction(() => batch.map((append) => this.insertUpdate(append))).immediate();
    } catch (error) {
      for (const append of batch) append.reject(error);
      return;
    }
    outcomes.forEach((outcome, index) => {
      const append = batch[index];
      if (append === undefined) return;
      if ('cursor' in outcome) append.resolve(outcome.cursor);
      else append.reject(outcome.error);
    });
  }

  private lastSequence(documentId: string): number {
    let last = this.lastSequences.get(documentId);
    if (last === undefined) {
      last = lastSequenceRowSchema.parse(this.statements.selectLastSequence.get(documentId, documentId)).last;
      this.lastSequences.set(documentId, last);
    }
    return last;
  }

  private insertUpdate(append: PendingAppend): AppendOutcome {
    try {
      const sequence = this.lastSequence(append.documentId) + 1;
      this.statements.insertUpdate.run(append.documentId, sequence, toBuffer(append.update), append.origin, append.author);
      this.lastSequences.set(append.documentId, sequence);
      return { cursor: String(sequence) };
    } catch (error) {
      // A constraint failure (e.g. unknown document) undoes only its own statement, so the batch can still commit.
      // Any other error may have rolled back the whole transaction: rethrow to fail the batch.
      if (isSqliteError(error) && error.code.startsWith('SQLITE_CONSTRAINT')) return { error };
      throw error;
    }
  }
}

/** Prepared once: every query the store runs. */
function prepareStatements(database: Database.Database) {
return {
    insertDocument: database.prepare('INSERT INTO documents (id, title, created_at, kind, session) VALUES (?, ?, ?, ?, ?)'),
    selectDocument: database.prepare('SELECT id, title, created_at, kind, session FROM documents WHERE id = ?'),
    selectDocuments: database.prepare('SELECT id, title, created_at, kind, session FROM documents ORDER BY rowid'),
    insertUpdate: database.prepare('INSERT INTO updates (document_id, seq, data, origin, author) VALUES (?, ?, ?, ?, ?)'),
    selectLastSequence: database.prepare(
      `SELECT max(coalesce((SELECT max(seq) FROM updates WHERE document_id = ?), 0),
                  coalesce((SELECT through_id FROM snapshots WHERE document_id = ?), 0)) AS last`,
    ),
    selectSnapshot: database.prepare('SELECT data, through_id, ledger FROM snapshots WHERE document_id = ?'),
    selectUpdatesAfter: database.prepare(
      'SELECT seq, data, origin, author FROM updates WHERE document_id = ? AND seq > ? ORDER BY seq',
    ),
    upsertSnapshot: database.prepare(
      `INSERT INTO snapshots (document_id, data, through_id, ledger) VALUES (?, ?, ?, ?)
       ON CONFLICT (document_id) DO UPDATE SET data = excluded.data, through_id = excluded.through_id, ledger = excluded.ledger`,
    ),
    deleteUpdatesThrough: database.prepare('DELETE FROM updates WHERE document_id = ? AND seq <= ?'),
    countUpdatesAfterSnapshot: database.prepare(
      `SELECT count(*) AS count FROM updates WHERE document_id = ?
         AND seq > coalesce((SELECT through_id FROM snapshots WHERE document_id = ?), 0)`,
    ),
    ping: database.prepare('SELECT 1'),
  };
}

function parseCursor(cursor: Cursor): number {
  if (!/^\d+$/.test(cursor)) throw new Error(`invalid SQLite cursor: ${cursor}`);
  return Number(cursor);
}

/** Views the bytes without copying; better-sqlite3 binds Buffers as BLOBs. */
function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function isSqliteError(error: unknown): error is InstanceType<typeof Database.SqliteError> {
  return error instanceof Database.SqliteError;
}
