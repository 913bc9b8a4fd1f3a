import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Notification } from '@concord/shared';
import type { NotificationStore } from '../../server/src/notifications/NotificationStore.ts';
import { SqliteNotificationStore } from '../../server/src/notifications/SqliteNotificationStore.ts';
import { RedisNotificationStore, notificationKeys } from '../../server/src/notifications/RedisNotificationStore.ts';
import { openSqliteFile } from '../../server/src/storage/openSqliteFile.ts';
import { DuplicateThreadRecordError, InvalidThreadRecordError } from '../../server/src/threads/ThreadStore.ts';
import { startRedisServer, type RedisServer } from '../utils/redisServer.ts';

const freshId = (prefix: string) => `${prefix}-${randomBytes(9).toString('base64url')}`;
const minute = (index: number) => new Date(Date.UTC(2026, 10, 30, 10, index)).toISOString();

function makeNotification(userId: string, createdAtMinute: number, overrides: Partial<Notification> = {}): Notification {
  return {
    id: freshId('note'),
    userId,
    documentId: 'doc-nsa',
    threadId: freshId('thread'),
    blockId: 'block-1',
    paragraph: { number: 'PP 2', alternative: 0 },
    commentId: freshId('comment'),
    actor: { name: 'Delegate of France', affiliation: 'FRA' },
    reason: { kind: 'mention', delegationCode: 'EGY' },
    createdAt: minute(createdAtMinute),
    readAt: null,
    ...overrides,
  };
}

interface Backend {
  openStore: () => NotificationStore;
  /** Overwrites a stored notification's record with `text`, behind the store's back. */
  overwrite: (notificationId: string, text: string) => Promise<void>;
  tearDown: () => Promise<void>;
}

interface BackendCase {
  name: string;
  setUp: () => Promise<Backend>;
}

const backends: BackendCase[] = [
  {
    name: 'SQLite',
    setUp: async () => {
      const directory = mkdtempSync(join(tmpdir(), 'concord-notifications-'));
      return {
        openStore: () => new SqliteNotificationStore(directory),
        overwrite: async (notificationId, text) => {
          // A better-sqlite3 connection of our own.
          const database = openSqliteFile(directory, 'NORMAL');
          try {
            const changed = database.prepare('UPDATE notifications SET record = ? WHERE id = ?').run(text, notificationId);
            expect(changed.changes).toBe(1);
          } finally {
            database.close();
          }
        },
        tearDown: async () => rmSync(directory, { recursive: true, force: true }),
      };
    },
  },
  {
    name: 'Redis',
    setUp: async () => {
      // A Redis of its own; every store opened on it is a new connection to the same data.
      const server: RedisServer = await startRedisServer();
      return {
        openStore: () => new RedisNotificationStore(server.url),
        overwrite: async (notificationId, text) => {
          const redis = new Redis(server.url);
          try {
            expect(await redis.set(notificationKeys.record(notificationId), text, 'XX')).toBe('OK');
          } finally {
            await redis.quit();
          }
        },
        tearDown: async () => {
          await server.stop();
          rmSync(server.directory, { recursive: true, force: true });
        },
      };
    },
  },
];

/**
 * The behaviour every NotificationStore backend must share. `openStore` opens a new instance (a new connection) on
 * the same data each time; tests use fresh user and thread ids, so they share that data.
 */
