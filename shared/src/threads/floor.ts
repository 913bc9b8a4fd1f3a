import { voiceOf, type Voice } from './authorship.ts';
import { defaultThreadRules, type ThreadRules } from './committeeRules.ts';
import type { ThreadComment, Thread } from './schemas.ts';

export type FloorDecision =
  | { state: 'published'; code: 'floor-off' | 'not-a-group' | 'within-floor' }
  | { state: 'queued'; code: 'run-exceeds-k' | 'earlier-comment-queued'; run: number; k: number };

/** The thread's k: its own, or the committee's default. */
export function floorKOf(thread: Pick<Thread, 'floor'>, rules: ThreadRules = defaultThreadRules): number {
  return thread.floor.k ?? rules.floorK;
}

/**
 * How many of the last published group comments, counted back from the newest, come from `groupId` without a
 * comment of another group between them. Only the groups' voices count: observer, chair and secretariat
 * comments neither extend nor break a run, so a chair's word does not hand the floor back.
 */
export function trailingRun(comments: readonly ThreadComment[], groupId: string): number {
  const published = comments
    .filter((comment) => comment.state === 'published' && comment.publishedAt !== null)
    .sort((first, second) => (first.publishedAt ?? '').localeCompare(second.publishedAt ?? ''));
  let run = 0;
  for (let index = published.length - 1; index >= 0; index -= 1) {
    const voice = voiceOf(published[index]!.author);
    if (voice.kind !== 'group') continue;
    if (voice.groupId !== groupId) break;
    run += 1;
  }
  return run;
}

/**
 * Whether a new comment in `voice` goes straight to the floor or waits in the chair's queue.
 *
 * The rule: "when one group's consecutive comments exceed k, that group's next comment waits". Read as a
 * floor: a group speaks at most k times in a row, and the comment that would make its run exceed k waits for the
 * chair (with k = 2, the third in a row). A group that already has a comment waiting queues again, so
 * a later comment never overtakes an earlier one. Observers, chairs and the secretariat are never queued.
 */
export function decideFloor(
  thread: Pick<Thread, 'floor'>,
  comments: readonly ThreadComment[],
  voice: Voice,
  rules: ThreadRules = defaultThreadRules,
): FloorDecision {
  if (!thread.floor.enabled) return { state: 'published', code: 'floor-off' };
  if (voice.kind !== 'group') return { state: 'published', code: 'not-a-group' };
  const k = floorKOf(thread, rules);
  const run = trailingRun(comments, voice.groupId);
  const groupHasQueued = comments.some((comment) => {
    const author = voiceOf(comment.author);
    return comment.state === 'queued' && author.kind === 'group' && author.groupId === voice.groupId;
  });
  if (groupHasQueued) return { state: 'queued', code: 'earlier-comment-queued', run, k };
  if (run + 1 > k) return { state: 'queued', code: 'run-exceeds-k', run, k };
  return { state: 'published', code: 'within-floor' };
}
