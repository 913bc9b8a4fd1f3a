import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Cursor, StoredUpdate } from '../../server/src/storage/Store.ts';
import { RedisInstanceBus, type RedisInstanceBusOptions } from '../../server/src/storage/RedisInstanceBus.ts';
import { RedisStore } from '../../server/src/storage/RedisStore.ts';
import { redisUrlForTests, startRedisServer } from '../utils/redisServer.ts';

interface Feed {
  updates: StoredUpdate[];
  resyncs: number;
  batches: number;
  awareness: Uint8Array[];
  unsubscribe: () => void;
}

async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMilliseconds = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMilliseconds;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMilliseconds} ms`);
    await delay(2);
  }
}

function listen(bus: RedisInstanceBus, documentId: string, afterCursor: Cursor = '0'): Feed {
  const feed: Feed = { updates: [], resyncs: 0, batches: 0, awareness: [], unsubscribe: () => undefined };
  feed.unsubscribe = bus.subscribe(documentId, afterCursor, {
    onUpdates: (entries) => {
      feed.batches += 1;
      feed.updates.push(...entries);
    },
    onAwareness: (update) => feed.awareness.push(update),
    onResync: () => (feed.resyncs += 1),
  });
  return feed;
}

async function appendMany(store: RedisStore, documentId: string, count: number, origin: string): Promise<Cursor[]> {
  const cursors: Cursor[] = [];
  for (let index = 0; index < count; index += 1) {
    cursors.push(await store.appendUpdate(documentId, new Uint8Array([index % 256, 7, 0, 255]), origin));
  }
  return cursors;
}

const newDocumentId = () => `doc-${randomUUID()}`;
const connectionErrors: unknown[] = [];
const closers: Array<() => Promise<void>> = [];

function openBus(url: string, options: Partial<RedisInstanceBusOptions> = {}): RedisInstanceBus {
  const bus = new RedisInstanceBus({ url, onError: (error) => connectionErrors.push(error), ...options });
  closers.push(() => bus.close());
  return bus;
}

function openStore(url: string): RedisStore {
  const store = new RedisStore(url);
  closers.push(() => store.close());
  return store;
}

describe('RedisInstanceBus', () => {
  let redis: { url: string; stop(): Promise<void> };
  beforeAll(async () => {
    redis = await redisUrlForTests();
  });
  afterAll(async () => {
    await redis.stop();
  });
  afterEach(async () => {
    await Promise.all(closers.splice(0).map((close) => close()));
  });

  it('delivers every log entry to every instance in order, with its origin', async () => {
    const store = openStore(redis.url);
    const first = openBus(redis.url, { instanceId: 'instance-a' });
    const second = openBus(redis.url, { instanceId: 'instance-b' });
    const documentId = newDocumentId();
    const firstFeed = listen(first, documentId);
    const secondFeed = listen(second, documentId);
    const cursors = [...(await appendMany(store, documentId, 30, 'instance-a')), ...(await appendMany(store, documentId, 5, 'instance-b'))];
    await waitFor(() => firstFeed.updates.length >= 35 && secondFeed.updates.length >= 35);
    for (const feed of [firstFeed, secondFeed]) {
      expect(feed.updates.map((entry) => entry.cursor)).toEqual(cursors);
      expect(feed.updates.map((entry) => entry.origin)).toEqual([...Array(30).fill('instance-a'), ...Array(5).fill('instance-b')]);
      expect([...(feed.updates[3]?.update ?? [])]).toEqual([3, 7, 0, 255]);
    }
  });

  it('delivers each entry\'s author as appended, and null for entries appended without one', async () => {
    const store = openStore(redis.url);
    const bus = openBus(redis.url);
    const documentId = newDocumentId();
    const author = (speaker: string) => JSON.stringify({ userId: `user-${speaker}`, name: `Délégation ${speaker}`, role: 'delegate', speaker, typedFor: false, at: '2026-05-04T10:00:00.000Z' });
    const authors = [author('EGY'), null, author('FRA'), undefined, author('CHN')];
    // Half before the subscription (backlog), half after (live).
    const cursors = [await store.appendUpdate(documentId, new Uint8Array([0]), 'instance-a', authors[0]), await store.appendUpdate(documentId, new Uint8Array([1]), 'instance-a', authors[1])];
    const feed = listen(bus, documentId);
    await waitFor(() => feed.updates.length >= 2);
    for (const [index, given] of authors.entries()) {
      if (index >= 2) cursors.push(await store.appendUpdate(documentId, new Uint8Array([index]), 'instance-b', given));
    }
    await waitFor(() => feed.updates.length >= 5);
    expect(feed.updates.map((entry) => entry.cursor)).toEqual(cursors);
    expect(feed.updates.map((entry) => entry.author)).toEqual([author('EGY'), null, author('FRA'), null, author('CHN')]);
    // The bus and a load from the store agree on every entry.
    expect((await store.loadDocument(documentId)).updates).toEqual(feed.updates);
  });

  it('delivers the backlog after the cursor first, then live entries', async () => {
    const store = openStore(redis.url);
    const bus = openBus(redis.url);
    const documentId = newDocumentId();
    const backlog = await appendMany(store, documentId, 20, 'instance-a');
    const feed = listen(bus, documentId, backlog[9]);
    await waitFor(() => feed.updates.length >= 10);
    const live = await appendMany(store, documentId, 5, 'instance-b');
    await waitFor(() => feed.updates.length >= 15);
    expect(feed.updates.map((entry) => entry.cursor)).toEqual([...backlog.slice(10), ...live]);
  });

  it('starts a new subscription at once while the read loop is blocked', async () => {
    const store = openStore(redis.url);
    // Blocked for longer than the test may run: only the CLIENT UNBLOCK on a new subscription can deliver in time.
    const bus = openBus(redis.url, { blockMilliseconds: 600_000 });
    const observer = new Redis(redis.url);
    closers.push(async () => void (await observer.quit()));
    listen(bus, newDocumentId());
    await waitFor(async () => String(await observer.client('LIST')).includes('cmd=xread'));

    const withBacklog = newDocumentId();
    const [backlogCursor] = await appendMany(store, withBacklog, 1, 'instance-a');
    const backlogFeed = listen(bus, withBacklog);
    await waitFor(() => backlogFeed.updates.length === 1);
    expect(backlogFeed.updates[0]?.cursor).toBe(backlogCursor);

    const fresh = newDocumentId();
    const freshFeed = listen(bus, fresh);
    await appendMany(store, fresh, 1, 'instance-a');
    await waitFor(() => freshFeed.updates.length === 1);
    expect(freshFeed.updates).toHaveLength(1);
  });

  it('asks its rooms to reload from the store after hearing nothing from Redis for longer than the stall threshold', async () => {
    const bus = openBus(redis.url, { blockMilliseconds: 50, stallMilliseconds: 200 });
    const store = openStore(redis.url);
    const documentId = newDocumentId();
    const feed = listen(bus, documentId);
    await appendMany(store, documentId, 1, 'writer');
    await waitFor(() => feed.updates.length === 1);
    expect(feed.resyncs).toBe(0);
    const admin = new Redis(redis.url);
    closers.push(async () => void (await admin.quit()));
    // Every client but this one is paused: the bus hears nothing for 600 ms, as if its process had stopped.
    await admin.client('PAUSE', 600, 'ALL');
    await waitFor(() => feed.resyncs === 1, 5_000);
    await appendMany(store, documentId, 1, 'writer');
    await waitFor(() => feed.updates.length === 2);
    expect(feed.resyncs).toBe(1);
  });

  it('carries awareness to the other instances only', async () => {
    const store = openStore(redis.url);
    const first = openBus(redis.url, { instanceId: 'instance-a' });
    const second = openBus(redis.url, { instanceId: 'instance-b' });
    const documentId = newDocumentId();
    const firstFeed = listen(first, documentId);
    const secondFeed = listen(second, documentId);
    // Once a log entry arrived, both loops read the awareness stream too.
    await appendMany(store, documentId, 1, 'instance-a');
    await waitFor(() => firstFeed.updates.length === 1 && secondFeed.updates.length === 1);

    await first.publishAwareness(documentId, new Uint8Array([1, 2, 3]));
    await second.publishAwareness(documentId, new Uint8Array([4, 5]));
    await waitFor(() => firstFeed.awareness.length === 1 && secondFeed.awareness.length === 1);
    await delay(100);
    expect(secondFeed.awareness.map((update) => [...update])).toEqual([[1, 2, 3]]);
    expect(firstFeed.awareness.map((update) => [...update])).toEqual([[4, 5]]);
  });

  it('stops delivering after unsubscribe while other subscriptions go on', async () => {
    const store = openStore(redis.url);
    const bus = openBus(redis.url);
    const leaving = newDocumentId();
    const staying = newDocumentId();
    const leavingFeed = listen(bus, leaving);
    const stayingFeed = listen(bus, staying);
    await appendMany(store, leaving, 1, 'instance-a');
    await waitFor(() => leavingFeed.updates.length === 1);

    leavingFeed.unsubscribe();
    await appendMany(store, leaving, 3, 'instance-a');
    await appendMany(store, staying, 1, 'instance-a');
    await waitFor(() => stayingFeed.updates.length === 1);
    await delay(200);
    expect(leavingFeed.updates).toHaveLength(1);
  });

  it('resumes without gaps or duplicates after redis-server is killed and restarted', async () => {
    const server = await startRedisServer({ appendOnly: true, appendFsync: 'always' });
    let restarted: Awaited<ReturnType<typeof startRedisServer>> | undefined;
    try {
      const store = openStore(server.url);
      const bus = openBus(server.url);
      const documentId = newDocumentId();
      const feed = listen(bus, documentId);
      const before = await appendMany(store, documentId, 10, 'instance-a');
      await waitFor(() => feed.updates.length === 10);

      server.kill();
      await server.exited;
      restarted = await startRedisServer({ appendOnly: true, appendFsync: 'always', directory: server.directory, port: server.port });
      await waitFor(async () => store.ping().then(() => true, () => false), 15_000);
      const after = await appendMany(store, documentId, 10, 'instance-a');
      await waitFor(() => feed.updates.length >= 20, 15_000);
      await delay(200);
      expect(feed.updates.map((entry) => entry.cursor)).toEqual([...before, ...after]);
      expect(connectionErrors.length).toBeGreaterThan(0);
    } finally {
      await Promise.all(closers.splice(0).map((close) => close()));
      await restarted?.stop();
      server.kill();
      rmSync(server.directory, { recursive: true, force: true });
    }
  });
});
