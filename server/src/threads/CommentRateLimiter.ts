/**
 * Comment creation per user in a sliding minute. In memory, per server instance: with several instances a
 * user may post up to `perMinute` on each (a shared counter in Redis would close that gap).
 */
export class CommentRateLimiter {
  private readonly recent = new Map<string, number[]>();

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one comment by `userId` and answers whether it is within the limit (a refused one is not counted). */
  tryTake(userId: string): boolean {
    const now = this.now();
    const windowStart = now - 60_000;
    const times = (this.recent.get(userId) ?? []).filter((time) => time > windowStart);
    if (times.length >= this.perMinute) {
      this.recent.set(userId, times);
      return false;
    }
    times.push(now);
    this.recent.set(userId, times);
    return true;
  }
}
