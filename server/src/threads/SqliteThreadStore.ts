import type Database from 'better-sqlite3';
import { z } from 'zod';
import { commentSchema, flagSchema, positionSchema, threadSchema, type Flag, type Position, type Thread, type ThreadComment } from '@concord/shared';
import { openSqliteFile } from '../storage/openSqliteFile.ts';
import {
  DuplicateThreadRecordError,
  ThreadRecordNotFoundError,
  checkCommentBelongs,
  commentPatchKeys,
  patched,
  storedRecord,
  threadPatchKeys,
  validRecord,
  type CommentPatch,
  type FlagAnswer,
  type StoredThread,
  type ThreadPatch,
  type ThreadStore,
} from './ThreadStore.ts';

// Each record is one JSON column (validated by zod both ways), beside the key columns the queries need.
// `seq` keeps creation order; versions live on the thread row, so one UPDATE checks and bumps them.
const schema = `
  CREATE TABLE IF NOT EXISTS threads (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    document_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    record TEXT NOT NULL CHECK (json_valid(record))
  ) STRICT;
  CREATE INDEX IF NOT EXISTS threads_by_document ON threads (document_id, seq);
  CREATE TABLE IF NOT EXISTS thread_comments (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    thread_id TEXT NOT NULL REFERENCES threads (id),
    document_id TEXT NOT NULL,
    record TEXT NOT NULL CHECK (json_valid(record))
  ) STRICT;
  CREATE INDEX IF NOT EXISTS thread_comments_by_thread ON thread_comments (thread_id, seq);
  CREATE INDEX IF NOT EXISTS thread_comments_by_document ON thread_comments (document_id);
  CREATE TABLE IF NOT EXISTS thread_positions (
    document_id TEXT NOT NULL,
    block_id TEXT NOT NULL,
    delegation_code TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    record TEXT NOT NULL CHECK (json_valid(record)),
    PRIMARY KEY (document_id, block_id, delegation_code)
  ) STRICT;
  CREATE TABLE IF NOT EXISTS thread_flags (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    document_id TEXT NOT NULL,
    record TEXT NOT NULL CHECK (json_valid(record))
  ) STRICT;
  CREATE INDEX IF NOT EXISTS thread_flags_by_document ON thread_flags (document_id, seq);
`;

const threadRowSchema = z.object({ record: z.string(), version: z.number().int() });
const recordRowSchema = z.object({ record: z.string() });

/** Threads, positions and flags in `<directory>/concord.sqlite`, on their own connection (WAL shares the file). */
export class SqliteThreadStore implements ThreadStore {
  private readonly database: Database.Database;
  private readonly statements;
  private closed = false;

  constructor(directory: string) {
    // FULL: a comment or a flag whose write resolved survives power loss; they are rare enough to afford it.
    this.database = openSqliteFile(directory, 'FULL');
    this.database.exec(schema);
    const prepare = (sql: string) => this.database.prepare(sql);
    this.statements = {
      insertThread: prepare('INSERT INTO threads (id, document_id, version, record) VALUES (?, ?, 1, ?)'),
      thread: prepare('SELECT record, version FROM threads WHERE id = ?'),
      threadsOf: prepare('SELECT id, record, version FROM threads WHERE document_id = ? ORDER BY seq'),
      commentsOf: prepare('SELECT record FROM thread_comments WHERE thread_id = ? ORDER BY seq'),
      comment: prepare('SELECT record FROM thread_comments WHERE id = ? AND thread_id = ?'),
      insertComment: prepare('INSERT INTO thread_comments (id, thread_id, document_id, record) VALUES (?, ?, ?, ?)'),
      updateComment: prepare('UPDATE thread_comments SET record = ? WHERE id = ?'),
      bumpVersion: prepare('UPDATE threads SET version = version + 1 WHERE id = ?'),
      updateThread: prepare('UPDATE threads SET record = ?, version = version + 1 WHERE id = ?'),
      setPosition: prepare(
        `INSERT INTO thread_positions (document_id, block_id, delegation_code, recorded_at, record) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (document_id, block_id, delegation_code) DO UPDATE SET recorded_at = excluded.recorded_at, record = excluded.record
         WHERE excluded.recorded_at >= thread_positions.recorded_at`,
      ),
      positionsOf: prepare('SELECT record FROM thread_positions WHERE document_id = ? ORDER BY block_id, delegation_code'),
      insertFlag: prepare('INSERT INTO thread_flags (id, document_id, record) VALUES (?, ?, ?)'),
      flag: prepare('SELECT record FROM thread_flags WHERE id = ?'),
      updateFlag: prepare('UPDATE thread_flags SET record = ? WHERE id = ?'),
      flagsOf: prepare('SELECT record FROM thread_flags WHERE document_id = ? ORDER BY seq'),
    };
  }

