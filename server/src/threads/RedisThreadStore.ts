/*
 * Redis key layout. A document's keys carry the hash tag `{<documentId>}`, so they live in ONE Redis Cluster slot
 * and one Lua script may touch them together. Records are JSON, validated with the shared zod schemas both ways.
 *
 *   concord:threads:{<doc>}:threads                 list   thread ids, in creation order
 *   concord:threads:{<doc>}:thread:<id>             hash   record = thread JSON, version = integer
 *   concord:threads:{<doc>}:thread:<id>:comments    hash   comment id -> comment JSON
 *   concord:threads:{<doc>}:thread:<id>:order       list   comment ids, in the order appended
 *   concord:threads:{<doc>}:positions               hash   "<blockId> <delegationCode>" -> current position JSON
 *   concord:threads:{<doc>}:flags                   hash   flag id -> flag JSON
 *   concord:threads:{<doc>}:flag-order              list   flag ids, in the order raised
 *   concord:threads:thread-documents                hash   thread id -> document id (to find a thread by id)
 *   concord:threads:flag-documents                  hash   flag id -> document id
 *
 * The two indexes sit in another slot, so they are written first: a crash in between leaves an index entry
 * without a record, which reads as "not found", never a record nobody can find.
 */
import type { Redis} from 'ioredis';
import { type Result } from 'ioredis';
import { z } from 'zod';
import { commentSchema, flagSchema, positionSchema, threadSchema, type Flag, type Position, type Thread, type ThreadComment } from '@concord/shared';
import { openRedisConnection } from '../storage/openRedisConnection.ts';
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

export const threadDocumentsKey = 'concord:threads:thread-documents';
export const flagDocumentsKey = 'concord:threads:flag-documents';

/** Keys of one document's threads; the `{documentId}` hash tag pins them to one cluster slot. */
export function threadKeys(documentId: string) {
  const prefix = `concord:threads:{${documentId}}`;
  return {
    threads: `${prefix}:threads`,
    thread: (threadId: string) => `${prefix}:thread:${threadId}`,
    comments: (threadId: string) => `${prefix}:thread:${threadId}:comments`,
    order: (threadId: string) => `${prefix}:thread:${threadId}:order`,
    positions: `${prefix}:positions`,
    flags: `${prefix}:flags`,
    flagOrder: `${prefix}:flag-order`,
  };
}

// Replies: 1 done, 0 version changed (or already there, for creations), -1 no such thread or comment.
const createThreadScript = `
  if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
  if redis.call('HSETNX', KEYS[2], ARGV[3], ARGV[4]) == 0 then return 0 end
  redis.call('HSET', KEYS[1], 'record', ARGV[2], 'version', 1)
  redis.call('RPUSH', KEYS[3], ARGV[3])
  redis.call('RPUSH', KEYS[4], ARGV[1])
  return 1`;

// ARGV[1] is the expected version, or '' to append whatever the version.
const appendCommentScript = `
  local version = redis.call('HGET', KEYS[1], 'version')
  if not version then return -1 end
  if ARGV[1] ~= '' and version ~= ARGV[1] then return 0 end
  if redis.call('HSETNX', KEYS[2], ARGV[2], ARGV[3]) == 0 then return -2 end
  redis.call('RPUSH', KEYS[3], ARGV[2])
  redis.call('HINCRBY', KEYS[1], 'version', 1)
  return 1`;

const updateThreadScript = `
  local version = redis.call('HGET', KEYS[1], 'version')
  if not version then return -1 end
  if version ~= ARGV[1] then return 0 end
  redis.call('HSET', KEYS[1], 'record', ARGV[2])
  redis.call('HINCRBY', KEYS[1], 'version', 1)
  return 1`;

const updateCommentScript = `
  local version = redis.call('HGET', KEYS[1], 'version')
  if not version or redis.call('HEXISTS', KEYS[2], ARGV[2]) == 0 then return -1 end
  if version ~= ARGV[1] then return 0 end
  redis.call('HSET', KEYS[2], ARGV[2], ARGV[3])
  redis.call('HINCRBY', KEYS[1], 'version', 1)
  return 1`;

