/*
 * Redis key layout:
 *
 *   concord:audit    stream    one entry per event, never trimmed; field `entry` = the entry as JSON, without
 *                              its id (the stream id, `<ms>-<seq>`, assigned by Redis with `*`, is the entry id)
 *
 * One key, so a Redis Cluster keeps the whole log in one slot and its order is total.
 */
import { Redis } from 'ioredis';
import { z } from 'zod';
import {
  auditEntryInputSchema,
  auditEntrySchema,
  auditQuerySchema,
  type AuditEntry,
  type AuditEntryInput,
  type AuditQuery,
} from '@concord/shared';
import { reconnectDelay } from '../storage/RedisStore.ts';
import type { AuditLog } from './AuditLog.ts';

export const auditStreamKey = 'concord:audit';

/** Entries read per XREVRANGE while looking for matches. */
const pageSize = 500;

/**
 * `at` comes from the appending instance's clock, the stream id from Redis's. A `since` scan starts
 * this much before `since`, so entries from an instance whose clock runs ahead of Redis by less than
 * this are still found (a clock that far off is an operations fault: docs/operations.md).
 */
const clockSkewAllowanceMilliseconds = 5 * 60_000;

const streamPageSchema = z.array(z.tuple([z.string(), z.array(z.string())]));

/** Options of the audit log shared by every instance through Redis. */
export interface RedisAuditLogOptions {
  /** Clock for `at`; tests pass a fixed one. */
  now?: () => Date;
}

/** The append-only audit log in a Redis stream; the entry ids are stream ids ("1700000000000-0"). */
export class RedisAuditLog implements AuditLog {
  private readonly redis: Redis;
  private readonly now: () => Date;
  private closed = false;

  /** Connects at once (commands issued before the connection is ready wait for it). */
  constructor(url: string, options: RedisAuditLogOptions = {}) {
    this.redis = new Redis(url, {
      // As RedisStore: fail a command rather than queue it forever behind a dead or silent Redis.
      maxRetriesPerRequest: 2,
      commandTimeout: 5_000,
      retryStrategy: reconnectDelay,
    });
    // Without a listener ioredis prints every reconnect failure; the failing command reports instead.
    this.redis.on('error', () => undefined);
    this.now = options.now ?? (() => new Date());
  }

  /** Resolves once Redis has the entry; how durable that is depends on its `appendfsync` (docs/operations.md). */
  async append(input: AuditEntryInput): Promise<AuditEntry> {
    if (this.closed) throw new Error('RedisAuditLog is closed');
    const valid = parseAuditEntryInput(input);
    // Checked before writing: a clock outside years 0000-9999 would store an entry no reader accepts.
    const at = auditEntrySchema.shape.at.parse(this.now().toISOString());
    const id = await this.redis.xadd(auditStreamKey, '*', 'entry', JSON.stringify({ ...valid, at }));
    if (id === null) throw new Error('XADD returned no id');
    return auditEntrySchema.parse({ ...valid, id, at });
  }

  /**
   * Newest (most recently appended) first. `since` is inclusive and `until` exclusive, both compared
   * with `at`; `before` keeps entries whose id is smaller, so passing a page's last id gives the next page.
   * Filters apply in memory while the stream is read backwards in pages, so a rare match costs a long scan;
   * `since` bounds it.
   */
  async query(query: AuditQuery): Promise<AuditEntry[]> {
    if (this.closed) throw new Error('RedisAuditLog is closed');
    const filters = auditQuerySchema.parse(query);
    const since = filters.since === undefined ? undefined : millisecondsAtOrAfter(filters.since);
    const until = filters.until === undefined ? undefined : millisecondsAtOrAfter(filters.until);
    const matches = (entry: AuditEntry) =>
      (filters.type === undefined || entry.type === filters.type) &&
      (filters.userId === undefined || entry.actor?.userId === filters.userId) &&
      (filters.documentId === undefined || entry.documentId === filters.documentId) &&
      (since === undefined || Date.parse(entry.at) >= since) &&
      (until === undefined || Date.parse(entry.at) < until);

    // No id precedes 0-0, and Redis refuses it as an exclusive end.
    if (filters.before !== undefined && /^0+-0+$/.test(parseStreamId(filters.before))) return [];
    let end = filters.before === undefined ? '+' : `(${filters.before}`;
    const start = since === undefined ? '-' : `${Math.max(0, since - clockSkewAllowanceMilliseconds)}-0`;
    const found: AuditEntry[] = [];
    for (;;) {
      const page = streamPageSchema.parse(await this.redis.xrevrange(auditStreamKey, end, start, 'COUNT', pageSize));
      for (const [id, fields] of page) {
        const entry = parseStreamEntry(id, fields);
        if (!matches(entry)) continue;
        found.push(entry);
        if (found.length === filters.limit) return found;
      }
      const last = page.at(-1);
      if (last === undefined || page.length < pageSize) return found;
      end = `(${last[0]}`;
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

/** Validates an entry to append; the error names every offending field. */
function parseAuditEntryInput(input: AuditEntryInput) {
  const result = auditEntryInputSchema.safeParse(input);
  if (!result.success) throw new Error(`invalid audit entry: ${z.prettifyError(result.error)}`, { cause: result.error });
  return result.data;
}

/**
 * Reads one stream entry back. An unreadable entry throws rather than being skipped: a query that
 * silently leaves out what it cannot read would hide exactly the tampering or corruption an audit
 * log exists to reveal. The error names the stream id, so an operator can inspect it.
 */
function parseStreamEntry(id: string, fields: string[]): AuditEntry {
  const index = fields.findIndex((name, position) => position % 2 === 0 && name === 'entry');
  const json = index === -1 ? undefined : fields[index + 1];
  if (json === undefined) throw new Error(`corrupted audit entry ${id} in ${auditStreamKey}: no entry field`);
  let stored: unknown;
  try {
    stored = JSON.parse(json);
  } catch (error) {
    throw new Error(`corrupted audit entry ${id} in ${auditStreamKey}: not JSON`, { cause: error });
  }
  const result = auditEntrySchema.safeParse({ ...(isObject(stored) ? stored : {}), id });
  if (!result.success) {
    throw new Error(`corrupted audit entry ${id} in ${auditStreamKey}: ${z.prettifyError(result.error)}`, { cause: result.error });
  }
  return result.data;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The stream id a `before` stands for; anything else was not handed out by this log. */
function parseStreamId(id: string): string {
  if (!/^\d{1,20}-\d{1,20}$/.test(id)) throw new Error(`invalid audit entry id "${id}": expected an id returned by this log`);
  return id;
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
