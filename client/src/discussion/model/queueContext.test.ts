import { describe, expect, it } from 'vitest';
import { queueContext } from './queueContext.ts';
import { authors, comment, threadView } from './threadFixtures.ts';

const at = (second: number) => new Date(Date.UTC(2026, 3, 2, 9, 0, second)).toISOString();

describe('queueContext', () => {
  it('names the comment a held one follows and why the floor held it: its group’s run against k', () => {
    const opening = comment(authors.egypt, { createdAt: at(1), publishedAt: at(1) });
    const reply = comment(authors.france, { createdAt: at(2), publishedAt: at(2) });
    const held = comment(authors.france, { createdAt: at(3), publishedAt: null, state: 'queued' });
    const thread = threadView({ floor: { enabled: true, k: 1 } }, [opening, reply, held]);
    const context = queueContext(thread, held);
    expect(context.follows?.id).toBe(reply.id);
    expect(context.groupId).toBe('NWS');
    expect(context.decision).toEqual({ state: 'queued', code: 'run-exceeds-k', run: 1, k: 1 });
  });

  it('reads the record as it stood then: later comments, and one released after, do not count', () => {
    const opening = comment(authors.france, { createdAt: at(1), publishedAt: at(1) });
    const firstHeld = comment(authors.france, { createdAt: at(2), publishedAt: at(9), state: 'published' });
    const held = comment(authors.france, { createdAt: at(3), publishedAt: null, state: 'queued' });
    const later = comment(authors.egypt, { createdAt: at(5), publishedAt: at(5) });
    const thread = threadView({ floor: { enabled: true, k: 1 } }, [opening, firstHeld, held, later]);
    const context = queueContext(thread, held);
    expect(context.follows?.id).toBe(opening.id);
    // The earlier FRA comment was itself waiting then: this one queued behind it.
    expect(context.decision).toEqual({ state: 'queued', code: 'earlier-comment-queued', run: 1, k: 1 });
  });

  it('says "published" when today’s floor would no longer hold it (the chair switched it off)', () => {
    const opening = comment(authors.france, { createdAt: at(1), publishedAt: at(1) });
    const held = comment(authors.france, { createdAt: at(2), publishedAt: null, state: 'queued' });
    expect(queueContext(threadView({}, [opening, held]), held).decision.state).toBe('published');
  });
});
