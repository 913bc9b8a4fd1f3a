import type { SessionUser } from './authorship.ts';
import { authorOf } from './authorship.ts';
import type { ThreadComment, CommentState, Thread } from './schemas.ts';

/** Users and records for the unit tests of this folder (not exported from the package). */
export const users = {
  kuwait: { id: 'user-kuwait', name: 'Delegate of Kuwait', role: 'delegate', affiliation: { kind: 'delegation', delegationCode: 'KWT' }, disabled: false },
  egypt: { id: 'user-egypt', name: 'Delegate of Egypt', role: 'delegate', affiliation: { kind: 'delegation', delegationCode: 'EGY' }, disabled: false },
  france: { id: 'user-france', name: 'Delegate of France', role: 'delegate', affiliation: { kind: 'delegation', delegationCode: 'FRA' }, disabled: false },
  china: { id: 'user-china', name: 'Delegate of China', role: 'delegate', affiliation: { kind: 'delegation', delegationCode: 'CHN' }, disabled: false },
  chair: { id: 'user-chair', name: 'Chair (Ireland)', role: 'chair', affiliation: { kind: 'delegation', delegationCode: 'IRL' }, disabled: false },
  secretariat: { id: 'user-secretariat', name: 'Secretary', role: 'secretariat', affiliation: { kind: 'secretariat' }, disabled: false },
  observer: { id: 'user-observer', name: 'IAEA representative', role: 'observer', affiliation: { kind: 'observer', organisationId: 'IAEA' }, disabled: false },
} satisfies Record<string, SessionUser>;

export const documentId = 'doc-1';
export const blockId = 'block-1';

export function threadRecord(overrides: Partial<Thread> = {}): Thread {
  return {
    id: 'thread-1',
    documentId,
    anchor: { kind: 'paragraph', blockId },
    createdBy: authorOf(users.kuwait),
    createdAt: '2026-11-30T10:00:00.000Z',
    state: 'open',
    locked: false,
    pinned: false,
    floor: { enabled: false, k: null },
    resolution: null,
    ...overrides,
  };
}

/** Comments by these users, in order, published a minute apart unless a state is given. */
export function commentsBy(...entries: Array<SessionUser | [SessionUser, CommentState]>): ThreadComment[] {
  return entries.map((entry, index) => {
    const [user, state] = Array.isArray(entry) ? entry : [entry, 'published' as const];
    const at = new Date(Date.UTC(2026, 10, 30, 10, index)).toISOString();
    return {
      id: `comment-${index + 1}`,
      threadId: 'thread-1',
      documentId,
      author: authorOf(user),
      body: `comment ${index + 1}`,
      createdAt: at,
      publishedAt: state === 'published' || state === 'hidden' ? at : null,
      state,
      moderation: state === 'rejected' || state === 'hidden' ? { by: users.chair.id, at, reason: 'off topic' } : null,
    };
  });
}
