import { describe, expect, it } from 'vitest';
import { authors, comment, threadView } from './threadFixtures.ts';
import { discussionSummary, filterShowing, filterThreads, queuedComments, sortThreads, whyLeftFilter } from './threadListing.ts';

const balanced = threadView({ id: 'thread-balanced', anchor: { kind: 'paragraph', blockId: 'block-02' } }, [comment(authors.france), comment(authors.egypt)]);
const oneSided = threadView({ id: 'thread-one-sided', anchor: { kind: 'range', blockId: 'block-03', quote: 'shall' } }, [comment(authors.france), comment(authors.iaea)]);
const silent = threadView({ id: 'thread-silent', anchor: { kind: 'paragraph', blockId: 'block-01' } }, [comment(authors.chair)]);
const resolved = threadView({ id: 'thread-resolved', state: 'resolved' }, [comment(authors.egypt)]);
const all = [balanced, oneSided, silent, resolved];

describe('the discussion summary and filters', () => {
  it('counts open threads and those lacking a group’s input (observers and the chair do not count)', () => {
    expect(discussionSummary(all)).toEqual({ open: 3, lacking: 2, resolved: 1 });
  });

  it('filters open, lacking and resolved threads', () => {
    expect(filterThreads(all, 'open').map((thread) => thread.id)).toEqual(['thread-balanced', 'thread-one-sided', 'thread-silent']);
    expect(filterThreads(all, 'lacking').map((thread) => thread.id)).toEqual(['thread-one-sided', 'thread-silent']);
    expect(filterThreads(all, 'resolved').map((thread) => thread.id)).toEqual(['thread-resolved']);
  });

  it('switches to a filter that shows a thread opened from the text', () => {
    expect(filterShowing(balanced, 'lacking')).toBe('open');
    expect(filterShowing(oneSided, 'lacking')).toBe('lacking');
    expect(filterShowing(resolved, 'open')).toBe('resolved');
    expect(filterShowing(balanced, 'resolved')).toBe('open');
  });
});

describe('sortThreads', () => {
  const order = new Map([
    ['block-01', 0],
    ['block-02', 1],
    ['block-03', 2],
  ]);

  it('puts pinned threads first, then follows the paragraphs’ order in the document', () => {
    const pinned = { ...oneSided, pinned: true };
    expect(sortThreads([balanced, pinned, silent], order).map((thread) => thread.id)).toEqual(['thread-one-sided', 'thread-silent', 'thread-balanced']);
  });

  it('orders threads of one paragraph oldest first and puts threads of unknown paragraphs last', () => {
    const later = threadView({ id: 'thread-later', createdAt: '2026-04-02T08:00:00.000Z', anchor: { kind: 'paragraph', blockId: 'block-02' } });
    const orphan = threadView({ id: 'thread-orphan', anchor: { kind: 'paragraph', blockId: 'block-99' } });
    expect(sortThreads([orphan, later, balanced], order).map((thread) => thread.id)).toEqual(['thread-balanced', 'thread-later', 'thread-orphan']);
  });
});

describe('queuedComments', () => {
  it('lists every queued comment across threads, oldest first', () => {
    const first = comment(authors.france, { state: 'queued', publishedAt: null });
    const second = comment(authors.egypt, { state: 'queued', publishedAt: null });
    const threadA = threadView({ id: 'thread-a' }, [comment(authors.egypt), second]);
    const threadB = threadView({ id: 'thread-b' }, [first, comment(authors.france, { state: 'rejected', publishedAt: null, moderation: { by: 'user-chair', at: first.createdAt, reason: 'off topic' } })]);
    expect(queuedComments([threadA, threadB]).map((entry) => [entry.thread.id, entry.comment.id])).toEqual([
      ['thread-b', first.id],
      ['thread-a', second.id],
    ]);
  });
});

describe('whyLeftFilter', () => {
  it('says why a thread left the filter it was open under', () => {
    expect(whyLeftFilter(resolved, 'open')).toBe('resolved');
    expect(whyLeftFilter(resolved, 'lacking')).toBe('resolved');
    expect(whyLeftFilter(balanced, 'lacking')).toBe('heard');
    expect(whyLeftFilter(balanced, 'resolved')).toBe('reopened');
  });
});
