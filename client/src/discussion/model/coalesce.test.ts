import { describe, expect, it } from 'vitest';
import { coalesce } from './coalesce.ts';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

describe('coalesce', () => {
  it('runs once more after the run in progress, however many calls came during it', async () => {
    const runs: Array<ReturnType<typeof deferred>> = [];
    const task = coalesce(() => {
      const run = deferred();
      runs.push(run);
      return run.promise;
    });
    const first = task();
    void task();
    void task();
    expect(runs).toHaveLength(1);
    runs[0]!.resolve();
    await Promise.resolve();
    await Promise.resolve();
    expect(runs).toHaveLength(2);
    runs[1]!.resolve();
    await first;
    expect(runs).toHaveLength(2);
    void task();
    expect(runs).toHaveLength(3);
  });

  it('keeps going after a failed run', async () => {
    let calls = 0;
    const task = coalesce(async () => {
      calls += 1;
      if (calls === 1) throw new Error('refused');
    });
    await task();
    await task();
    expect(calls).toBe(2);
  });
});
