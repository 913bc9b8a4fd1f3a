/*
 * Redis key layout. Every key of one document carries the hash tag `{<id>}`, so they all live in
 * ONE Redis Cluster slot and a Lua script may touch them together.
 *
 *   concord:documents                  sorted set   member = document id, score = createdAt (ms)
 *   concord:doc:{<id>}:meta            hash         id, title, kind, session, createdAt (ISO 8601)
 *   concord:doc:{<id>}:log             stream       u = Yjs update bytes, o = origin instance id, a = author (JSON,
 *                                                   absent for entries from before accounts); the entries
 *                                                   after the snapshot, plus those it holds that are younger
 *                                                   than the retention window (for instances still reading them)
 *   concord:doc:{<id>}:snapshot        hash         data = compacted Yjs state, through = last stream id it holds,
 *                                                   ledger = what the server derived from the log through it (JSON)
 *   concord:doc:{<id>}:awareness       stream       u = awareness update, o = origin; MAXLEN ~ 100, ephemeral
 *
 * A cursor is a log stream id (`<ms>-<seq>`); '0' (logStart) stands for '0-0'.
 */
import { Redis, type Result } from 'ioredis';
import { z } from 'zod';
import { documentMetaSchema, type DocumentMeta } from '@concord/shared';
import { logStart, type Cursor, type LoadedDocument, type Store, type StoredUpdate } from './Store.ts';

/** The global index of documents, ordered by creation time. */
export const documentIndexKey = 'concord:documents';

/** Keys of one document; the `{id}` hash tag pins them to one cluster slot. */
export function documentKeys(documentId: string) {
  const prefix = `concord:doc:{${documentId}}`;
  return {
    meta: `${prefix}:meta`,
    log: `${prefix}:log`,
    snapshot: `${prefix}:snapshot`,
    awareness: `${prefix}:awareness`,
  };
}

/** Maps a cursor to the stream id it stands for. */
export function cursorToStreamId(cursor: Cursor): string {
  if (cursor === logStart) return '0-0';
  if (!/^\d+-\d+$/.test(cursor)) throw new Error(`invalid Redis cursor: ${cursor}`);
  return cursor;
}

/**
 * Reads the `u` (bytes), `o` (origin) and optional `a` (author) fields of a stream entry.
 * Copies the bytes, since the client hands out views into its socket buffers.
 */
export function parseStreamEntry(fields: Buffer[]): { update: Uint8Array; origin: string; author: string | null } {
  let update: Uint8Array | undefined;
  let origin: string | undefined;
  let author: string | null = null;
  for (let index = 0; index + 1 < fields.length; index += 2) {
    const name = fields[index]?.toString();
    const value = fields[index + 1];
    if (name === 'u' && value !== undefined) update = new Uint8Array(value);
    if (name === 'o' && value !== undefined) origin = value.toString();
    if (name === 'a' && value !== undefined) author = value.toString();
  }
  if (update === undefined || origin === undefined) throw new Error('stream entry lacks its u or o field');
  return { update, origin, author };
}

/** Reconnect delay shared by the store and the bus: quick at first, never more than 2 s apart. */
export function reconnectDelay(attempt: number): number {
  return Math.min(50 * 2 ** attempt, 2000);
}

const createDocumentScript = `
  if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
  redis.call('HSET', KEYS[1], 'id', ARGV[1], 'title', ARGV[2], 'createdAt', ARGV[3], 'kind', ARGV[4], 'session', ARGV[5])
  return 1`;

// Exclusive start: the log never holds entries the snapshot has, but a reader must not count on it.
const loadDocumentScript = `
  local snapshot = redis.call('HMGET', KEYS[1], 'data', 'through', 'ledger')
  local start = '-'
  if snapshot[2] then start = '(' .. snapshot[2] end
  return { snapshot[1], snapshot[2], snapshot[3], redis.call('XRANGE', KEYS[2], start, '+') }`;

