import { can, decideResolution, nsaCommittee, type Actor, type GroupId, type Thread } from '@concord/shared';
import type { ThreadView } from '../../api/threads.ts';

/** Why a user cannot reply in a thread now, or null when they can (the server decides; this mirrors it). */
export type ReplyBlocker = 'cannot-comment' | 'locked' | 'resolved';

export function replyBlocker(user: Actor, thread: Pick<Thread, 'locked' | 'state'>): ReplyBlocker | null {
  if (!can(user, 'document.comment')) return 'cannot-comment';
  if (thread.state === 'resolved') return 'resolved';
  if (thread.locked) return 'locked';
  return null;
}

/**
 * What resolving a thread takes from a chair now (mirrors shared resolution.ts): nothing more when every group
 * took part; a written override reason, naming the groups not heard, otherwise; null when it cannot be resolved.
 */
export type ResolutionNeed = { kind: 'none' } | { kind: 'override'; missing: GroupId[] };

export function resolutionNeed(user: Actor, thread: ThreadView): ResolutionNeed | null {
  const decision = decideResolution(user, thread, thread.comments, undefined);
  if (decision.ok) return { kind: 'none' };
  if (decision.code !== 'one-sided') return null;
  const indicator = thread.balance.indicator;
  const missing = indicator.kind === 'only' ? indicator.missing : nsaCommittee.groups.map((group) => group.id);
  return { kind: 'override', missing };
}
