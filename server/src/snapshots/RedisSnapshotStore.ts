/*
 * Redis key layout. Snapshot keys share the hash tag `{agreed-snapshots}`: in a Redis Cluster they live in ONE slot,
 * so one Lua script checks the number (per document) and the id (global) and writes all three keys, or nothing.
 * Snapshots are few (a handful per document and session), so one slot carries them easily. Exports, the bulky part,
 * are one hash each, spread over the cluster. Nothing here is ever overwritten or deleted.
 *
 *   concord:agreed-snapshot:{agreed-snapshots}:record:<id>           string      Snapshot JSON
 *   concord:agreed-snapshot:{agreed-snapshots}:numbers:<documentId>  hash        number -> snapshot id
 *   concord:agreed-snapshot:{agreed-snapshots}:list:<documentId>     sorted set  member = snapshot id, score = number
 *   concord:agreed-snapshot:export:<snapshotId>:<format>:<mode>:<language>
 *                                                                     hash        bytes = the file (binary),
 *                                                                                 signature = ExportSignature JSON
 *
 * Ids, document ids, formats, modes and languages never hold ':' (their schemas say so), so no two keys collide.
 * Records are validated with the shared zod schemas both ways.
 */
import type { Redis} from 'ioredis';
import { type Result } from 'ioredis';
import { documentIdSchema, exportSignatureSchema, snapshotIdSchema, snapshotSchema, type ExportFormat, type ExportLanguage, type ExportMode, type Snapshot } from '@concord/shared';
import { openRedisConnection } from '../storage/openRedisConnection.ts';
import { DuplicateThreadRecordError, ThreadRecordNotFoundError, storedRecord, validRecord } from '../threads/ThreadStore.ts';
import { SnapshotNumberTakenError, type SnapshotStore, type StoredExport } from './SnapshotStore.ts';
import { exportKeySchema, ownBytes, storedSnapshot, validExport } from './snapshotRecords.ts';

const prefix = 'concord:agreed-snapshot:{agreed-snapshots}';

/** Every key the snapshot store uses (exported for tests and operations tooling). */
export const agreedSnapshotKeys = {
  record: (snapshotId: string) => `${prefix}:record:${snapshotId}`,
  numbers: (documentId: string) => `${prefix}:numbers:${documentId}`,
  list: (documentId: string) => `${prefix}:list:${documentId}`,
  export: (snapshotId: string, format: ExportFormat, mode: ExportMode, language: ExportLanguage) =>
    `concord:agreed-snapshot:export:${snapshotId}:${format}:${mode}:${language}`,
};

// KEYS: record, numbers, list. ARGV: id, number, JSON. Replies 0 once stored, 1 if the id is taken, 2 if the
// number is (the id first: re-adding a stored snapshot is a duplicate). Nothing is written unless both are free.
const addScript = `
  if redis.call('EXISTS', KEYS[1]) == 1 then return 1 end
  if redis.call('HSETNX', KEYS[2], ARGV[2], ARGV[1]) == 0 then return 2 end
  redis.call('SET', KEYS[1], ARGV[3])
  redis.call('ZADD', KEYS[3], ARGV[2], ARGV[1])
  return 0`;

// KEYS: the export. ARGV: bytes, signature JSON. Both fields or neither, and only the first writer's.
const putExportScript = `
  if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
  redis.call('HSET', KEYS[1], 'bytes', ARGV[1], 'signature', ARGV[2])
  return 1`;

declare module 'ioredis' {
  interface RedisCommander<Context> {
    concordAddAgreedSnapshot(record: string, numbers: string, list: string, id: string, number: string, json: string): Result<number, Context>;
    concordPutAgreedSnapshotExport(exportKey: string, bytes: Buffer, signature: string): Result<number, Context>;
  }
}

/** Agreed snapshots and their exports, shared by every server instance through Redis (see the key layout above). */
export class RedisSnapshotStore implements SnapshotStore {
  private readonly redis: Redis;
  private closed = false;

  /** Connects at once (commands issued before the connection is ready wait for it). */
  constructor(url: string) {
    this.redis = openRedisConnection(url);
    this.redis.defineCommand('concordAddAgreedSnapshot', { numberOfKeys: 3, lua: addScript });
    this.redis.defineCommand('concordPutAgreedSnapshotExport', { numberOfKeys: 1, lua: putExportScript });
  }

