import { Redis, type RedisOptions } from 'ioredis';
import { reconnectDelay } from './RedisStore.ts';

/**
 * A store's Redis connection, connecting at once: a command fails after two failed reconnects or five seconds
 * without an answer, rather than waiting forever behind a dead or silent Redis. Connection errors are not printed:
 * the failing command reports them.
 */
export function openRedisConnection(url: string, options: RedisOptions = {}): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: 2, commandTimeout: 5_000, retryStrategy: reconnectDelay, ...options });
  redis.on('error', () => undefined);
  return redis;
}