describe.each(backends.map((backend) => [backend.name, backend.setUp] as const))('%s notification store contract', (_name, setUp) => {
  let backend: Backend;
  let store: NotificationStore;
  beforeAll(async () => {
    backend = await setUp();
    store = backend.openStore();
  });
  afterAll(async () => {
    await store.close();
    await backend.tearDown();
  });

  it('lists a user’s notifications newest first, ties in insertion order, at most `limit`', async () => {
    const userId = freshId('user');
    const oldest = makeNotification(userId, 1);
    const middle = makeNotification(userId, 2);
    const later = makeNotification(userId, 3);
    const sameMinuteFirst = makeNotification(userId, 5);
    const sameMinuteSecond = makeNotification(userId, 5, { reason: { kind: 'reply' } });
    const someoneElse = makeNotification(freshId('user'), 9);
    await store.add([oldest, later]);
    await store.add([middle, sameMinuteFirst, someoneElse, sameMinuteSecond]);
    expect(await store.list(userId, 10)).toEqual([sameMinuteSecond, sameMinuteFirst, later, middle, oldest]);
    expect(await store.list(userId, 2)).toEqual([sameMinuteSecond, sameMinuteFirst]);
    expect(await store.list(userId, 0)).toEqual([]);
    expect(await store.list(someoneElse.userId, 10)).toEqual([someoneElse]);
    expect(await store.list(freshId('user'), 10)).toEqual([]);
    await store.add([]);
  });

  it('counts the unread notifications of each user', async () => {
    const userId = freshId('user');
    const other = freshId('user');
    await store.add([makeNotification(userId, 1), makeNotification(userId, 2, { readAt: minute(3) }), makeNotification(userId, 4), makeNotification(other, 1)]);
    expect(await store.unreadCount(userId)).toBe(2);
    expect(await store.unreadCount(other)).toBe(1);
    expect(await store.unreadCount(freshId('user'))).toBe(0);
  });

  it('marks read only the user’s own unread notifications, setting readAt', async () => {
    const userId = freshId('user');
    const other = freshId('user');
    const first = makeNotification(userId, 1);
    const second = makeNotification(userId, 2);
    const alreadyRead = makeNotification(userId, 3, { readAt: minute(4) });
    const theirs = makeNotification(other, 2);
    await store.add([first, second, alreadyRead, theirs]);
    await store.markRead(userId, [first.id, alreadyRead.id, theirs.id, 'no-such-notification', first.id], minute(10));
    expect(await store.list(userId, 10)).toEqual([alreadyRead, second, { ...first, readAt: minute(10) }]);
    expect(await store.unreadCount(userId)).toBe(1);
    expect(await store.list(other, 10)).toEqual([theirs]);
    expect(await store.unreadCount(other)).toBe(1);
    // Marking again changes nothing: the first readAt stands.
    await store.markRead(userId, [first.id], minute(20));
    expect((await store.list(userId, 10))[2]).toEqual({ ...first, readAt: minute(10) });
    await expect(store.markRead(userId, [second.id], 'yesterday')).rejects.toBeInstanceOf(InvalidThreadRecordError);
    expect(await store.unreadCount(userId)).toBe(1);
  });

  it('marks all of a user’s notifications read, and nobody else’s', async () => {
    const userId = freshId('user');
    const other = freshId('user');
    const first = makeNotification(userId, 1);
    const alreadyRead = makeNotification(userId, 2, { readAt: minute(3) });
    const last = makeNotification(userId, 4);
    const theirs = makeNotification(other, 4);
    await store.add([first, alreadyRead, last, theirs]);
    await store.markAllRead(userId, minute(30));
    expect(await store.list(userId, 10)).toEqual([{ ...last, readAt: minute(30) }, alreadyRead, { ...first, readAt: minute(30) }]);
    expect(await store.unreadCount(userId)).toBe(0);
    expect(await store.unreadCount(other)).toBe(1);
    await store.markAllRead(freshId('user'), minute(30));
  });

  it('stores nothing of a batch holding a taken or repeated id', async () => {
    const userId = freshId('user');
    const stored = makeNotification(userId, 1);
    await store.add([stored]);
    const fresh = makeNotification(userId, 2);
    await expect(store.add([fresh, { ...stored, createdAt: minute(3) }])).rejects.toBeInstanceOf(DuplicateThreadRecordError);
    const repeated = makeNotification(userId, 4);
    await expect(store.add([repeated, makeNotification(userId, 5), { ...repeated, userId: freshId('user') }])).rejects.toBeInstanceOf(DuplicateThreadRecordError);
    expect(await store.list(userId, 10)).toEqual([stored]);
    expect(await store.unreadCount(userId)).toBe(1);
  });

  it('refuses an invalid notification, naming the field, and stores nothing of its batch', async () => {
    const userId = freshId('user');
    const valid = makeNotification(userId, 1);
    const invalid = makeNotification(userId, 2, { reason: { kind: 'mention', delegationCode: 'EGY', extra: true } as unknown as Notification['reason'] });
    await expect(store.add([valid, invalid])).rejects.toBeInstanceOf(InvalidThreadRecordError);
    await expect(store.add([makeNotification(userId, 3, { createdAt: 'now' })])).rejects.toThrow(/invalid notification[\s\S]*createdAt/);
    await expect(store.add([makeNotification('x', 3)])).rejects.toThrow(/invalid notification[\s\S]*userId/);
    expect(await store.list(userId, 10)).toEqual([]);
    expect(await store.unreadCount(userId)).toBe(0);
  });

  it('trims to the newest `keep`, and the unread count follows', async () => {
    const userId = freshId('user');
    const other = freshId('user');
    const notifications = [
      makeNotification(userId, 1),
      makeNotification(userId, 2, { readAt: minute(6) }),
      makeNotification(userId, 3),
      makeNotification(userId, 4, { readAt: minute(6) }),
      makeNotification(userId, 5),
    ];
    const [first, second, third, fourth, fifth] = notifications;
    // Added out of order: trimming follows createdAt, not insertion.
    await store.add([fifth!, first!, third!]);
    await store.add([second!, fourth!, makeNotification(other, 0)]);
    expect(await store.unreadCount(userId)).toBe(3);
    await store.trim(userId, 10);
    expect(await store.list(userId, 10)).toHaveLength(5);
    await store.trim(userId, 3);
    expect(await store.list(userId, 10)).toEqual([fifth, fourth, third]);
    expect(await store.unreadCount(userId)).toBe(2);
    // A trimmed notification is gone: marking it read changes nothing.
    await store.markRead(userId, [first!.id], minute(7));
    expect(await store.unreadCount(userId)).toBe(2);
    await store.trim(userId, 0);
    expect(await store.list(userId, 10)).toEqual([]);
    expect(await store.unreadCount(userId)).toBe(0);
    expect(await store.unreadCount(other)).toBe(1);
    // The trimmed ids are free again.
    await store.add([first!]);
    expect(await store.list(userId, 10)).toEqual([first]);
  });

  it('follows threads idempotently and lists followers', async () => {
    const threadId = freshId('thread');
    const [alice, bruno, chen] = ['user-alice-1', 'user-bruno-2', 'user-chen-03'];
    expect(await store.followers(threadId)).toEqual([]);
    await store.follow(threadId, chen!);
    await store.follow(threadId, alice!);
    await store.follow(threadId, alice!);
    await store.follow(threadId, bruno!);
    await store.follow(freshId('thread'), bruno!);
    expect(await store.followers(threadId)).toEqual([alice, bruno, chen]);
    expect(await store.isFollowing(threadId, alice!)).toBe(true);
    await store.unfollow(threadId, alice!);
    await store.unfollow(threadId, alice!);
    await store.unfollow(threadId, 'user-nobody-9');
    expect(await store.isFollowing(threadId, alice!)).toBe(false);
    expect(await store.isFollowing(threadId, bruno!)).toBe(true);
    expect(await store.followers(threadId)).toEqual([bruno, chen]);
    await expect(store.follow(threadId, 'x')).rejects.toBeInstanceOf(InvalidThreadRecordError);
    await expect(store.follow('no', alice!)).rejects.toBeInstanceOf(InvalidThreadRecordError);
    expect(await store.followers(threadId)).toEqual([bruno, chen]);
  });

  it('reports a corrupt stored notification as an invalid record', async () => {
    const userId = freshId('user');
    const sound = makeNotification(userId, 1);
    const damaged = makeNotification(userId, 2);
    await store.add([sound, damaged]);
    // Valid JSON (SQLite's column takes nothing else) that the notification schema refuses.
    await backend.overwrite(damaged.id, '{"id":"broken","readAt":7}');
    await expect(store.list(userId, 10)).rejects.toThrow(InvalidThreadRecordError);
    await expect(store.list(userId, 10)).rejects.toThrow(/stored notification/);
    await expect(store.markAllRead(userId, minute(5))).rejects.toBeInstanceOf(InvalidThreadRecordError);
  });

  it('reads a notification stored before paragraph labels were kept as one without a label', async () => {
    const userId = freshId('user');
    const older = makeNotification(userId, 1);
    await store.add([older]);
    const { paragraph: _dropped, ...withoutLabel } = older;
    await backend.overwrite(older.id, JSON.stringify(withoutLabel));
    expect(await store.list(userId, 10)).toEqual([{ ...older, paragraph: null }]);
  });

  it('keeps notifications and followers across a reopen', async () => {
    const userId = freshId('user');
    const threadId = freshId('thread');
    const first = makeNotification(userId, 1);
    const second = makeNotification(userId, 2);
    await store.add([first, second]);
    await store.markRead(userId, [first.id], minute(3));
    await store.follow(threadId, userId);
    await store.close();
    store = backend.openStore();
    expect(await store.list(userId, 10)).toEqual([second, { ...first, readAt: minute(3) }]);
    expect(await store.unreadCount(userId)).toBe(1);
    expect(await store.followers(threadId)).toEqual([userId]);
    await expect(store.add([second])).rejects.toBeInstanceOf(DuplicateThreadRecordError);
    const third = makeNotification(userId, 2);
    await store.add([third]);
    expect((await store.list(userId, 1))[0]).toEqual(third);
  });
});
