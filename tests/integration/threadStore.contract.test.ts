import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorOf, type Flag, type Position, type SessionUser, type Thread, type ThreadComment } from '@concord/shared';
import { InvalidThreadRecordError, ThreadRecordNotFoundError, type ThreadStore } from '../../server/src/threads/ThreadStore.ts';
import { SqliteThreadStore } from '../../server/src/threads/SqliteThreadStore.ts';
import { RedisThreadStore } from '../../server/src/threads/RedisThreadStore.ts';
import { startRedisServer, type RedisServer } from '../utils/redisServer.ts';

const freshId = (prefix: string) => `${prefix}-${randomBytes(9).toString('base64url')}`;

const egypt: SessionUser = { id: 'user-egypt', name: 'Delegate of Egypt', role: 'delegate', affiliation: { kind: 'delegation', delegationCode: 'EGY' }, disabled: false };
const france: SessionUser = { id: 'user-france', name: 'Delegate of France', role: 'delegate', affiliation: { kind: 'delegation', delegationCode: 'FRA' }, disabled: false };
const chairId = 'user-chair';

const minute = (index: number) => new Date(Date.UTC(2026, 10, 30, 10, index)).toISOString();

function makeThread(documentId: string, overrides: Partial<Thread> = {}): Thread {
  return {
    id: freshId('thread'),
    documentId,
    anchor: { kind: 'range', blockId: 'block-1', quote: 'nuclear disarmament' },
    createdBy: authorOf(egypt),
    createdAt: minute(0),
    state: 'open',
    locked: false,
    pinned: false,
    floor: { enabled: false, k: null },
    resolution: null,
    ...overrides,
  };
}

function makeComment(thread: Thread, user: SessionUser, index: number, overrides: Partial<ThreadComment> = {}): ThreadComment {
  return {
    id: freshId('comment'),
    threadId: thread.id,
    documentId: thread.documentId,
    author: authorOf(user),
    body: `comment ${index} <script>alert(1)</script>`,
    createdAt: minute(index),
    publishedAt: minute(index),
    state: 'published',
    moderation: null,
    ...overrides,
  };
}

function makePosition(documentId: string, overrides: Partial<Position> = {}): Position {
  return {
    documentId,
    blockId: 'block-1',
    delegationCode: 'EGY',
    stance: 'supports',
    explanation: null,
    recordedBy: egypt.id,
    recordedAt: minute(1),
    ...overrides,
  };
}

function makeFlag(documentId: string, overrides: Partial<Flag> = {}): Flag {
  return {
    id: freshId('flag'),
    documentId,
    blockId: 'block-2',
    delegationCode: 'EGY',
    explanation: 'Our proposal on verification is missing.',
    raisedBy: egypt.id,
    raisedAt: minute(2),
    answer: null,
    ...overrides,
  };
}

/** A thread opened by Egypt in a fresh document, stored; returns the records. */
async function openThread(store: ThreadStore, overrides: Partial<Thread> = {}): Promise<{ thread: Thread; first: ThreadComment }> {
  const thread = makeThread(freshId('doc'), overrides);
  const first = makeComment(thread, egypt, 0);
  await store.createThread(thread, first);
  return { thread, first };
}

/**
 * The behaviour every ThreadStore backend must share. `openStore` opens a new instance (a new connection) on the
 * same data each time; tests use fresh document ids, so they share that data.
 */
