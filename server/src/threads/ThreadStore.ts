import { z } from 'zod';
import type { Flag, Position, Thread, ThreadComment } from '@concord/shared';

/** A thread as the server decides on it: its record, its comments in the order stored, and its version. */
export interface StoredThread {
  thread: Thread;
  comments: ThreadComment[];
  /** 1 at creation; every change to the thread or one of its comments adds 1. */
  version: number;
}

export type CommentPatch = Partial<Pick<ThreadComment, 'state' | 'moderation' | 'publishedAt'>>;
export type ThreadPatch = Partial<Pick<Thread, 'state' | 'locked' | 'pinned' | 'floor' | 'resolution'>>;
export type FlagAnswer = NonNullable<Flag['answer']>;

export class InvalidThreadRecordError extends Error {
  override name = 'InvalidThreadRecordError';
}
export class DuplicateThreadRecordError extends Error {
  override name = 'DuplicateThreadRecordError';
}
export class ThreadRecordNotFoundError extends Error {
  override name = 'ThreadRecordNotFoundError';
}

/**
 * Issue 5's server records: threads, their comments, positions and flags. SQLite and Redis implement it; one
 * contract suite (tests/integration/threadStore.contract.test.ts) runs against both. Every record is validated
 * with the shared zod schemas when written and when read.
 *
 * Concurrency is optimistic: read a StoredThread, decide with the shared rules (decideFloor, decideModeration),
 * then write with the version read. A `false` answer means another write came first: read again and decide again.
 */
export interface ThreadStore {
  /** Stores a thread with its opening comment, both or neither. Throws DuplicateThreadRecordError if the id is taken. */
  createThread(thread: Thread, firstComment: ThreadComment): Promise<void>;
  getThread(threadId: string): Promise<StoredThread | null>;
  /** A document's threads in the order they were created. */
  listThreads(documentId: string): Promise<Thread[]>;
  listThreadsWithComments(documentId: string): Promise<StoredThread[]>;
  /** Appends whatever the version. Throws ThreadRecordNotFoundError without the thread. */
  appendComment(comment: ThreadComment): Promise<void>;
  /** Appends only if the thread is still at `expectedVersion` (the decide-and-append of the alternating floor). */
  appendCommentIf(threadId: string, expectedVersion: number, comment: ThreadComment): Promise<boolean>;
  updateComment(threadId: string, commentId: string, expectedVersion: number, patch: CommentPatch): Promise<boolean>;
  updateThread(threadId: string, expectedVersion: number, patch: ThreadPatch): Promise<boolean>;
  /**
   * Makes `position` the delegation's current one on its paragraph (no history: the audit log keeps that).
   * False, and nothing stored, when the current one was recorded later (two instances racing).
   */
  setPosition(position: Position): Promise<boolean>;
  /** Current positions of a document, by paragraph then delegation. */
  listPositions(documentId: string): Promise<Position[]>;
  /** Throws DuplicateThreadRecordError if the id is taken. */
  raiseFlag(flag: Flag): Promise<void>;
  getFlag(flagId: string): Promise<Flag | null>;
  /** False when the flag is already answered (the first answer stands). Throws ThreadRecordNotFoundError. */
  answerFlag(flagId: string, answer: FlagAnswer): Promise<boolean>;
  /** A document's flags in the order they were raised. */
  listFlags(documentId: string): Promise<Flag[]>;
  close(): Promise<void>;
}

/** Validates a record; the error names the record and every offending field. */
export function validRecord<Schema extends z.ZodType>(schema: Schema, value: unknown, label: string): z.output<Schema> {
  const result = schema.safeParse(value);
  if (!result.success) throw new InvalidThreadRecordError(`invalid ${label}: ${z.prettifyError(result.error)}`, { cause: result.error });
  return result.data;
}

/** Parses stored JSON text and validates it, so a corrupt row is reported like an invalid record. */
export function storedRecord<Schema extends z.ZodType>(schema: Schema, text: string, label: string): z.output<Schema> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InvalidThreadRecordError(`stored ${label} is not JSON`, { cause: error });
  }
  return validRecord(schema, value, `stored ${label}`);
}

/** The record with only the patch's allowed keys applied, so a patch never rewrites an id or an author. */
export function patched<Item extends object, Key extends keyof Item>(record: Item, patch: Partial<Pick<Item, Key>>, keys: readonly Key[]): Item {
  const result = { ...record };
  for (const key of keys) {
    if (key in patch && patch[key] !== undefined) result[key] = patch[key] as Item[Key];
  }
  return result;
}

export const commentPatchKeys = ['state', 'moderation', 'publishedAt'] as const;
export const threadPatchKeys = ['state', 'locked', 'pinned', 'floor', 'resolution'] as const;

/** A comment must belong to the thread and the document it is filed under. */
export function checkCommentBelongs(comment: ThreadComment, thread: Pick<Thread, 'id' | 'documentId'>): void {
  if (comment.threadId !== thread.id || comment.documentId !== thread.documentId) {
    throw new InvalidThreadRecordError(`comment ${comment.id} belongs to thread ${comment.threadId} of ${comment.documentId}, not ${thread.id} of ${thread.documentId}`);
  }
}
