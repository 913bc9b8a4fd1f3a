import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { Redis } from 'ioredis';
import type { Cursor, DocumentFeedListener, InstanceBus, StoredUpdate } from './Store.ts';
import { cursorToStreamId, documentKeys, parseStreamEntry, reconnectDelay } from './RedisStore.ts';

/** Options of the cross-instance bus. */
export interface RedisInstanceBusOptions {
  url: string;
  /** Marks this instance's awareness entries; random when omitted. */
  instanceId?: string;
  /** Longest single XREAD BLOCK; subscription changes interrupt it at once, so this only bounds idle loops. */
  blockMilliseconds?: number;
  /** Silence from Redis after which rooms reload from the store; keep it well under the store's log retention. */
  stallMilliseconds?: number;
  /** Connection failures and listener exceptions; the bus keeps running after both. */
  onError?: (error: unknown) => void;
}

interface Subscription {
  documentId: string;
  listener: DocumentFeedListener;
  logKey: string;
  awarenessKey: string;
  /** Id of the last log entry delivered. */
  lastLogId: string;
  /** Id of the last awareness entry seen; null until the loop resolves where the stream ends now. */
  lastAwarenessId: string;
}

type StreamReply = [key: Buffer, entries: [id: Buffer, fields: Buffer[]][]][];

const awarenessMaxLength = 100;
/**
 * A new subscription replays the awareness of the last 30 s (y-protocols' outdated timeout), so a
 * client joining here sees who is present on other instances at once rather than at their next
 * 15 s renewal, and no state older than a live client would keep.
 */
const awarenessReplayMilliseconds = 30_000;
const entriesPerRead = 500;

/**
 * Fans document streams out between instances: one blocking XREAD over every subscribed log and
 * awareness stream, on a dedicated connection. Streams, unlike pub/sub, keep what was sent while an
 * instance was disconnected, so the loop resumes from the last delivered ids with no gap.
 *
 * Compaction trims log entries up to a snapshot. It never removes entries a subscriber still
 * needs: a subscriber's room was loaded from that snapshot or later, so its cursor is at or past it.
 */
export class RedisInstanceBus implements InstanceBus {
  readonly instanceId: string;
  /** Runs only the blocking read loop, so CLIENT UNBLOCK from `commands` can interrupt it. */
  private readonly reader: Redis;
  private readonly commands: Redis;
  private readonly subscriptions = new Map<string, Subscription>();
  private readonly blockMilliseconds: number;
  private readonly onError: (error: unknown) => void;
  private readonly loop: Promise<void>;
  private readerClientId: number | null = null;
  /** Bumped on every subscription change; a read built from an older generation is stale. */
  private generation = 0;
  private readGeneration = -1;
  private readInFlight = false;
  private unblocking = false;
  private wakeIdleLoop: (() => void) | null = null;
  private readonly stopping = new AbortController();
  private closed = false;
  /** When the loop last heard from Redis; a longer silence than `stallMilliseconds` may have missed trimmed entries. */
  private lastHeardAt = performance.now();
  private readonly stallMilliseconds: number;

  constructor(options: RedisInstanceBusOptions) {
    this.instanceId = options.instanceId ?? randomUUID();
    this.blockMilliseconds = options.blockMilliseconds ?? 5000;
    this.stallMilliseconds = Math.max(options.stallMilliseconds ?? 15_000, 2 * this.blockMilliseconds);
    this.onError = options.onError ?? ((error) => console.error('[RedisInstanceBus]', error));
    this.commands = new Redis(options.url, { maxRetriesPerRequest: 2, retryStrategy: reconnectDelay });
    // maxRetriesPerRequest 0 rejects the pending XREAD as soon as the socket drops, and the loop
    // retries itself. (With autoResendUnfulfilledCommands off and retries left, ioredis 6 would
    // silently drop the pending command after a quick reconnect and never settle its promise.)
    this.reader = new Redis(options.url, {
      maxRetriesPerRequest: 0,
      autoResendUnfulfilledCommands: false,
      retryStrategy: reconnectDelay,
    });
    this.commands.on('error', this.onError);
    this.reader.on('error', this.onError);
    // A new connection has a new client id.
    this.reader.on('close', () => {
      this.readerClientId = null;
    });
    this.loop = this.readLoop();
  }

  subscribe(documentId: string, afterCursor: Cursor, listener: DocumentFeedListener): () => void {
    if (this.closed) throw new Error('RedisInstanceBus is closed');
    if (this.subscriptions.has(documentId)) throw new Error(`already subscribed to document ${documentId}`);
    const keys = documentKeys(documentId);
    const subscription: Subscription = {
      documentId,
      listener,
      logKey: keys.log,
      awarenessKey: keys.awareness,
      lastLogId: cursorToStreamId(afterCursor),
      lastAwarenessId: `${Date.now() - awarenessReplayMilliseconds}-0`,
    };
    this.subscriptions.set(documentId, subscription);
    this.subscriptionsChanged();
    return () => {
      if (this.subscriptions.get(documentId) !== subscription) return;
      this.subscriptions.delete(documentId);
      this.subscriptionsChanged();
    };
  }

