import { threadBalance, type CommentAuthor, type ThreadComment } from '@concord/shared';
import type { ThreadView } from '../../api/threads.ts';

/** Authors and threads for the discussion's unit tests (plain data, as the server answers it). */
export const authors = {
  france: { userId: 'user-france', name: 'Jeanne Martin', role: 'delegate', affiliation: 'FRA', group: 'NWS' },
  egypt: { userId: 'user-egypt', name: 'Amal Hassan', role: 'delegate', affiliation: 'EGY', group: 'NNWS' },
  chair: { userId: 'user-chair', name: 'Chair', role: 'chair', affiliation: 'KWT', group: 'NNWS' },
  secretariat: { userId: 'user-secretariat', name: 'Secretary', role: 'secretariat', affiliation: 'secretariat', group: null },
  iaea: { userId: 'user-iaea', name: 'Inspector', role: 'observer', affiliation: 'IAEA', group: null },
} satisfies Record<string, CommentAuthor>;

let counter = 0;

export function comment(author: CommentAuthor, overrides: Partial<ThreadComment> = {}): ThreadComment {
  counter += 1;
  const at = new Date(Date.UTC(2026, 3, 1, 9, 0, counter)).toISOString();
  return {
    id: `comment-${String(counter).padStart(4, '0')}`,
    threadId: 'thread-0001',
    documentId: 'document-1',
    author,
    body: `Comment ${counter}`,
    createdAt: at,
    publishedAt: at,
    state: 'published',
    moderation: null,
    ...overrides,
  };
}

export function threadView(overrides: Partial<ThreadView> = {}, comments: ThreadComment[] = []): ThreadView {
  const id = overrides.id ?? 'thread-0001';
  const withIds = comments.map((item) => ({ ...item, threadId: id }));
  return {
    id,
    documentId: 'document-1',
    anchor: { kind: 'paragraph', blockId: 'block-01' },
    createdBy: authors.france,
    createdAt: '2026-04-01T08:00:00.000Z',
    state: 'open',
    locked: false,
    pinned: false,
    floor: { enabled: false, k: null },
    resolution: null,
    version: 1,
    following: false,
    ...overrides,
    comments: withIds,
    balance: threadBalance(withIds),
  };
}