// recordedAt is always Date#toISOString(), so comparing the text compares the instants.
const setPositionScript = `
  local stored = redis.call('HGET', KEYS[1], ARGV[1])
  if stored and cjson.decode(stored).recordedAt > ARGV[2] then return 0 end
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
  return 1`;

const raiseFlagScript = `
  if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 0 then return 0 end
  redis.call('RPUSH', KEYS[2], ARGV[1])
  return 1`;

// The first answer stands: only an unanswered flag takes one.
const answerFlagScript = `
  local stored = redis.call('HGET', KEYS[1], ARGV[1])
  if not stored then return -1 end
  if cjson.decode(stored).answer ~= cjson.null then return 0 end
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
  return 1`;

declare module 'ioredis' {
  interface RedisCommander<Context> {
    concordCreateThread(thread: string, comments: string, order: string, threads: string, threadId: string, threadJson: string, commentId: string, commentJson: string): Result<number, Context>;
    concordAppendComment(thread: string, comments: string, order: string, expectedVersion: string, commentId: string, commentJson: string): Result<number, Context>;
    concordUpdateThread(thread: string, expectedVersion: string, threadJson: string): Result<number, Context>;
    concordUpdateComment(thread: string, comments: string, expectedVersion: string, commentId: string, commentJson: string): Result<number, Context>;
    concordSetPosition(positions: string, field: string, recordedAt: string, positionJson: string): Result<number, Context>;
    concordRaiseFlag(flags: string, flagOrder: string, flagId: string, flagJson: string): Result<number, Context>;
    concordAnswerFlag(flags: string, flagId: string, flagJson: string): Result<number, Context>;
  }
}

const threadReadSchema = z.tuple([
  z.tuple([z.null(), z.tuple([z.string().nullable(), z.string().nullable()])]),
  z.tuple([z.null(), z.array(z.string())]),
  z.tuple([z.null(), z.record(z.string(), z.string())]),
]);

/** Threads, positions and flags shared by every server instance through Redis (see the key layout above). */
export class RedisThreadStore implements ThreadStore {
  private readonly redis: Redis;
  private closed = false;

  /** Connects at once (commands issued before the connection is ready wait for it). */
  constructor(url: string) {
    this.redis = openRedisConnection(url);
    this.redis.defineCommand('concordCreateThread', { numberOfKeys: 4, lua: createThreadScript });
    this.redis.defineCommand('concordAppendComment', { numberOfKeys: 3, lua: appendCommentScript });
    this.redis.defineCommand('concordUpdateThread', { numberOfKeys: 1, lua: updateThreadScript });
    this.redis.defineCommand('concordUpdateComment', { numberOfKeys: 2, lua: updateCommentScript });
    this.redis.defineCommand('concordSetPosition', { numberOfKeys: 1, lua: setPositionScript });
    this.redis.defineCommand('concordRaiseFlag', { numberOfKeys: 2, lua: raiseFlagScript });
    this.redis.defineCommand('concordAnswerFlag', { numberOfKeys: 1, lua: answerFlagScript });
  }

  async createThread(thread: Thread, firstComment: ThreadComment): Promise<void> {
    this.checkOpen();
    const validThread = validRecord(threadSchema, thread, 'thread');
    const validComment = validRecord(commentSchema, firstComment, 'comment');
    checkCommentBelongs(validComment, validThread);
    await this.claimIndex(threadDocumentsKey, validThread.id, validThread.documentId, `thread ${validThread.id} already exists`);
    const keys = threadKeys(validThread.documentId);
    const created = await this.redis.concordCreateThread(
      keys.thread(validThread.id),
      keys.comments(validThread.id),
      keys.order(validThread.id),
      keys.threads,
      validThread.id,
      JSON.stringify(validThread),
      validComment.id,
      JSON.stringify(validComment),
    );
    if (created !== 1) throw new DuplicateThreadRecordError(`thread ${validThread.id} already exists`);
  }

