import { describe, expect, it } from 'vitest';
import { authors, comment, threadView } from './threadFixtures.ts';
import { mergeThreadList, newerThread, withComment } from './threadMerge.ts';

describe('newerThread', () => {
  it('keeps the view with the higher version, and takes an equal one (a refetch of the same state)', () => {
    const older = threadView({ version: 2 });
    const newer = threadView({ version: 3, locked: true });
    expect(newerThread(older, newer)).toBe(newer);
    expect(newerThread(newer, older)).toBe(newer);
    const same = threadView({ version: 3, pinned: true });
    expect(newerThread(newer, same)).toBe(same);
    expect(newerThread(undefined, older)).toBe(older);
  });
});

describe('mergeThreadList', () => {
  it('keeps the newer view of each thread and drops threads the server no longer lists', () => {
    const kept = threadView({ id: 'thread-keep', version: 5, pinned: true });
    const gone = threadView({ id: 'thread-gone' });
    const current = new Map([
      [kept.id, kept],
      [gone.id, gone],
    ]);
    const stale = threadView({ id: 'thread-keep', version: 4 });
    const added = threadView({ id: 'thread-new' });
    const merged = mergeThreadList(current, [stale, added]);
    expect([...merged.keys()]).toEqual(['thread-keep', 'thread-new']);
    expect(merged.get('thread-keep')).toBe(kept);
  });
});

describe('withComment', () => {
  it('adds one’s reply, recomputes the balance from published comments and follows the thread', () => {
    const thread = threadView({}, [comment(authors.france)]);
    expect(thread.balance.indicator).toEqual({ kind: 'only', heard: ['NWS'], missing: ['NNWS'] });
    const reply = comment(authors.egypt);
    const updated = withComment(thread, reply);
    expect(updated.comments.map((item) => item.id)).toEqual([thread.comments[0]!.id, reply.id]);
    expect(updated.balance.indicator).toEqual({ kind: 'all' });
    expect(updated.following).toBe(true);
    expect(updated.version).toBe(thread.version);
  });

  it('does not count a queued reply in the balance, and replaces a comment it already has', () => {
    const thread = threadView({}, [comment(authors.france)]);
    const queued = comment(authors.egypt, { state: 'queued', publishedAt: null });
    const updated = withComment(thread, queued);
    expect(updated.balance.groups.map((group) => group.comments)).toEqual([1, 0]);
    const again = withComment(updated, { ...queued, state: 'published', publishedAt: queued.createdAt });
    expect(again.comments).toHaveLength(2);
    expect(again.balance.indicator).toEqual({ kind: 'all' });
  });
});
