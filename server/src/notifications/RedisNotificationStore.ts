/*
 * Redis key layout. Notification keys share the hash tag `{notifications}`: in a Redis Cluster they live in ONE
 * slot, so one Lua script may store a batch addressed to many users. Followers are plain sets, spread over the cluster.
 *
 *   concord:notification:{notifications}:sequence             string      insertion counter (INCR)
 *   concord:notification:{notifications}:record:<id>          string      Notification JSON
 *   concord:notification:{notifications}:user:<userId>        sorted set  member = "<sequence, 16 digits>:<id>",
 *                                                                          score = createdAt (ms); equal scores sort
 *                                                                          by member, hence by insertion
 *   concord:notification:{notifications}:user-unread:<userId> set         ids of the user's unread notifications
 *   concord:notification:thread-followers:<threadId>          set         user ids
 *
 * Records are JSON, validated with the shared zod schemas both ways.
 */
import type { Redis} from 'ioredis';
import { type Result } from 'ioredis';
import { z } from 'zod';
import { notificationSchema, threadIdSchema, userIdSchema, type Notification } from '@concord/shared';
import { openRedisConnection } from '../storage/openRedisConnection.ts';
import { DuplicateThreadRecordError, storedRecord, validRecord } from '../threads/ThreadStore.ts';
import type { NotificationStore } from './NotificationStore.ts';

const prefix = 'concord:notification:{notifications}';

/** Every key the notification store uses (exported for tests and operations tooling). */
export const notificationKeys = {
  sequence: `${prefix}:sequence`,
  record: (id: string) => `${prefix}:record:${id}`,
  user: (userId: string) => `${prefix}:user:${userId}`,
  unread: (userId: string) => `${prefix}:user-unread:${userId}`,
  followers: (threadId: string) => `concord:notification:thread-followers:${threadId}`,
};

// KEYS: the sequence, then per notification its record, user and unread keys. ARGV: per notification id, score,
// JSON, '1' if unread. Replies 0 once stored, or the 1-based index of a notification whose id is taken (nothing stored).
const addScript = `
  local count = (#KEYS - 1) / 3
  for index = 1, count do
    if redis.call('EXISTS', KEYS[index * 3 - 1]) == 1 then return index end
  end
  for index = 1, count do
    local id = ARGV[index * 4 - 3]
    local sequence = redis.call('INCR', KEYS[1])
    redis.call('SET', KEYS[index * 3 - 1], ARGV[index * 4 - 1])
    redis.call('ZADD', KEYS[index * 3], ARGV[index * 4 - 2], string.format('%016d', sequence) .. ':' .. id)
    if ARGV[index * 4] == '1' then redis.call('SADD', KEYS[index * 3 + 1], id) end
  end
  return 0`;

// KEYS: the unread set, then the records. ARGV: per record its id and its read JSON. Only ids still in the unread
// set are rewritten, so a notification trimmed or read meanwhile is left alone.
const markReadScript = `
  for index = 2, #KEYS do
    if redis.call('SREM', KEYS[1], ARGV[index * 2 - 3]) == 1 then redis.call('SET', KEYS[index], ARGV[index * 2 - 2], 'XX') end
  end
  return 1`;

// KEYS: the user's sorted set and unread set. ARGV: how many to keep, the record key prefix. The records dropped
// are not declared in KEYS; they share the hash tag, hence the slot.
const trimScript = `
  local keep = tonumber(ARGV[1])
  local dropped = redis.call('ZRANGE', KEYS[1], 0, -keep - 1)
  for _, member in ipairs(dropped) do
    local id = string.sub(member, 18)
    redis.call('DEL', ARGV[2] .. id)
    redis.call('SREM', KEYS[2], id)
  end
  if #dropped > 0 then redis.call('ZREMRANGEBYRANK', KEYS[1], 0, #dropped - 1) end
  return #dropped`;

declare module 'ioredis' {
  interface RedisCommander<Context> {
    concordAddNotifications(numberOfKeys: number, ...keysAndArgs: string[]): Result<number, Context>;
    concordMarkNotificationsRead(numberOfKeys: number, ...keysAndArgs: string[]): Result<number, Context>;
    concordTrimNotifications(userKey: string, unreadKey: string, keep: string, recordPrefix: string): Result<number, Context>;
  }
}

const timestampSchema = z.iso.datetime();
const memberIdSchema = z.string().regex(/^\d{16}:/).transform((member) => member.slice(17));

/** Notifications and thread followers shared by every server instance through Redis (see the key layout above). */
export class RedisNotificationStore implements NotificationStore {
  private readonly redis: Redis;
  private closed = false;

  /** Connects at once (commands issued before the connection is ready wait for it). */
  constructor(url: string) {
    this.redis = openRedisConnection(url);
    this.redis.defineCommand('concordAddNotifications', { lua: addScript });
    this.redis.defineCommand('concordMarkNotificationsRead', { lua: markReadScript });
    this.redis.defineCommand('concordTrimNotifications', { numberOfKeys: 2, lua: trimScript });
  }

