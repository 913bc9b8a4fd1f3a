import { describe, expect, it } from 'vitest';
import type { DiscussionMessage, ThreadComment } from '@concord/shared';
import { ApiError } from '../../api/ApiError.ts';
import type { ThreadsApi, ThreadView } from '../../api/threads.ts';
import { DiscussionStore } from './DiscussionStore.ts';
import { authors, comment, threadView } from './threadFixtures.ts';

/** An in-memory stand-in for the thread routes: answers what the test sets, and counts the calls. */
class FakeThreadsApi implements ThreadsApi {
  threads = new Map<string, ThreadView>();
  calls: string[] = [];
  failNext: ApiError | null = null;
  listGate: Promise<void> | null = null;

  private takeFailure(): void {
    const failure = this.failNext;
    this.failNext = null;
    if (failure !== null) throw failure;
  }

  async listThreads(): Promise<ThreadView[]> {
    this.calls.push('list');
    const snapshot = [...this.threads.values()];
    if (this.listGate !== null) await this.listGate;
    this.takeFailure();
    return snapshot;
  }
  async getThread(threadId: string): Promise<ThreadView> {
    this.calls.push(`get ${threadId}`);
    this.takeFailure();
    const thread = this.threads.get(threadId);
    if (thread === undefined) throw new ApiError(404, 'not_found', 'no such thread');
    return thread;
  }
  async createThread(): Promise<ThreadView> {
    this.calls.push('create');
    this.takeFailure();
    const thread = threadView({ id: 'thread-new', following: true }, [comment(authors.france)]);
    this.threads.set(thread.id, thread);
    return thread;
  }
  async postComment(threadId: string, body: string): Promise<ThreadComment> {
    this.calls.push(`reply ${threadId}`);
    this.takeFailure();
    return comment(authors.egypt, { threadId, body });
  }
  async moderate(input: { threadId: string }): Promise<ThreadView> {
    this.calls.push(`moderate ${input.threadId}`);
    this.takeFailure();
    const thread = { ...this.threads.get(input.threadId)!, locked: true, version: 9 };
    this.threads.set(thread.id, thread);
    return thread;
  }
  async setFollowing(threadId: string, following: boolean): Promise<boolean> {
    this.calls.push(`follow ${threadId} ${following}`);
    this.takeFailure();
    return following;
  }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function storeWith(...threads: ThreadView[]) {
  const api = new FakeThreadsApi();
  for (const thread of threads) api.threads.set(thread.id, thread);
  const store = new DiscussionStore('document-1', api);
  let listener: (message: DiscussionMessage) => void = () => undefined;
  store.connect((subscriber) => {
    listener = subscriber;
    return () => undefined;
  });
  return { api, store, send: (message: DiscussionMessage) => listener(message) };
}

describe('DiscussionStore', () => {
  it('loads the threads, then refetches the one a message names and everything on resync', async () => {
    const { api, store, send } = storeWith(threadView({ id: 'thread-a' }));
    expect(store.getSnapshot().status).toBe('loading');
    await settle();
    expect(store.getSnapshot()).toMatchObject({ status: 'ready', loadError: null });
    expect(store.getSnapshot().threads.map((thread) => thread.id)).toEqual(['thread-a']);

    api.threads.set('thread-a', threadView({ id: 'thread-a', version: 2, pinned: true }));
    send({ kind: 'thread', threadId: 'thread-a' });
    await settle();
    expect(store.getSnapshot().threads[0]!.pinned).toBe(true);

    api.threads.set('thread-b', threadView({ id: 'thread-b' }));
    send({ kind: 'resync' });
    send({ kind: 'positions', blockId: 'block-01' });
    await settle();
    expect(store.getSnapshot().threads.map((thread) => thread.id)).toEqual(['thread-a', 'thread-b']);
    expect(api.calls).toEqual(['list', 'get thread-a', 'list']);
  });

  it('tells which threads came in a full list (their marks predate it) and whether the text has synced', async () => {
    const { api, store, send } = storeWith(threadView({ id: 'thread-a' }));
    await settle();
    expect(store.getSnapshot()).toMatchObject({ textSynced: false, listedThreadIds: new Set(['thread-a']) });
    // Created by someone else while this page is open: it arrives live, before its mark may have.
    api.threads.set('thread-live', threadView({ id: 'thread-live' }));
    send({ kind: 'thread', threadId: 'thread-live' });
    await settle();
    expect(store.getSnapshot().threads.map((thread) => thread.id)).toEqual(['thread-a', 'thread-live']);
    expect(store.getSnapshot().listedThreadIds).toEqual(new Set(['thread-a']));
    send({ kind: 'resync' });
    await settle();
    expect(store.getSnapshot()).toMatchObject({ textSynced: true, listedThreadIds: new Set(['thread-a', 'thread-live']) });
  });

  it('reloads everything when one thread cannot be refetched, and never goes back to an older version', async () => {
    const { api, store, send } = storeWith(threadView({ id: 'thread-a', version: 4 }));
    await settle();
    api.failNext = new ApiError(404, 'not_found', 'no such route');
    send({ kind: 'thread', threadId: 'thread-a' });
    await settle();
    expect(api.calls).toEqual(['list', 'get thread-a', 'list']);
    api.threads.set('thread-a', threadView({ id: 'thread-a', version: 3, locked: true }));
    send({ kind: 'thread', threadId: 'thread-a' });
    await settle();
    expect(store.getSnapshot().threads[0]).toMatchObject({ version: 4, locked: false });
  });

  it('says a first load failed, keeps what it had when a later one fails, and recovers on the next', async () => {
    const api = new FakeThreadsApi();
    api.failNext = new ApiError(0, 'network', 'offline');
    const store = new DiscussionStore('document-1', api);
    await store.reload();
    expect(store.getSnapshot().status).toBe('failed');
    api.threads.set('thread-a', threadView({ id: 'thread-a' }));
    await store.reload();
    expect(store.getSnapshot()).toMatchObject({ status: 'ready', loadError: null });
    api.failNext = new ApiError(0, 'network', 'offline');
    await store.reload();
    expect(store.getSnapshot().status).toBe('ready');
    expect(store.getSnapshot().threads).toHaveLength(1);
    expect(store.getSnapshot().loadError).toBeInstanceOf(ApiError);
  });

  it('loads once more after a load in progress when asked during it, so the newest list wins', async () => {
    const { api, store } = storeWith(threadView({ id: 'thread-a' }));
    await settle();
    let open!: () => void;
    api.listGate = new Promise((resolve) => (open = resolve));
    const first = store.reload();
    api.threads.set('thread-a', threadView({ id: 'thread-a', version: 2, pinned: true }));
    void store.reload();
    void store.reload();
    api.listGate = null;
    open();
    await first;
    expect(api.calls).toEqual(['list', 'list', 'list']);
    expect(store.getSnapshot().threads[0]!.pinned).toBe(true);
  });

  it('adds one’s reply from the answer; a refused reply rejects with the server’s error and changes nothing', async () => {
    const { api, store } = storeWith(threadView({ id: 'thread-a' }, [comment(authors.france)]));
    await settle();
    const reply = await store.reply('thread-a', 'We agree.');
    expect(reply.state).toBe('published');
    const thread = store.getSnapshot().threads[0]!;
    expect(thread.comments.map((item) => item.body)).toContain('We agree.');
    expect(thread.balance.indicator).toEqual({ kind: 'all' });
    expect(thread.following).toBe(true);

    api.failNext = new ApiError(409, 'thread_locked', 'a chair has locked this thread');
    const before = store.getSnapshot();
    await expect(store.reply('thread-a', 'Too late')).rejects.toMatchObject({ code: 'thread_locked' });
    expect(store.getSnapshot()).toBe(before);
  });

  it('creates threads, moderates from the answer, refetches after a 409, and follows', async () => {
    const { api, store } = storeWith(threadView({ id: 'thread-a' }));
    await settle();
    await store.createThread({ anchor: { kind: 'paragraph', blockId: 'block-01' }, body: 'Why?' });
    expect(store.getSnapshot().threads.map((thread) => thread.id)).toEqual(['thread-a', 'thread-new']);

    await store.moderate({ action: 'lock', threadId: 'thread-a' });
    expect(store.getSnapshot().threads[0]).toMatchObject({ locked: true, version: 9 });

    api.failNext = new ApiError(409, 'already_locked', 'the thread is locked');
    await expect(store.moderate({ action: 'lock', threadId: 'thread-a' })).rejects.toMatchObject({ status: 409 });
    await settle();
    expect(api.calls.at(-1)).toBe('get thread-a');

    await store.setFollowing('thread-a', true);
    expect(store.getSnapshot().threads[0]!.following).toBe(true);
    expect(store.drafts.size).toBe(0);
  });
});
