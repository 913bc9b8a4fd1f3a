import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { everyAccount } from '../../server/src/accounts/AccountStore.ts';
import { LocalAccountEvents } from '../../server/src/accounts/LocalAccountEvents.ts';
import { RedisAccountEvents, accountEventsChannel } from '../../server/src/accounts/RedisAccountEvents.ts';
import { redisUrlForTests, startRedisServer } from '../utils/redisServer.ts';

const randomUserId = () => randomBytes(16).toString('base64url');

async function waitFor(condition: () => boolean, timeoutMilliseconds = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMilliseconds;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMilliseconds} ms`);
    await delay(5);
  }
}

describe('LocalAccountEvents', () => {
  it('calls every listener, survives a throwing one, and stops after unsubscribe', async () => {
    const errors: unknown[] = [];
    const events = new LocalAccountEvents((error) => errors.push(error));
    const first: string[] = [];
    const second: string[] = [];
    events.subscribe(() => {
      throw new Error('listener failed');
    });
    const unsubscribeFirst = events.subscribe((userId) => first.push(userId));
    events.subscribe((userId) => second.push(userId));
    const userId = randomUserId();
    await events.publish(userId);
    expect(first).toEqual([userId]);
    expect(second).toEqual([userId]);
    expect(errors).toHaveLength(1);
    unsubscribeFirst();
    await events.publish('another-user-id');
    expect(first).toEqual([userId]);
    expect(second).toEqual([userId, 'another-user-id']);
    await events.close();
  });
});

describe('RedisAccountEvents', () => {
  let sharedRedis: { url: string; stop(): Promise<void> };
  beforeAll(async () => {
    sharedRedis = await redisUrlForTests();
  });
  afterAll(async () => {
    await sharedRedis.stop();
  });

  it('delivers a published user id to every instance, the publisher included', async () => {
    const [first, second] = [new RedisAccountEvents({ url: sharedRedis.url }), new RedisAccountEvents({ url: sharedRedis.url })];
    await Promise.all([first.subscribed, second.subscribed]);
    const heard: { first: string[]; second: string[] } = { first: [], second: [] };
    first.subscribe((userId) => heard.first.push(userId));
    const unsubscribe = second.subscribe((userId) => heard.second.push(userId));
    const userId = randomUserId();
    await first.publish(userId);
    await waitFor(() => heard.first.length === 1 && heard.second.length === 1);
    expect(heard).toEqual({ first: [userId], second: [userId] });
    unsubscribe();
    const next = randomUserId();
    await second.publish(next);
    await waitFor(() => heard.first.length === 2);
    expect(heard).toEqual({ first: [userId, next], second: [userId] });
    await first.close();
    await second.close();
  });

  it('ignores and reports a malformed message', async () => {
    const errors: unknown[] = [];
    const events = new RedisAccountEvents({ url: sharedRedis.url, onError: (error) => errors.push(error) });
    await events.subscribed;
    const heard: string[] = [];
    events.subscribe((userId) => heard.push(userId));
    const raw = new Redis(sharedRedis.url);
    await raw.publish(accountEventsChannel, 'not a user id!');
    const userId = randomUserId();
    await raw.publish(accountEventsChannel, userId);
    await waitFor(() => heard.length === 1);
    expect(heard).toEqual([userId]);
    expect(errors).toHaveLength(1);
    await expect(events.publish('*')).rejects.toThrow();
    await raw.quit();
    await events.close();
  });

  it('asks listeners to re-check every account after reconnecting, then hears events again', async () => {
    const server = await startRedisServer();
    const events = new RedisAccountEvents({ url: server.url, onError: () => undefined });
    try {
      await events.subscribed;
      const heard: string[] = [];
      events.subscribe((userId) => heard.push(userId));
      server.kill();
      await server.exited;
      const restarted = await startRedisServer({ directory: server.directory, port: server.port });
      try {
        await waitFor(() => heard.includes(everyAccount));
        expect(heard).toEqual([everyAccount]);
        const userId = randomUserId();
        await events.publish(userId);
        await waitFor(() => heard.length === 2);
        expect(heard).toEqual([everyAccount, userId]);
      } finally {
        await events.close();
        await restarted.stop();
      }
    } finally {
      rmSync(server.directory, { recursive: true, force: true });
    }
  });
});