  async getThread(threadId: string): Promise<StoredThread | null> {
    this.checkOpen();
    const documentId = await this.redis.hget(threadDocumentsKey, threadId);
    return documentId === null ? null : this.readThread(documentId, threadId);
  }

  async listThreads(documentId: string): Promise<Thread[]> {
    return (await this.listThreadsWithComments(documentId)).map((stored) => stored.thread);
  }

  async listThreadsWithComments(documentId: string): Promise<StoredThread[]> {
    this.checkOpen();
    const threadIds = await this.redis.lrange(threadKeys(documentId).threads, 0, -1);
    const threads = await Promise.all(threadIds.map((threadId) => this.readThread(documentId, threadId)));
    return threads.filter((thread) => thread !== null);
  }

  async appendComment(comment: ThreadComment): Promise<void> {
    await this.append(comment.threadId, null, comment);
  }

  async appendCommentIf(threadId: string, expectedVersion: number, comment: ThreadComment): Promise<boolean> {
    return this.append(threadId, expectedVersion, comment);
  }

  async updateComment(threadId: string, commentId: string, expectedVersion: number, patch: CommentPatch): Promise<boolean> {
    const stored = await this.requireThread(threadId);
    const comment = stored.comments.find((candidate) => candidate.id === commentId);
    if (comment === undefined) throw new ThreadRecordNotFoundError(`no comment ${commentId} in thread ${threadId}`);
    // The read and the version came together, so a version still equal to the expected one means an unchanged comment.
    if (stored.version !== expectedVersion) return false;
    const updated = validRecord(commentSchema, patched(comment, patch, commentPatchKeys), 'comment');
    const keys = threadKeys(stored.thread.documentId);
    const reply = await this.redis.concordUpdateComment(keys.thread(threadId), keys.comments(threadId), String(expectedVersion), commentId, JSON.stringify(updated));
    if (reply === -1) throw new ThreadRecordNotFoundError(`no comment ${commentId} in thread ${threadId}`);
    return reply === 1;
  }

  async updateThread(threadId: string, expectedVersion: number, patch: ThreadPatch): Promise<boolean> {
    const stored = await this.requireThread(threadId);
    if (stored.version !== expectedVersion) return false;
    const updated = validRecord(threadSchema, patched(stored.thread, patch, threadPatchKeys), 'thread');
    const reply = await this.redis.concordUpdateThread(threadKeys(stored.thread.documentId).thread(threadId), String(expectedVersion), JSON.stringify(updated));
    if (reply === -1) throw new ThreadRecordNotFoundError(`no thread ${threadId}`);
    return reply === 1;
  }

  async setPosition(position: Position): Promise<boolean> {
    this.checkOpen();
    const valid = validRecord(positionSchema, position, 'position');
    const reply = await this.redis.concordSetPosition(threadKeys(valid.documentId).positions, `${valid.blockId} ${valid.delegationCode}`, valid.recordedAt, JSON.stringify(valid));
    return reply === 1;
  }

  async listPositions(documentId: string): Promise<Position[]> {
    this.checkOpen();
    const fields = await this.redis.hgetall(threadKeys(documentId).positions);
    // Code-unit order, as SQLite's BINARY collation: ids are ASCII.
    return Object.keys(fields)
      .sort((first, second) => (first < second ? -1 : first > second ? 1 : 0))
      .map((field) => storedRecord(positionSchema, fields[field] ?? '', 'position'));
  }

  async raiseFlag(flag: Flag): Promise<void> {
    this.checkOpen();
    const valid = validRecord(flagSchema, flag, 'flag');
    await this.claimIndex(flagDocumentsKey, valid.id, valid.documentId, `flag ${valid.id} already exists`);
    const keys = threadKeys(valid.documentId);
    const raised = await this.redis.concordRaiseFlag(keys.flags, keys.flagOrder, valid.id, JSON.stringify(valid));
    if (raised !== 1) throw new DuplicateThreadRecordError(`flag ${valid.id} already exists`);
  }