  async createThread(thread: Thread, firstComment: ThreadComment): Promise<void> {
    const validThread = validRecord(threadSchema, thread, 'thread');
    const validComment = validRecord(commentSchema, firstComment, 'comment');
    checkCommentBelongs(validComment, validThread);
    this.write(() => {
      try {
        this.statements.insertThread.run(validThread.id, validThread.documentId, JSON.stringify(validThread));
        this.insertComment(validComment);
      } catch (error) {
        throw asDuplicate(error, `thread ${validThread.id} or comment ${validComment.id} already exists`);
      }
    });
  }

  async getThread(threadId: string): Promise<StoredThread | null> {
    this.checkOpen();
    return this.database.transaction(() => {
      const row = this.statements.thread.get(threadId);
      if (row === undefined) return null;
      const { record, version } = threadRowSchema.parse(row);
      return this.storedThread(threadId, record, version);
    })();
  }

  async listThreads(documentId: string): Promise<Thread[]> {
    this.checkOpen();
    return this.statements.threadsOf.all(documentId).map((row) => storedRecord(threadSchema, recordRowSchema.parse(row).record, 'thread'));
  }

  async listThreadsWithComments(documentId: string): Promise<StoredThread[]> {
    this.checkOpen();
    return this.database.transaction(() =>
      this.statements.threadsOf.all(documentId).map((row) => {
        const { id, record, version } = threadRowSchema.extend({ id: z.string() }).parse(row);
        return this.storedThread(id, record, version);
      }),
    )();
  }

  async appendComment(comment: ThreadComment): Promise<void> {
    await this.append(comment.threadId, null, comment);
  }

  async appendCommentIf(threadId: string, expectedVersion: number, comment: ThreadComment): Promise<boolean> {
    return this.append(threadId, expectedVersion, comment);
  }

  async updateComment(threadId: string, commentId: string, expectedVersion: number, patch: CommentPatch): Promise<boolean> {
    return this.write(() => {
      const thread = this.currentThread(threadId);
      const row = this.statements.comment.get(commentId, threadId);
      if (row === undefined) throw new ThreadRecordNotFoundError(`no comment ${commentId} in thread ${threadId}`);
      if (thread.version !== expectedVersion) return false;
      const comment = storedRecord(commentSchema, recordRowSchema.parse(row).record, 'comment');
      const updated = validRecord(commentSchema, patched(comment, patch, commentPatchKeys), 'comment');
      this.statements.updateComment.run(JSON.stringify(updated), commentId);
      this.statements.bumpVersion.run(threadId);
      return true;
    });
  }

  async updateThread(threadId: string, expectedVersion: number, patch: ThreadPatch): Promise<boolean> {
    return this.write(() => {
      const current = this.currentThread(threadId);
      if (current.version !== expectedVersion) return false;
      const updated = validRecord(threadSchema, patched(current.thread, patch, threadPatchKeys), 'thread');
      this.statements.updateThread.run(JSON.stringify(updated), threadId);
      return true;
    });
  }

