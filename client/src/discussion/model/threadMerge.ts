import { threadBalance, type ThreadComment } from '@concord/shared';
import type { ThreadView } from '../../api/threads.ts';

/**
 * The newer of two views of one thread. Every write bumps the server's version, so an answer to a request that
 * was overtaken (a refetch that started before a reply was stored) never replaces what a later answer said.
 */
export function newerThread(current: ThreadView | undefined, incoming: ThreadView): ThreadView {
  if (current === undefined || incoming.version >= current.version) return incoming;
  return current;
}

/** The threads after a full reload: each thread keeps the newer view; threads the server no longer lists go. */
export function mergeThreadList(current: ReadonlyMap<string, ThreadView>, incoming: readonly ThreadView[]): Map<string, ThreadView> {
  return new Map(incoming.map((thread) => [thread.id, newerThread(current.get(thread.id), thread)]));
}

/**
 * The thread with one's own new comment in it, as the server answered it (published or queued). The balance is
 * recomputed with the shared rule (published comments only, which every viewer sees), and the author now follows
 * the thread (the server makes commenters follow). The version is left as it was: the next refetch brings it.
 */
export function withComment(thread: ThreadView, comment: ThreadComment): ThreadView {
  const others = thread.comments.filter((existing) => existing.id !== comment.id);
  const comments = [...others, comment];
  return { ...thread, comments, balance: threadBalance(comments), following: true };
}