// Stream ids compare as (ms, seq) numbers, not as text. MINID keeps ids >= its argument, so
// passing ms-(seq+1) trims exactly the entries <= the cursor.
const compactScript = `
  local ms, seq = string.match(ARGV[2], '^(%d+)%-(%d+)$')
  local stored = redis.call('HGET', KEYS[1], 'through')
  if stored then
    local storedMs, storedSeq = string.match(stored, '^(%d+)%-(%d+)$')
    local newer = tonumber(ms) > tonumber(storedMs)
      or (tonumber(ms) == tonumber(storedMs) and tonumber(seq) > tonumber(storedSeq))
    if not newer then return 0 end
  end
  redis.call('HSET', KEYS[1], 'data', ARGV[1], 'through', ARGV[2])
  if ARGV[4] == '' then redis.call('HDEL', KEYS[1], 'ledger') else redis.call('HSET', KEYS[1], 'ledger', ARGV[4]) end
  local now = redis.call('TIME')
  local cutoff = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000) - tonumber(ARGV[3])
  local trimMs, trimSeq = tonumber(ms), tonumber(seq) + 1
  if cutoff < trimMs then trimMs, trimSeq = cutoff, 0 end
  if trimMs > 0 then redis.call('XTRIM', KEYS[2], 'MINID', string.format('%d-%d', trimMs, trimSeq)) end
  return 1`;

const countAfterSnapshotScript = `
  local through = redis.call('HGET', KEYS[1], 'through')
  local start = '-'
  if through then start = '(' .. through end
  return #redis.call('XRANGE', KEYS[2], start, '+')`;

declare module 'ioredis' {
  interface RedisCommander<Context> {
    concordCreateDocument(metaKey: string, id: string, title: string, createdAt: string, kind: string, session: string): Result<unknown, Context>;
    concordLoadDocumentBuffer(snapshotKey: string, logKey: string): Result<unknown, Context>;
    concordCompact(snapshotKey: string, logKey: string, snapshot: Buffer, through: string, retentionMs: string, ledger: string): Result<unknown, Context>;
    concordCountAfterSnapshot(snapshotKey: string, logKey: string): Result<number, Context>;
  }
}

const streamEntriesSchema = z.array(z.tuple([z.instanceof(Buffer), z.array(z.instanceof(Buffer))]));
const loadReplySchema = z.tuple([z.instanceof(Buffer).nullable(), z.instanceof(Buffer).nullable(), z.instanceof(Buffer).nullable(), streamEntriesSchema]);

/**
 * Store shared by every server instance, in Redis (or a Redis Cluster: see the key layout above).
 * Auto-pipelining sends the appends of one tick in one write, which is our group commit;
 * their durability is whatever the server's `appendfsync` gives (docs/operations.md).
 */
export class RedisStore implements Store {
  readonly kind = 'redis' as const;
  private readonly redis: Redis;
  private closed = false;
  private lastConnectionError: Error | null = null;

  /** Connects at once (commands issued before the connection is ready wait for it). */
  /**
   * @param logRetentionMilliseconds compaction keeps log entries at least this long, so that an
   *   instance that is briefly behind can still read them (RedisInstanceBus reloads after longer stalls).
   */
  constructor(url: string, private readonly logRetentionMilliseconds = 60_000) {
    this.redis = new Redis(url, {
      enableAutoPipelining: true,
      // Fail a command after two failed reconnects instead of queueing it forever behind a dead Redis.
      maxRetriesPerRequest: 2,
      // A Redis that stops answering without closing the connection must not hold appends forever:
      // the room then closes its clients with 1013 and they resend after reconnecting.
      commandTimeout: 5_000,
      retryStrategy: reconnectDelay,
      lazyConnect: false,
    });
    // Without a listener ioredis prints every reconnect failure; ping() reports the last one instead.
    this.redis.on('error', (error: Error) => {
      this.lastConnectionError = error;
    });
    this.redis.defineCommand('concordCreateDocument', { numberOfKeys: 1, lua: createDocumentScript });
    this.redis.defineCommand('concordLoadDocument', { numberOfKeys: 2, lua: loadDocumentScript, readOnly: true });
    this.redis.defineCommand('concordCompact', { numberOfKeys: 2, lua: compactScript });
    this.redis.defineCommand('concordCountAfterSnapshot', { numberOfKeys: 2, lua: countAfterSnapshotScript, readOnly: true });
  }

