import { describe, expect, it } from 'vitest';
import {
  commentBodySchema,
  commentSchema,
  createThreadInputSchema,
  moderationActionNames,
  moderationInputSchema,
  recordPositionInputSchema,
  threadAnchorSchema,
  threadSchema,
} from './schemas.ts';
import { commentsBy, threadRecord, users } from './testFixtures.ts';

describe('comment bodies', () => {
  it('trims and keeps hostile text exactly as text', () => {
    const payload = '<script>alert(1)</script><img src=x onerror="alert(2)"> & &amp; {{constructor}}';
    expect(commentBodySchema.parse(`  ${payload}\n`)).toBe(payload);
  });

  it.each([
    ['empty', ''],
    ['only spaces', '  \n '],
    ['a NUL byte', 'a\u0000b'],
    ['an escape sequence', 'a\u001b[31mred'],
    ['over the hard cap', 'x'.repeat(10_001)],
  ])('refuses %s', (_name, body) => {
    expect(commentBodySchema.safeParse(body).success).toBe(false);
  });

  it('keeps newlines, tabs and any script (Arabic, Chinese, Russian)', () => {
    const body = 'line 1\n\tline 2 — نص عربي 中文 русский';
    expect(commentBodySchema.parse(body)).toBe(body);
  });
});

describe('records', () => {
  it('accept what the fixtures build', () => {
    expect(threadSchema.parse(threadRecord())).toEqual(threadRecord());
    for (const comment of commentsBy(users.kuwait, [users.france, 'queued'], [users.egypt, 'rejected'], [users.china, 'hidden'])) {
      expect(commentSchema.parse(comment)).toEqual(comment);
    }
  });

  it('require a moderation record exactly for rejected and hidden comments', () => {
    const [published] = commentsBy(users.kuwait);
    expect(commentSchema.safeParse({ ...published, state: 'hidden' }).success).toBe(false);
    expect(commentSchema.safeParse({ ...published, moderation: { by: users.chair.id, at: published!.createdAt, reason: 'x' } }).success).toBe(false);
  });

  it('anchor to a range (with the quoted text) or a paragraph, nothing else', () => {
    expect(threadAnchorSchema.safeParse({ kind: 'range', blockId: 'block-1', quote: 'shall' }).success).toBe(true);
    expect(threadAnchorSchema.safeParse({ kind: 'paragraph', blockId: 'block-1' }).success).toBe(true);
    expect(threadAnchorSchema.safeParse({ kind: 'document' }).success).toBe(false);
    expect(threadAnchorSchema.safeParse({ kind: 'paragraph', blockId: '<b>' }).success).toBe(false);
  });
});

describe('inputs', () => {
  it('accept a new thread and a position with a defaulted explanation', () => {
    expect(createThreadInputSchema.safeParse({ documentId: 'doc-1', anchor: { kind: 'paragraph', blockId: 'block-1' }, body: 'Hello' }).success).toBe(true);
    expect(recordPositionInputSchema.parse({ documentId: 'doc-1', blockId: 'block-1', stance: 'supports' }).explanation).toBeNull();
  });

  it('refuse an unknown stance', () => {
    expect(recordPositionInputSchema.safeParse({ documentId: 'doc-1', blockId: 'block-1', stance: 'abstains' }).success).toBe(false);
  });

  it('name every moderation action', () => {
    expect(moderationActionNames).toEqual(['release', 'reject', 'hide', 'lock', 'unlock', 'pin', 'unpin', 'resolve', 'reopen', 'request-input', 'set-floor', 'answer-flag']);
  });

  it.each([
    ['reject without a reason', { action: 'reject', threadId: 'thread-1', commentId: 'comment-1' }],
    ['hide with an empty reason', { action: 'hide', threadId: 'thread-1', commentId: 'comment-1', reason: '   ' }],
    ['an unknown action', { action: 'delete', threadId: 'thread-1' }],
    ['a k of zero', { action: 'set-floor', threadId: 'thread-1', enabled: true, k: 0 }],
    ['an actor in the input', { action: 'lock', threadId: 'thread-1', by: 'user-chair' }],
    ['input requested from a malformed group', { action: 'request-input', threadId: 'thread-1', target: { kind: 'group', groupId: 'nws' } }],
  ])('refuse %s', (_name, input) => {
    expect(moderationInputSchema.safeParse(input).success).toBe(false);
  });

  it('default the floor k to the committee default (null)', () => {
    expect(moderationInputSchema.parse({ action: 'set-floor', threadId: 'thread-1', enabled: true })).toEqual({ action: 'set-floor', threadId: 'thread-1', enabled: true, k: null });
  });
});