  async publishAwareness(documentId: string, update: Uint8Array): Promise<void> {
    const bytes = Buffer.from(update.buffer, update.byteOffset, update.byteLength);
    const key = documentKeys(documentId).awareness;
    await this.commands.xadd(key, 'MAXLEN', '~', awarenessMaxLength, '*', 'u', bytes, 'o', this.instanceId);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.stopping.abort();
    this.subscriptions.clear();
    this.wakeIdleLoop?.();
    // Rejects the pending XREAD, which ends the loop.
    this.reader.disconnect();
    await this.loop;
    await this.commands.quit().catch(() => this.commands.disconnect());
  }

  private async readLoop(): Promise<void> {
    let failures = 0;
    while (!this.closed) {
      if (this.subscriptions.size === 0) {
        await new Promise<void>((resolve) => (this.wakeIdleLoop = resolve));
        this.wakeIdleLoop = null;
        continue;
      }
      try {
        this.readerClientId ??= await this.reader.client('ID');
        const subscriptions = [...this.subscriptions.values()];
        const keys = subscriptions.flatMap((subscription) => [subscription.logKey, subscription.awarenessKey]);
        const ids = subscriptions.flatMap((subscription) => [subscription.lastLogId, subscription.lastAwarenessId]);
        this.readGeneration = this.generation;
        this.readInFlight = true;
        const reply = await this.reader
          .xreadBuffer('COUNT', entriesPerRead, 'BLOCK', this.blockMilliseconds, 'STREAMS', ...keys, ...ids)
          .finally(() => (this.readInFlight = false));
        this.checkForStall(subscriptions);
        if (reply !== null) this.deliver(subscriptions, reply);
        failures = 0;
      } catch (error) {
        if (this.closed) break;
        this.onError(error);
        failures += 1;
        // Ends early when the bus closes.
        await delay(reconnectDelay(failures), undefined, { signal: this.stopping.signal }).catch(() => undefined);
      }
    }
  }

  /**
   * Compaction trims log entries older than the store's retention window. An instance that heard
   * nothing from Redis for longer than `stallMilliseconds` (paused process, long outage) may have
   * missed entries that were trimmed meanwhile: its rooms reload from the store.
   */
  private checkForStall(subscriptions: Subscription[]): void {
    const now = performance.now();
    const silence = now - this.lastHeardAt;
    this.lastHeardAt = now;
    if (silence <= this.stallMilliseconds) return;
    for (const subscription of subscriptions) this.notify(() => subscription.listener.onResync());
  }

  /** Hands a read's entries to the subscriptions it was built from, skipping those gone since. */
  private deliver(subscriptions: Subscription[], reply: StreamReply): void {
    const byKey = new Map<string, { subscription: Subscription; kind: 'log' | 'awareness' }>();
    for (const subscription of subscriptions) {
      byKey.set(subscription.logKey, { subscription, kind: 'log' });
      byKey.set(subscription.awarenessKey, { subscription, kind: 'awareness' });
    }
    for (const [key, entries] of reply) {
      const target = byKey.get(key.toString());
      const lastEntry = entries.at(-1);
      if (target === undefined || lastEntry === undefined) continue;
      const { subscription, kind } = target;
      // Unsubscribed (or replaced by a new subscription with its own cursor) while the read was in flight.
      if (this.subscriptions.get(subscription.documentId) !== subscription) continue;
      const parsed = this.parseEntries(entries);
      if (kind === 'log') {
        subscription.lastLogId = lastEntry[0].toString();
        if (parsed.length > 0) this.notify(() => subscription.listener.onUpdates(parsed));
      } else {
        subscription.lastAwarenessId = lastEntry[0].toString();
        for (const { update, origin } of parsed) {
          if (origin !== this.instanceId) this.notify(() => subscription.listener.onAwareness(update));
        }
      }
    }
  }

  /** Skips (and reports) malformed entries rather than re-reading them forever. */
  private parseEntries(entries: [id: Buffer, fields: Buffer[]][]): StoredUpdate[] {
    const parsed: StoredUpdate[] = [];
    for (const [id, fields] of entries) {
      try {
        parsed.push({ cursor: id.toString(), ...parseStreamEntry(fields) });
      } catch (error) {
        this.onError(error);
      }
    }
    return parsed;
  }

  private notify(deliver: () => void): void {
    try {
      deliver();
    } catch (error) {
      this.onError(error);
    }
  }

  private subscriptionsChanged(): void {
    this.generation += 1;
    this.wakeIdleLoop?.();
    void this.unblockStaleRead();
  }

  /**
   * Interrupts a blocked read that does not cover the current subscriptions. UNBLOCK answers 0 when
   * the read has not reached Redis yet (or its reply is on the way), so it retries until the loop
   * has started a read of the current generation.
   */
  private async unblockStaleRead(): Promise<void> {
    if (this.unblocking) return;
    this.unblocking = true;
    try {
      for (let attempt = 0; this.isReadStale(); attempt += 1) {
        const clientId = this.readerClientId;
        if (clientId === null) return;
        const unblocked = await this.commands.client('UNBLOCK', clientId);
        if (unblocked !== 1) await delay(Math.min(2 ** attempt, 50));
      }
    } catch (error) {
      if (!this.closed) this.onError(error);
    } finally {
      this.unblocking = false;
    }
  }

  private isReadStale(): boolean {
    return !this.closed && this.readInFlight && this.readGeneration < this.generation;
  }
}