  async nextNumber(documentId: string): Promise<number> {
    this.checkOpen();
    const validDocumentId = validRecord(documentIdSchema, documentId, 'document id');
    const [, highest] = await this.redis.zrevrange(agreedSnapshotKeys.list(validDocumentId), 0, 0, 'WITHSCORES');
    return highest === undefined ? 1 : Number(highest) + 1;
  }

  async add(snapshot: Snapshot): Promise<void> {
    this.checkOpen();
    const valid = validRecord(snapshotSchema, snapshot, 'snapshot');
    const taken = await this.redis.concordAddAgreedSnapshot(
      agreedSnapshotKeys.record(valid.id),
      agreedSnapshotKeys.numbers(valid.documentId),
      agreedSnapshotKeys.list(valid.documentId),
      valid.id,
      String(valid.number),
      JSON.stringify(valid),
    );
    if (taken === 1) throw new DuplicateThreadRecordError(`snapshot ${valid.id} already exists`);
    if (taken === 2) throw new SnapshotNumberTakenError(`document ${valid.documentId} already has snapshot number ${valid.number}`);
  }

  async get(snapshotId: string): Promise<Snapshot | null> {
    this.checkOpen();
    // A malformed id was never stored (and must not reach into another key).
    if (!snapshotIdSchema.safeParse(snapshotId).success) return null;
    const text = await this.redis.get(agreedSnapshotKeys.record(snapshotId));
    return text === null ? null : storedSnapshot(text, snapshotId);
  }

  async list(documentId: string): Promise<Snapshot[]> {
    this.checkOpen();
    const validDocumentId = validRecord(documentIdSchema, documentId, 'document id');
    const ids = await this.redis.zrange(agreedSnapshotKeys.list(validDocumentId), '0', '-1');
    if (ids.length === 0) return [];
    const texts = await this.redis.mget(...ids.map((id) => agreedSnapshotKeys.record(id)));
    // Written by the same script as the list, never deleted: a missing record is damage, not a race.
    return texts.map((text, index) => storedSnapshot(text ?? 'null', ids[index]));
  }

  async getExport(snapshotId: string, format: ExportFormat, mode: ExportMode, language: ExportLanguage): Promise<StoredExport | null> {
    this.checkOpen();
    const key = { snapshotId, format, mode, language };
    // Key parts the store could never have written (a ':' would reach into another key): nothing stored.
    if (!exportKeySchema.safeParse(key).success) return null;
    const fields = await this.redis.hgetallBuffer(agreedSnapshotKeys.export(snapshotId, format, mode, language));
    if (Object.keys(fields).length === 0) return null;
    const { bytes, signature } = fields;
    const parsedSignature = storedRecord(exportSignatureSchema, signature?.toString('utf8') ?? 'null', 'export signature');
    return validExport({ ...key, bytes: bytes === undefined ? undefined : ownBytes(bytes), signature: parsedSignature }, 'stored export');
  }

  async putExport(stored: StoredExport): Promise<StoredExport> {
    this.checkOpen();
    const valid = validExport(stored, 'export');
    const { snapshotId, format, mode, language } = valid;
    // Snapshots are never deleted, so one seen here is still there when the export is written.
    if ((await this.redis.exists(agreedSnapshotKeys.record(snapshotId))) === 0) throw new ThreadRecordNotFoundError(`no snapshot ${snapshotId}`);
    const bytes = Buffer.from(valid.bytes.buffer, valid.bytes.byteOffset, valid.bytes.byteLength);
    await this.redis.concordPutAgreedSnapshotExport(agreedSnapshotKeys.export(snapshotId, format, mode, language), bytes, JSON.stringify(valid.signature));
    // The first writer wins: whoever wrote, every instance serves what is stored now.
    const kept = await this.getExport(snapshotId, format, mode, language);
    if (kept === null) throw new Error(`export of snapshot ${snapshotId} vanished after it was stored`);
    return kept;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // QUIT lets Redis answer every command already sent; a dead Redis cannot, so just drop the socket.
    if (this.redis.status === 'ready') await this.redis.quit().catch(() => this.redis.disconnect());
    else this.redis.disconnect();
  }

  private checkOpen(): void {
    if (this.closed) throw new Error('RedisSnapshotStore is closed');
  }
}