  async getFlag(flagId: string): Promise<Flag | null> {
    this.checkOpen();
    const documentId = await this.redis.hget(flagDocumentsKey, flagId);
    if (documentId === null) return null;
    const text = await this.redis.hget(threadKeys(documentId).flags, flagId);
    return text === null ? null : storedRecord(flagSchema, text, 'flag');
  }

  async answerFlag(flagId: string, answer: FlagAnswer): Promise<boolean> {
    const flag = await this.getFlag(flagId);
    if (flag === null) throw new ThreadRecordNotFoundError(`no flag ${flagId}`);
    if (flag.answer !== null) return false;
    const answered = validRecord(flagSchema, { ...flag, answer }, 'flag');
    const reply = await this.redis.concordAnswerFlag(threadKeys(flag.documentId).flags, flagId, JSON.stringify(answered));
    if (reply === -1) throw new ThreadRecordNotFoundError(`no flag ${flagId}`);
    return reply === 1;
  }

  async listFlags(documentId: string): Promise<Flag[]> {
    this.checkOpen();
    const keys = threadKeys(documentId);
    const flagIds = await this.redis.lrange(keys.flagOrder, 0, -1);
    if (flagIds.length === 0) return [];
    const texts = await this.redis.hmget(keys.flags, ...flagIds);
    return texts.filter((text) => text !== null).map((text) => storedRecord(flagSchema, text, 'flag'));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // QUIT lets Redis answer every command already sent; a dead Redis cannot, so just drop the socket.
    if (this.redis.status === 'ready') await this.redis.quit().catch(() => this.redis.disconnect());
    else this.redis.disconnect();
  }

  private async append(threadId: string, expectedVersion: number | null, comment: ThreadComment): Promise<boolean> {
    const valid = validRecord(commentSchema, comment, 'comment');
    const stored = await this.requireThread(threadId);
    checkCommentBelongs(valid, stored.thread);
    const keys = threadKeys(stored.thread.documentId);
    const expected = expectedVersion === null ? '' : String(expectedVersion);
    const reply = await this.redis.concordAppendComment(keys.thread(threadId), keys.comments(threadId), keys.order(threadId), expected, valid.id, JSON.stringify(valid));
    if (reply === -1) throw new ThreadRecordNotFoundError(`no thread ${threadId}`);
    if (reply === -2) throw new DuplicateThreadRecordError(`comment ${valid.id} already exists in thread ${threadId}`);
    return reply === 1;
  }

  private async requireThread(threadId: string): Promise<StoredThread> {
    const stored = await this.getThread(threadId);
    if (stored === null) throw new ThreadRecordNotFoundError(`no thread ${threadId}`);
    return stored;
  }

  /** Record, version and comments in one MULTI, so they describe the same moment. */
  private async readThread(documentId: string, threadId: string): Promise<StoredThread | null> {
    const keys = threadKeys(documentId);
    const replies = await this.redis.multi().hmget(keys.thread(threadId), 'record', 'version').lrange(keys.order(threadId), 0, -1).hgetall(keys.comments(threadId)).exec();
    const [[, [record, version]], [, order], [, byId]] = threadReadSchema.parse(replies);
    if (record === null || version === null) return null;
    const comments = order.map((commentId) => storedRecord(commentSchema, byId[commentId] ?? '', 'comment'));
    return { thread: storedRecord(threadSchema, record, 'thread'), comments, version: z.coerce.number().int().parse(version) };
  }

  /** Records which document holds `id`; an id already recorded for another document is a duplicate. */
  private async claimIndex(indexKey: string, id: string, documentId: string, duplicateMessage: string): Promise<void> {
    await this.redis.hsetnx(indexKey, id, documentId);
    const owner = await this.redis.hget(indexKey, id);
    if (owner !== documentId) throw new DuplicateThreadRecordError(duplicateMessage);
  }

  private checkOpen(): void {
    if (this.closed) throw new Error('RedisThreadStore is closed');
  }
}