  async add(notifications: readonly Notification[]): Promise<void> {
    this.checkOpen();
    const valid = notifications.map((notification) => validRecord(notificationSchema, notification, 'notification'));
    const ids = new Set<string>();
    for (const notification of valid) {
      if (ids.has(notification.id)) throw new DuplicateThreadRecordError(`notification ${notification.id} appears twice in the batch`);
      ids.add(notification.id);
    }
    if (valid.length === 0) return;
    const keys = [notificationKeys.sequence, ...valid.flatMap((notification) => [notificationKeys.record(notification.id), notificationKeys.user(notification.userId), notificationKeys.unread(notification.userId)])];
    const args = valid.flatMap((notification) => [notification.id, String(Date.parse(notification.createdAt)), JSON.stringify(notification), notification.readAt === null ? '1' : '0']);
    const taken = await this.redis.concordAddNotifications(keys.length, ...keys, ...args);
    if (taken !== 0) throw new DuplicateThreadRecordError(`notification ${valid[taken - 1]?.id ?? '?'} already exists`);
  }

  async list(userId: string, limit: number): Promise<Notification[]> {
    this.checkOpen();
    if (limit <= 0) return [];
    const members = await this.redis.zrevrange(notificationKeys.user(userId), 0, Math.floor(limit) - 1);
    return this.read(members.map((member) => memberIdSchema.parse(member)));
  }

  async unreadCount(userId: string): Promise<number> {
    this.checkOpen();
    return this.redis.scard(notificationKeys.unread(userId));
  }

  async markRead(userId: string, ids: readonly string[], at: string): Promise<void> {
    this.checkOpen();
    const readAt = validRecord(timestampSchema, at, 'read time');
    const candidates = [...new Set(ids)];
    if (candidates.length === 0) return;
    // Only the user's unread ids: another user's, an unknown or a read one is not in this set.
    const unread = await this.redis.smismember(notificationKeys.unread(userId), ...candidates);
    await this.markIdsRead(userId, candidates.filter((_id, index) => unread[index] === 1), readAt);
  }

  async markAllRead(userId: string, at: string): Promise<void> {
    this.checkOpen();
    const readAt = validRecord(timestampSchema, at, 'read time');
    await this.markIdsRead(userId, await this.redis.smembers(notificationKeys.unread(userId)), readAt);
  }

  async trim(userId: string, keep: number): Promise<void> {
    this.checkOpen();
    const kept = String(Math.max(0, Math.floor(keep)));
    await this.redis.concordTrimNotifications(notificationKeys.user(userId), notificationKeys.unread(userId), kept, notificationKeys.record(''));
  }

  async follow(threadId: string, userId: string): Promise<void> {
    this.checkOpen();
    const validThreadId = validRecord(threadIdSchema, threadId, 'thread id');
    await this.redis.sadd(notificationKeys.followers(validThreadId), validRecord(userIdSchema, userId, 'user id'));
  }

  async unfollow(threadId: string, userId: string): Promise<void> {
    this.checkOpen();
    await this.redis.srem(notificationKeys.followers(threadId), userId);
  }

  async followers(threadId: string): Promise<string[]> {
    this.checkOpen();
    const userIds = await this.redis.smembers(notificationKeys.followers(threadId));
    // Code-unit order, as SQLite's BINARY collation: ids are ASCII.
    const sorted = userIds.sort((first, second) => (first < second ? -1 : first > second ? 1 : 0));
    return validRecord(z.array(userIdSchema), sorted, 'stored followers');
  }

  async isFollowing(threadId: string, userId: string): Promise<boolean> {
    this.checkOpen();
    return (await this.redis.sismember(notificationKeys.followers(threadId), userId)) === 1;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // QUIT lets Redis answer every command already sent; a dead Redis cannot, so just drop the socket.
    if (this.redis.status === 'ready') await this.redis.quit().catch(() => this.redis.disconnect());
    else this.redis.disconnect();
  }

  /** Reads and validates records in the order of `ids`; an id whose record is gone (trimmed meanwhile) is skipped. */
  private async read(ids: readonly string[]): Promise<Notification[]> {
    if (ids.length === 0) return [];
    const texts = await this.redis.mget(...ids.map((id) => notificationKeys.record(id)));
    return texts.filter((text) => text !== null).map((text) => storedRecord(notificationSchema, text, 'notification'));
  }

  /** Rewrites each record with its readAt, then removes it from the unread set in one script (see markReadScript). */
  private async markIdsRead(userId: string, ids: readonly string[], readAt: string): Promise<void> {
    const read = (await this.read(ids)).filter((notification) => notification.userId === userId && notification.readAt === null).map((notification) => validRecord(notificationSchema, { ...notification, readAt }, 'notification'));
    if (read.length === 0) return;
    const keys = [notificationKeys.unread(userId), ...read.map((notification) => notificationKeys.record(notification.id))];
    const args = read.flatMap((notification) => [notification.id, JSON.stringify(notification)]);
    await this.redis.concordMarkNotificationsRead(keys.length, ...keys, ...args);
  }

  private checkOpen(): void {
    if (this.closed) throw new Error('RedisNotificationStore is closed');
  }
}
