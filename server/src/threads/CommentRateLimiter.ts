import type { Redis } from 'ioredis';
import { openRedisConnection } from '../storage/openRedisConnection.ts';

/** Comment creation per user in a sliding minute. */
export interface CommentRateLimiter {
  /** Counts one comment by `userId` and answers whether it is within the limit (a refused one is not counted). */
  tryTake(userId: string): Promise<boolean>;
  close(): Promise<void>;
}

const windowMs = 60_000;

/** In memory: right for the single SQLite instance. */
export class MemoryCommentRateLimiter implements CommentRateLimiter {
  private readonly recent = new Map<string, number[]>();

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  async tryTake(userId: string): Promise<boolean> {
    const now = this.now();
    const times = (this.recent.get(userId) ?? []).filter((time) => time > now - windowMs);
    const allowed = times.length < this.perMinute;
    if (allowed) times.push(now);
    this.recent.set(userId, times);
    return allowed;
  }

  async close(): Promise<void> {
    this.recent.clear();
  }
}

// KEYS[1] the user's sorted set of comment times; ARGV now, window, limit, a unique member. Trim, count, add: one step.
const takeScript = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', tonumber(ARGV[1]) - tonumber(ARGV[2]))
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then return 0 end
redis.call('ZADD', KEYS[1], ARGV[1], ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1
`;

/** Shared by every instance through Redis, so a user gets `perMinute` in all, not per instance. */
export class RedisCommentRateLimiter implements CommentRateLimiter {
  private readonly redis: Redis;
  private sequence = 0;

  constructor(
    url: string,
    private readonly perMinute: number,
  ) {
    this.redis = openRedisConnection(url);
    this.redis.defineCommand('concordTakeComment', { numberOfKeys: 1, lua: takeScript });
  }

  async tryTake(userId: string): Promise<boolean> {
    this.sequence += 1;
    const member = `${Date.now()}:${process.pid}:${this.sequence}:${Math.random().toString(36).slice(2)}`;
    const command = this.redis as Redis & { concordTakeComment(key: string, ...args: Array<string | number>): Promise<number> };
    return (await command.concordTakeComment(`concord:comment-rate:${userId}`, Date.now(), windowMs, this.perMinute, member)) === 1;
  }

  async close(): Promise<void> {
    if (this.redis.status === 'ready') await this.redis.quit().catch(() => this.redis.disconnect());
    else this.redis.disconnect();
  }
}