  async createDocument(meta: DocumentMeta): Promise<void> {
    const valid = documentMetaSchema.parse(meta);
    // Index first: a crash in between leaves an index entry without meta, which listDocuments skips,
    // rather than a document that never gets listed.
    await this.redis.zadd(documentIndexKey, 'NX', String(Date.parse(valid.createdAt)), valid.id);
    const created = await this.redis.concordCreateDocument(
      documentKeys(valid.id).meta,
      valid.id,
      valid.title,
      valid.createdAt,
      valid.kind,
      valid.session,
    );
    if (created !== 1) throw new Error(`document ${valid.id} already exists`);
  }

  async getDocument(documentId: string): Promise<DocumentMeta | null> {
    const fields = await this.redis.hgetall(documentKeys(documentId).meta);
    // Documents created before kinds and sessions existed have neither field.
    return Object.keys(fields).length === 0 ? null : documentMetaSchema.parse({ kind: 'other', session: '', ...fields });
  }

  async listDocuments(): Promise<DocumentMeta[]> {
    const documentIds = await this.redis.zrange(documentIndexKey, '0', '-1');
    const documents = await Promise.all(documentIds.map((documentId) => this.getDocument(documentId)));
    return documents.filter((document) => document !== null);
  }

  async loadDocument(documentId: string): Promise<LoadedDocument> {
    const keys = documentKeys(documentId);
    const reply = await this.redis.concordLoadDocumentBuffer(keys.snapshot, keys.log);
    const [snapshot, through, ledger, entries] = loadReplySchema.parse(reply);
    const updates: StoredUpdate[] = entries.map(([id, fields]) => ({ cursor: id.toString(), ...parseStreamEntry(fields) }));
    return {
      snapshot: snapshot === null ? null : new Uint8Array(snapshot),
      ledger: ledger?.toString() ?? null,
      updates,
      cursor: updates.at(-1)?.cursor ?? through?.toString() ?? logStart,
    };
  }

  async appendUpdate(documentId: string, update: Uint8Array, origin: string, author: string | null = null): Promise<Cursor> {
    const log = documentKeys(documentId).log;
    const id = author === null ? await this.redis.xadd(log, '*', 'u', toBuffer(update), 'o', origin) : await this.redis.xadd(log, '*', 'u', toBuffer(update), 'o', origin, 'a', author);
    if (id === null) throw new Error('XADD returned no id');
    return id;
  }

  async compact(documentId: string, snapshot: Uint8Array, throughCursor: Cursor, ledger: string | null = null): Promise<void> {
    const through = cursorToStreamId(throughCursor);
    if (through === '0-0') return;
    const keys = documentKeys(documentId);
    await this.redis.concordCompact(keys.snapshot, keys.log, toBuffer(snapshot), through, String(this.logRetentionMilliseconds), ledger ?? '');
  }

  async countUpdates(documentId: string): Promise<number> {
    const keys = documentKeys(documentId);
    return this.redis.concordCountAfterSnapshot(keys.snapshot, keys.log);
  }

  async ping(): Promise<void> {
    if (this.closed) throw new Error('RedisStore is closed');
    let timer: NodeJS.Timeout | undefined;
    // Bounded even when the socket hangs without an error (e.g. a black-holed network).
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error('Redis did not answer PING within 3 s', { cause: this.lastConnectionError })), 3000);
    });
    try {
      await Promise.race([this.redis.ping(), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // QUIT lets Redis answer every command already sent; a dead Redis cannot, so just drop the socket.
    if (this.redis.status === 'ready') await this.redis.quit().catch(() => this.redis.disconnect());
    else this.redis.disconnect();
  }
}

/** Views the bytes without copying; ioredis sends Buffers as binary-safe bulk strings. */
function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
