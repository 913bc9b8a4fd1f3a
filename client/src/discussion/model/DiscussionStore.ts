import type { CreateThreadInput, DiscussionMessage, ModerationInput, ThreadComment } from '@concord/shared';
import type { ThreadsApi, ThreadView } from '../../api/threads.ts';
import { coalesce } from './coalesce.ts';
import { mergeThreadList, newerThread, withComment } from './threadMerge.ts';

export interface DiscussionSnapshot {
  /** loading: before the first answer; failed: the last full load failed (threads kept from before, if any). */
  status: 'loading' | 'ready' | 'failed';
  threads: readonly ThreadView[];
  loadError: unknown;
  /** The text has synced with the server at least once (message 103 `resync`): a missing anchor is then really missing. */
  textSynced: boolean;
  /**
   * Threads that came in a full list: they existed before that load, so a range thread's mark was written before
   * (its creator writes it as soon as the server answers). A thread that arrived live is not here: its mark may
   * still be on its way.
   */
  listedThreadIds: ReadonlySet<string>;
}

export type ThreadModeration = Exclude<ModerationInput, { action: 'answer-flag' }>;

/**
 * The threads of one document as this viewer may see them, kept current: loaded once, one thread refetched when
 * message 103 names it, everything on `resync` (sent after every (re)connection). Actions go to the server and
 * the state is updated from its answer; a refused action rejects with the server's ApiError, for the caller to
 * show next to the action. Framework-free; React reads it through subscribe/getSnapshot.
 */
export class DiscussionStore {
  /** Unsent text per box (a thread id, or "new" for a new thread): kept when a box closes or a send fails. */
  readonly drafts = new Map<string, string>();
  private readonly listeners = new Set<() => void>();
  private readonly refetchers = new Map<string, () => Promise<void>>();
  private threads = new Map<string, ThreadView>();
  private textSynced = false;
  private listedThreadIds: ReadonlySet<string> = new Set();
  private snapshot: DiscussionSnapshot = { status: 'loading', threads: [], loadError: null, textSynced: false, listedThreadIds: this.listedThreadIds };
  private destroyed = false;

  constructor(
    private readonly documentId: string,
    private readonly api: ThreadsApi,
  ) {}

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): DiscussionSnapshot => this.snapshot;

  /** Loads everything now and follows live updates from `subscribeDiscussion` (a CollaborationSession's). */
  connect(subscribeDiscussion: (listener: (message: DiscussionMessage) => void) => () => void): () => void {
    void this.reload();
    return subscribeDiscussion((message) => this.onMessage(message));
  }

  onMessage(message: DiscussionMessage): void {
    if (message.kind === 'thread') void this.refetch(message.threadId);
    else if (message.kind === 'resync') {
      this.textSynced = true;
      void this.reload();
    }
  }

  /** Every thread of the document, again; asked during a load, it loads once more after it (coalesced). */
  readonly reload = coalesce(async () => {
    try {
      const listed = await this.api.listThreads(this.documentId);
      this.threads = mergeThreadList(this.threads, listed);
      this.listedThreadIds = new Set([...this.listedThreadIds, ...listed.map((thread) => thread.id)]);
      this.publish('ready', null);
    } catch (error) {
      this.publish(this.snapshot.status === 'loading' ? 'failed' : this.snapshot.status, error);
      throw error;
    }
  });

  /** One thread again (coalesced per thread); if that fails, everything (a server without the route, say). */
  refetch(threadId: string): Promise<void> {
    let refetcher = this.refetchers.get(threadId);
    if (refetcher === undefined) {
      refetcher = coalesce(async () => {
        try {
          this.put(await this.api.getThread(threadId));
        } catch (error) {
          await this.reload();
          throw error;
        }
      });
      this.refetchers.set(threadId, refetcher);
    }
    return refetcher();
  }

  async createThread(input: Omit<CreateThreadInput, 'documentId'>): Promise<ThreadView> {
    const thread = await this.api.createThread({ ...input, documentId: this.documentId });
    this.put(thread);
    return thread;
  }

  /** Posts a reply; the answer says whether it is published or waits in the chair's queue. */
  async reply(threadId: string, body: string): Promise<ThreadComment> {
    const comment = await this.api.postComment(threadId, body);
    const thread = this.threads.get(threadId);
    if (thread !== undefined) this.put(withComment(thread, comment));
    return comment;
  }

  /** A chair's action; when the thread's state made it refuse (409), the thread is refetched to show why. */
  async moderate(input: ThreadModeration): Promise<ThreadView> {
    try {
      const thread = await this.api.moderate(input);
      this.put(thread);
      return thread;
    } catch (error) {
      if (typeof error === 'object' && error !== null && 'status' in error && error.status === 409) void this.refetch(input.threadId);
      throw error;
    }
  }

  async setFollowing(threadId: string, following: boolean): Promise<void> {
    const now = await this.api.setFollowing(threadId, following);
    const thread = this.threads.get(threadId);
    if (thread !== undefined) this.put({ ...thread, following: now });
  }

  destroy(): void {
    this.destroyed = true;
    this.listeners.clear();
  }

  private put(thread: ThreadView): void {
    const current = this.threads.get(thread.id);
    const next = newerThread(current, thread);
    if (next === current) return;
    this.threads = new Map(this.threads).set(thread.id, next);
    this.publish(this.snapshot.status === 'loading' ? 'loading' : 'ready', this.snapshot.loadError);
  }

  private publish(status: DiscussionSnapshot['status'], loadError: unknown): void {
    if (this.destroyed) return;
    this.snapshot = { status, threads: [...this.threads.values()], loadError, textSynced: this.textSynced, listedThreadIds: this.listedThreadIds };
    for (const listener of this.listeners) listener();
  }
}
