import type { ThreadComment } from '@concord/shared';
import type { ThreadView } from '../../api/threads.ts';

/** What the panel lists: open threads, resolved ones, or the open ones still lacking a group's input. */
export type ThreadFilter = 'open' | 'lacking' | 'resolved';
export const threadFilters: readonly ThreadFilter[] = ['open', 'lacking', 'resolved'];

/** Whether an open thread has not yet heard every group (per the server's balance of published comments). */
export function lacksInput(thread: ThreadView): boolean {
  return thread.state === 'open' && thread.balance.indicator.kind !== 'all';
}

export interface DiscussionSummary {
  open: number;
  lacking: number;
  resolved: number;
}

/** The per-document line: open threads, how many of them lack one group's input, and resolved ones. */
export function discussionSummary(threads: readonly ThreadView[]): DiscussionSummary {
  let open = 0;
  let lacking = 0;
  for (const thread of threads) {
    if (thread.state !== 'open') continue;
    open += 1;
    if (lacksInput(thread)) lacking += 1;
  }
  return { open, lacking, resolved: threads.length - open };
}

export function filterThreads(threads: readonly ThreadView[], filter: ThreadFilter): ThreadView[] {
  switch (filter) {
    case 'open':
      return threads.filter((thread) => thread.state === 'open');
    case 'lacking':
      return threads.filter(lacksInput);
    case 'resolved':
      return threads.filter((thread) => thread.state === 'resolved');
  }
}

/**
 * Pinned threads first, then in the order of their paragraphs in the document, then oldest first. A thread whose
 * paragraph is not in the document (deleted, or the text not loaded yet) comes after those that have one.
 */
export function sortThreads(threads: readonly ThreadView[], blockOrder: ReadonlyMap<string, number>): ThreadView[] {
  const position = (thread: ThreadView) => blockOrder.get(thread.anchor.blockId) ?? Number.MAX_SAFE_INTEGER;
  return [...threads].sort(
    (left, right) => Number(right.pinned) - Number(left.pinned) || position(left) - position(right) || left.createdAt.localeCompare(right.createdAt) || left.id.localeCompare(right.id),
  );
}

export interface QueuedEntry {
  thread: ThreadView;
  comment: ThreadComment;
}

/** Every comment waiting in the chair's queue, across threads, oldest first (the order the floor holds them in). */
export function queuedComments(threads: readonly ThreadView[]): QueuedEntry[] {
  return threads
    .flatMap((thread) => thread.comments.filter((comment) => comment.state === 'queued').map((comment) => ({ thread, comment })))
    .sort((left, right) => left.comment.createdAt.localeCompare(right.comment.createdAt));
}

/** The filter to show `thread` under: the current one if it lists it, else the one for its state. */
export function filterShowing(thread: ThreadView, current: ThreadFilter): ThreadFilter {
  if (filterThreads([thread], current).length > 0) return current;
  return thread.state === 'resolved' ? 'resolved' : 'open';
}

/** Why a thread is no longer listed under `filter` (the panel keeps the open one in view, with a note): resolved, reopened, or now heard by both groups. */
export function whyLeftFilter(thread: ThreadView, filter: ThreadFilter): 'resolved' | 'reopened' | 'heard' {
  if (thread.state === 'resolved') return 'resolved';
  return filter === 'resolved' ? 'reopened' : 'heard';
}