  async setPosition(position: Position): Promise<boolean> {
    const valid = validRecord(positionSchema, position, 'position');
    return this.write(() => {
      const result = this.statements.setPosition.run(valid.documentId, valid.blockId, valid.delegationCode, valid.recordedAt, JSON.stringify(valid));
      return result.changes === 1;
    });
  }

  async listPositions(documentId: string): Promise<Position[]> {
    this.checkOpen();
    return this.statements.positionsOf.all(documentId).map((row) => storedRecord(positionSchema, recordRowSchema.parse(row).record, 'position'));
  }

  async raiseFlag(flag: Flag): Promise<void> {
    const valid = validRecord(flagSchema, flag, 'flag');
    this.write(() => {
      try {
        this.statements.insertFlag.run(valid.id, valid.documentId, JSON.stringify(valid));
      } catch (error) {
        throw asDuplicate(error, `flag ${valid.id} already exists`);
      }
    });
  }

  async getFlag(flagId: string): Promise<Flag | null> {
    this.checkOpen();
    const row = this.statements.flag.get(flagId);
    return row === undefined ? null : storedRecord(flagSchema, recordRowSchema.parse(row).record, 'flag');
  }

  async answerFlag(flagId: string, answer: FlagAnswer): Promise<boolean> {
    return this.write(() => {
      const row = this.statements.flag.get(flagId);
      if (row === undefined) throw new ThreadRecordNotFoundError(`no flag ${flagId}`);
      const flag = storedRecord(flagSchema, recordRowSchema.parse(row).record, 'flag');
      if (flag.answer !== null) return false;
      const answered = validRecord(flagSchema, { ...flag, answer }, 'flag');
      this.statements.updateFlag.run(JSON.stringify(answered), flagId);
      return true;
    });
  }

  async listFlags(documentId: string): Promise<Flag[]> {
    this.checkOpen();
    return this.statements.flagsOf.all(documentId).map((row) => storedRecord(flagSchema, recordRowSchema.parse(row).record, 'flag'));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.database.close();
  }

  private append(threadId: string, expectedVersion: number | null, comment: ThreadComment): boolean {
    const valid = validRecord(commentSchema, comment, 'comment');
    return this.write(() => {
      const current = this.currentThread(threadId);
      checkCommentBelongs(valid, current.thread);
      if (expectedVersion !== null && current.version !== expectedVersion) return false;
      try {
        this.insertComment(valid);
      } catch (error) {
        throw asDuplicate(error, `comment ${valid.id} already exists`);
      }
      this.statements.bumpVersion.run(threadId);
      return true;
    });
  }

  private insertComment(comment: ThreadComment): void {
    this.statements.insertComment.run(comment.id, comment.threadId, comment.documentId, JSON.stringify(comment));
  }

  private currentThread(threadId: string): { thread: Thread; version: number } {
    const row = this.statements.thread.get(threadId);
    if (row === undefined) throw new ThreadRecordNotFoundError(`no thread ${threadId}`);
    const { record, version } = threadRowSchema.parse(row);
    return { thread: storedRecord(threadSchema, record, 'thread'), version };
  }

  private storedThread(threadId: string, record: string, version: number): StoredThread {
    const comments = this.statements.commentsOf.all(threadId).map((row) => storedRecord(commentSchema, recordRowSchema.parse(row).record, 'comment'));
    return { thread: storedRecord(threadSchema, record, 'thread'), comments, version };
  }

  /** Runs `work` in an IMMEDIATE transaction, so the version it checks cannot change before it writes. */
  private write<Result>(work: () => Result): Result {
    this.checkOpen();
    return this.database.transaction(work).immediate();
  }

  private checkOpen(): void {
    if (this.closed) throw new Error('SqliteThreadStore is closed');
  }
}

function asDuplicate(error: unknown, message: string): unknown {
  const code = error instanceof Error && 'code' in error ? error.code : undefined;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ? new DuplicateThreadRecordError(message, { cause: error }) : error;
}