function describeThreadStoreContract(name: string, setUp: () => Promise<{ openStore: () => ThreadStore; tearDown: () => Promise<void> }>): void {
  describe(`${name} thread store contract`, () => {
    let openStore: () => ThreadStore;
    let tearDown: () => Promise<void>;
    let store: ThreadStore;
    beforeAll(async () => {
      ({ openStore, tearDown } = await setUp());
      store = openStore();
    });
    afterAll(async () => {
      await store.close();
      await tearDown();
    });

    it('stores a thread with its opening comment and reads them back', async () => {
      const { thread, first } = await openThread(store);
      expect(await store.getThread(thread.id)).toEqual({ thread, comments: [first], version: 1 });
      expect(await store.listThreads(thread.documentId)).toEqual([thread]);
      expect(await store.getThread('no-such-thread')).toBeNull();
      expect(await store.listThreads(freshId('doc'))).toEqual([]);
    });

    it('lists a document’s threads in creation order, each with its comments in order', async () => {
      const documentId = freshId('doc');
      const threads = [makeThread(documentId), makeThread(documentId, { anchor: { kind: 'paragraph', blockId: 'block-2' } }), makeThread(documentId)];
      const firsts = threads.map((thread) => makeComment(thread, egypt, 0));
      for (const [index, thread] of threads.entries()) await store.createThread(thread, firsts[index]!);
      const replies = [makeComment(threads[1]!, france, 1), makeComment(threads[1]!, egypt, 2), makeComment(threads[1]!, france, 3)];
      for (const reply of replies) await store.appendComment(reply);
      const otherDocument = await openThread(store);

      expect(await store.listThreads(documentId)).toEqual(threads);
      const listed = await store.listThreadsWithComments(documentId);
      expect(listed.map((entry) => entry.thread.id)).toEqual(threads.map((thread) => thread.id));
      expect(listed[1]).toEqual({ thread: threads[1], comments: [firsts[1], ...replies], version: 4 });
      expect(listed[0]!.comments).toEqual([firsts[0]]);
      expect(listed.some((entry) => entry.thread.id === otherDocument.thread.id)).toBe(false);
    });

    it('bumps the version on every change to a thread or its comments', async () => {
      const { thread, first } = await openThread(store);
      await store.appendComment(makeComment(thread, france, 1));
      expect((await store.getThread(thread.id))?.version).toBe(2);
      expect(await store.appendCommentIf(thread.id, 2, makeComment(thread, egypt, 2))).toBe(true);
      expect(await store.updateThread(thread.id, 3, { pinned: true })).toBe(true);
      const moderation = { by: chairId, at: minute(5), reason: 'off topic' };
      expect(await store.updateComment(thread.id, first.id, 4, { state: 'hidden', moderation })).toBe(true);
      const stored = await store.getThread(thread.id);
      expect(stored?.version).toBe(5);
      expect(stored?.thread.pinned).toBe(true);
      expect(stored?.comments[0]).toEqual({ ...first, state: 'hidden', moderation });
    });

    it('lets exactly one of two appends with the same expected version through', async () => {
      const { thread, first } = await openThread(store, { floor: { enabled: true, k: 2 } });
      const rivals = [makeComment(thread, egypt, 1), makeComment(thread, france, 2)];
      // Two connections, as two server instances would hold.
      const other = openStore();
      const results = await Promise.all([store.appendCommentIf(thread.id, 1, rivals[0]!), other.appendCommentIf(thread.id, 1, rivals[1]!)]);
      await other.close();
      expect(results.filter((won) => won)).toHaveLength(1);
      const winner = rivals[results.indexOf(true)]!;
      const stored = await store.getThread(thread.id);
      expect(stored?.comments).toEqual([first, winner]);
      expect(stored?.version).toBe(2);

      const loser = rivals[results.indexOf(false)]!;
      expect(await store.appendCommentIf(thread.id, 2, loser)).toBe(true);
      expect((await store.getThread(thread.id))?.comments).toEqual([first, winner, loser]);
    });

    it('updates a thread or a comment only at the expected version', async () => {
      const { thread, first } = await openThread(store);
      const queued = makeComment(thread, egypt, 1, { state: 'queued', publishedAt: null });
      await store.appendComment(queued);
      expect(await store.updateThread(thread.id, 1, { locked: true })).toBe(false);
      expect(await store.updateComment(thread.id, queued.id, 1, { state: 'published', publishedAt: minute(3) })).toBe(false);
      expect(await store.getThread(thread.id)).toEqual({ thread, comments: [first, queued], version: 2 });

      const resolution = { by: chairId, at: minute(4), overrideReason: 'Both groups agreed in the room.' };
      expect(await store.updateComment(thread.id, queued.id, 2, { state: 'published', publishedAt: minute(3) })).toBe(true);
      expect(await store.updateThread(thread.id, 3, { state: 'resolved', resolution, floor: { enabled: true, k: 3 } })).toBe(true);
      expect(await store.getThread(thread.id)).toEqual({
        thread: { ...thread, state: 'resolved', resolution, floor: { enabled: true, k: 3 } },
        comments: [first, { ...queued, state: 'published', publishedAt: minute(3) }],
        version: 4,
      });
    });

    it('reports a missing thread or comment rather than a conflict', async () => {
      const { thread } = await openThread(store);
      const orphan = makeComment(makeThread(thread.documentId), egypt, 1);
      await expect(store.appendComment(orphan)).rejects.toBeInstanceOf(ThreadRecordNotFoundError);
      await expect(store.appendCommentIf(orphan.threadId, 1, orphan)).rejects.toBeInstanceOf(ThreadRecordNotFoundError);
      await expect(store.updateThread('no-such-thread', 1, { locked: true })).rejects.toBeInstanceOf(ThreadRecordNotFoundError);
      await expect(store.updateComment(thread.id, 'no-such-comment', 1, { state: 'published' })).rejects.toBeInstanceOf(ThreadRecordNotFoundError);
      await expect(store.answerFlag('no-such-flag', { by: chairId, at: minute(3), text: 'Noted.' })).rejects.toBeInstanceOf(ThreadRecordNotFoundError);
    });

    it('keeps one current position per delegation and paragraph, the latest recorded', async () => {
      const documentId = freshId('doc');
      const egyptFirst = makePosition(documentId, { stance: 'proposes', recordedAt: minute(1) });
      const franceOnIt = makePosition(documentId, { delegationCode: 'FRA', stance: 'opposes', explanation: 'Premature.', recordedBy: france.id, recordedAt: minute(2) });
      const egyptOnAnother = makePosition(documentId, { blockId: 'block-0', stance: 'reservation', recordedAt: minute(1) });
      const egyptLater = makePosition(documentId, { stance: 'supports', recordedAt: minute(5) });
      const egyptStale = makePosition(documentId, { stance: 'opposes', recordedAt: minute(3) });
      for (const position of [egyptFirst, franceOnIt, egyptOnAnother]) expect(await store.setPosition(position)).toBe(true);
      expect(await store.setPosition(egyptLater)).toBe(true);
      expect(await store.setPosition(egyptStale)).toBe(false);
      expect(await store.listPositions(documentId)).toEqual([egyptOnAnother, egyptLater, franceOnIt]);
      expect(await store.listPositions(freshId('doc'))).toEqual([]);
    });

    it('raises flags and keeps the first answer', async () => {
      const documentId = freshId('doc');
      const first = makeFlag(documentId);
      const second = makeFlag(documentId, { delegationCode: 'FRA', raisedBy: france.id, explanation: null });
      await store.raiseFlag(first);
      await store.raiseFlag(second);
      expect(await store.getFlag(first.id)).toEqual(first);
      expect(await store.getFlag('no-such-flag')).toBeNull();
      const answer = { by: chairId, at: minute(6), text: 'Paragraph 4 now carries your proposal.' };
      expect(await store.answerFlag(first.id, answer)).toBe(true);
      expect(await store.answerFlag(first.id, { ...answer, text: 'A second answer.' })).toBe(false);
      expect(await store.listFlags(documentId)).toEqual([{ ...first, answer }, second]);
      await expect(store.raiseFlag(first)).rejects.toThrow(/already exists/);
    });

    it('refuses invalid records with an error naming the field', async () => {
      const documentId = freshId('doc');
      const thread = makeThread(documentId);
      const first = makeComment(thread, egypt, 0);
      await expect(store.createThread({ ...thread, id: 'x' }, first)).rejects.toThrow(InvalidThreadRecordError);
      await expect(store.createThread(thread, { ...first, body: '   ' })).rejects.toThrow(/invalid comment[\s\S]*body/);
      await expect(store.createThread(thread, { ...first, threadId: freshId('thread') })).rejects.toThrow(/belongs to thread/);
      expect(await store.listThreads(documentId)).toEqual([]);

      await store.createThread(thread, first);
      await expect(store.appendComment(makeComment(thread, france, 1, { state: 'hidden' }))).rejects.toThrow(/moderation record/);
      // A patch that leaves a record invalid is refused, and nothing changes.
      await expect(store.updateComment(thread.id, first.id, 1, { state: 'rejected' })).rejects.toThrow(InvalidThreadRecordError);
      await expect(store.updateThread(thread.id, 1, { floor: { enabled: true, k: 0 } })).rejects.toThrow(/invalid thread[\s\S]*floor/);
      expect(await store.getThread(thread.id)).toEqual({ thread, comments: [first], version: 1 });

      await expect(store.setPosition(makePosition(documentId, { stance: 'abstains' as Position['stance'] }))).rejects.toThrow(/invalid position[\s\S]*stance/);
      await expect(store.raiseFlag(makeFlag(documentId, { explanation: 'hidden\u0007bell' }))).rejects.toThrow(/control characters/);
      expect(await store.listPositions(documentId)).toEqual([]);
      expect(await store.listFlags(documentId)).toEqual([]);
    });

    it('refuses a thread id that is taken', async () => {
      const { thread } = await openThread(store);
      await expect(store.createThread({ ...thread, pinned: true }, makeComment(thread, france, 1))).rejects.toThrow(/already exists/);
      const elsewhere = { ...thread, documentId: freshId('doc') };
      await expect(store.createThread(elsewhere, makeComment(elsewhere, france, 1))).rejects.toThrow(/already exists/);
      expect((await store.getThread(thread.id))?.thread).toEqual(thread);
    });

    it('keeps everything across a reopen', async () => {
      const { thread, first } = await openThread(store);
      const reply = makeComment(thread, france, 1);
      await store.appendComment(reply);
      const position = makePosition(thread.documentId);
      await store.setPosition(position);
      const flag = makeFlag(thread.documentId);
      await store.raiseFlag(flag);
      await store.close();
      store = openStore();
      expect(await store.getThread(thread.id)).toEqual({ thread, comments: [first, reply], version: 2 });
      expect(await store.listPositions(thread.documentId)).toEqual([position]);
      expect(await store.listFlags(thread.documentId)).toEqual([flag]);
      expect(await store.appendCommentIf(thread.id, 2, makeComment(thread, egypt, 2))).toBe(true);
    });
  });
}

describeThreadStoreContract('SQLite', async () => {
  const directory = mkdtempSync(join(tmpdir(), 'concord-threads-'));
  return {
    openStore: () => new SqliteThreadStore(directory),
    tearDown: async () => rmSync(directory, { recursive: true, force: true }),
  };
});

describeThreadStoreContract('Redis', async () => {
  // A Redis of its own; every store opened on it is a new connection to the same data.
  const server: RedisServer = await startRedisServer();
  return {
    openStore: () => new RedisThreadStore(server.url),
    tearDown: async () => {
      await server.stop();
      rmSync(server.directory, { recursive: true, force: true });
    },
  };
});
