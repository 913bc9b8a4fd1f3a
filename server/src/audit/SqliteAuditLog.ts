import type Database from 'better-sqlite3';
import { openSqliteFile } from '../storage/openSqliteFile.ts';
import { z } from 'zod';
import {
  auditEntryInputSchema,
  auditEntrySchema,
  auditQuerySchema,
  type AuditEntry,
  type AuditEntryInput,
  type AuditQuery,
} from '@concord/shared';
import type { AuditLog } from './AuditLog.ts';

/** Options of the audit log kept in the single-instance SQLite file. */
export interface SqliteAuditLogOptions {
  /** Directory holding `concord.sqlite` (created when missing); shared with the document store. */
  directory: string;
  /** Clock for `at`; tests pass a fixed one. */
  now?: () => Date;
}

// AUTOINCREMENT: an id is never handed out twice, even if the newest rows were somehow lost.
// `at` is always Date#toISOString() (fixed width, UTC), so comparing it as text compares instants.
// The triggers make the table append-only for every connection, ours included: a bug cannot rewrite
// history. (They do not stop someone holding the file, who could drop them; that is for backups.)
const schema = `
  CREATE TABLE IF NOT EXISTS audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    type TEXT NOT NULL,
    actor_user_id TEXT,
    document_id TEXT,
    actor TEXT CHECK (actor IS NULL OR json_valid(actor)),
    subject TEXT,
    ip TEXT,
    detail TEXT NOT NULL CHECK (json_valid(detail))
  ) STRICT;
  CREATE INDEX IF NOT EXISTS audit_log_by_type ON audit_log (type);
  CREATE INDEX IF NOT EXISTS audit_log_by_actor ON audit_log (actor_user_id);
  CREATE INDEX IF NOT EXISTS audit_log_by_document ON audit_log (document_id);
  CREATE INDEX IF NOT EXISTS audit_log_by_time ON audit_log (at);
  CREATE TRIGGER IF NOT EXISTS audit_log_refuses_update BEFORE UPDATE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: UPDATE refused'); END;
  CREATE TRIGGER IF NOT EXISTS audit_log_refuses_delete BEFORE DELETE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: DELETE refused'); END;
`;

const columns = 'id, at, type, actor, subject, ip, document_id, detail';

const rowSchema = z.object({
  id: z.number().int(),
  at: z.string(),
  type: z.string(),
  actor: z.string().nullable(),
  subject: z.string().nullable(),
  ip: z.string().nullable(),
  document_id: z.string().nullable(),
  detail: z.string(),
});

/**
 * The append-only audit log in `<directory>/concord.sqlite`, on its own connection (WAL lets it
 * share the file with the document store). Ids are the row ids as strings: "42".
 */
export class SqliteAuditLog implements AuditLog {
  private readonly database: Database.Database;
  private readonly insert: Database.Statement;
  /** One prepared statement per combination of filters (at most 64). */
  private readonly queries = new Map<string, Database.Statement>();
  private readonly now: () => Date;
  private closed = false;

  constructor(options: SqliteAuditLogOptions) {
    // FULL: an entry whose append resolved survives power loss; audit writes are rare enough to afford it.
    this.database = openSqliteFile(options.directory, 'FULL');
    this.database.exec(schema);
    this.insert = this.database.prepare(
      `INSERT INTO audit_log (at, type, actor_user_id, document_id, actor, subject, ip, detail)
       VALUES (@at, @type, @actorUserId, @documentId, @actor, @subject, @ip, @detail)`,
    );
    this.now = options.now ?? (() => new Date());
  }

  async append(input: AuditEntryInput): Promise<AuditEntry> {
    if (this.closed) throw new Error('SqliteAuditLog is closed');
    const valid = parseAuditEntryInput(input);
    // Checked before writing: a clock outside years 0000-9999 would store an entry no reader accepts.
    const at = auditEntrySchema.shape.at.parse(this.now().toISOString());
    const result = this.insert.run({
      at,
      type: valid.type,
      actorUserId: valid.actor?.userId ?? null,
      documentId: valid.documentId,
      actor: valid.actor === null ? null : JSON.stringify(valid.actor),
      subject: valid.subject,
      ip: valid.ip,
      detail: JSON.stringify(valid.detail),
    });
    return auditEntrySchema.parse({ ...valid, id: String(result.lastInsertRowid), at });
  }

  /**
   * Newest (most recently appended) first. `since` is inclusive and `until` exclusive, both compared
   * with `at`; `before` keeps entries whose id is smaller, so passing a page's last id gives the next page.
   */
  async query(query: AuditQuery): Promise<AuditEntry[]> {
    if (this.closed) throw new Error('SqliteAuditLog is closed');
    const filters = auditQuerySchema.parse(query);
    const conditions: string[] = [];
    const parameters: Record<string, string | number> = { limit: filters.limit };
    if (filters.type !== undefined) {
      conditions.push('type = @type');
      parameters.type = filters.type;
    }
    if (filters.userId !== undefined) {
      conditions.push('actor_user_id = @userId');
      parameters.userId = filters.userId;
    }
    if (filters.documentId !== undefined) {
      conditions.push('document_id = @documentId');
      parameters.documentId = filters.documentId;
    }
    if (filters.since !== undefined) {
      conditions.push('at >= @since');
      parameters.since = new Date(millisecondsAtOrAfter(filters.since)).toISOString();
    }
    if (filters.until !== undefined) {
      conditions.push('at < @until');
      parameters.until = new Date(millisecondsAtOrAfter(filters.until)).toISOString();
    }
    if (filters.before !== undefined) {
      conditions.push('id < @before');
      parameters.before = parseRowId(filters.before);
    }
    const where = conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`;
    return this.statement(`SELECT ${columns} FROM audit_log ${where} ORDER BY id DESC LIMIT @limit`)
      .all(parameters)
      .map(rowToEntry);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.database.close();
  }

  private statement(sql: string): Database.Statement {
    let statement = this.queries.get(sql);
    if (statement === undefined) {
      statement = this.database.prepare(sql);
      this.queries.set(sql, statement);
    }
    return statement;
  }
}

/** Validates an entry to append; the error names every offending field. */
function parseAuditEntryInput(input: AuditEntryInput) {
  const result = auditEntryInputSchema.safeParse(input);
  if (!result.success) throw new Error(`invalid audit entry: ${z.prettifyError(result.error)}`, { cause: result.error });
  return result.data;
}

/**
 * The first whole millisecond at or after an ISO instant. `at` has millisecond precision, so
 * `at >= t` and `at < t` mean the same with this bound, even when `t` carries finer digits.
 */
function millisecondsAtOrAfter(instant: string): number {
  const milliseconds = Date.parse(instant);
  const finerDigits = /\.\d{3}(\d+)/.exec(instant)?.[1] ?? '';
  return /[1-9]/.test(finerDigits) ? milliseconds + 1 : milliseconds;
}

function parseRowId(id: string): number {
  if (!/^\d{1,15}$/.test(id)) throw new Error(`invalid audit entry id "${id}": expected an id returned by this log`);
  return Number(id);
}

function rowToEntry(row: unknown): AuditEntry {
  const valid = rowSchema.parse(row);
  return auditEntrySchema.parse({
    id: String(valid.id),
    at: valid.at,
    type: valid.type,
    actor: valid.actor === null ? null : parseJson(valid.actor),
    subject: valid.subject,
    ip: valid.ip,
    documentId: valid.document_id,
    detail: parseJson(valid.detail),
  });
}

/** JSON.parse typed as unknown: the caller's zod schema decides what it is. */
function parseJson(text: string): unknown {
  return JSON.parse(text);
}
