import { nsaCommittee, type Committee } from '../committee/committee.ts';
import type { GroupId } from '../committee/groups.ts';
import { voiceOf } from './authorship.ts';
import type { ThreadComment, Thread } from './schemas.ts';

export interface GroupParticipation {
  groupId: GroupId;
  /** Published comments by this group's delegates. */
  comments: number;
  /** Distinct delegations of this group that commented, sorted by code. */
  delegations: string[];
}

/** At a glance: nobody from any group yet, only some groups, or every group of the committee. */
export type BalanceIndicator = { kind: 'none' } | { kind: 'only'; heard: GroupId[]; missing: GroupId[] } | { kind: 'all' };

export interface ThreadBalance {
  /** One entry per committee group, in the committee's order (NWS, NNWS). */
  groups: GroupParticipation[];
  /** Distinct delegations, all groups together, sorted by code. */
  delegations: string[];
  /** Counted apart, never in the balance. */
  observerComments: number;
  /** Chair and secretariat comments: they preside, they are not a group's voice. */
  presidingComments: number;
  indicator: BalanceIndicator;
  /** Fewest group comments over most (1 = even, 0 = one-sided), or null when no group has commented. */
  ratio: number | null;
}

/** The balance of a thread from its comments; only published comments count (queued, rejected, hidden do not). */
export function threadBalance(comments: readonly ThreadComment[], committee: Committee = nsaCommittee): ThreadBalance {
  const byGroup = new Map(committee.groups.map((group) => [group.id, { comments: 0, delegations: new Set<string>() }]));
  let observerComments = 0;
  let presidingComments = 0;
  for (const comment of comments) {
    if (comment.state !== 'published') continue;
    const voice = voiceOf(comment.author);
    if (voice.kind === 'observer') observerComments += 1;
    if (voice.kind === 'presiding') presidingComments += 1;
    if (voice.kind !== 'group') continue;
    const tally = byGroup.get(voice.groupId);
    // A group the committee does not define is not part of its balance.
    if (tally === undefined) continue;
    tally.comments += 1;
    tally.delegations.add(voice.delegationCode);
  }
  const groups = [...byGroup].map(([groupId, tally]) => ({ groupId, comments: tally.comments, delegations: [...tally.delegations].sort() }));
  const heard = groups.filter((group) => group.comments > 0).map((group) => group.groupId);
  const missing = groups.filter((group) => group.comments === 0).map((group) => group.groupId);
  const indicator: BalanceIndicator = heard.length === 0 ? { kind: 'none' } : missing.length === 0 ? { kind: 'all' } : { kind: 'only', heard, missing };
  const counts = groups.map((group) => group.comments);
  const most = Math.max(0, ...counts);
  return {
    groups,
    delegations: groups.flatMap((group) => group.delegations).sort(),
    observerComments,
    presidingComments,
    indicator,
    ratio: most === 0 ? null : Math.min(...counts) / most,
  };
}

export interface GroupColumns {
  /** One column per committee group, in the committee's order, each keeping the comments' order. */
  columns: Array<{ groupId: GroupId; comments: ThreadComment[] }>;
  observers: ThreadComment[];
  /** Chair and secretariat comments, shown across both columns. */
  presiding: ThreadComment[];
  /** Delegates of a delegation the committee does not know. */
  unaffiliated: ThreadComment[];
}

/**
 * The two-column view (NWS | NNWS, observers apart). It places whatever comments the viewer may see, whatever
 * their state, so a chair sees a hidden comment where it was said.
 */
export function groupColumns(comments: readonly ThreadComment[], committee: Committee = nsaCommittee): GroupColumns {
  const columns = committee.groups.map((group) => ({ groupId: group.id, comments: [] as ThreadComment[] }));
  const result: GroupColumns = { columns, observers: [], presiding: [], unaffiliated: [] };
  for (const comment of comments) {
    const voice = voiceOf(comment.author);
    if (voice.kind === 'observer') result.observers.push(comment);
    else if (voice.kind === 'presiding') result.presiding.push(comment);
    else {
      const column = voice.kind === 'group' ? columns.find((candidate) => candidate.groupId === voice.groupId) : undefined;
      if (column === undefined) result.unaffiliated.push(comment);
      else column.comments.push(comment);
    }
  }
  return result;
}

export interface ThreadLackingInput {
  threadId: string;
  missing: GroupId[];
}

/** Per document: the open threads that lack at least one group's input (threads nobody from a group answered yet). */
export function threadsLackingInput(
  threads: ReadonlyArray<{ thread: Thread; comments: readonly ThreadComment[] }>,
  committee: Committee = nsaCommittee,
): ThreadLackingInput[] {
  const lacking: ThreadLackingInput[] = [];
  for (const { thread, comments } of threads) {
    if (thread.state !== 'open') continue;
    const indicator = threadBalance(comments, committee).indicator;
    if (indicator.kind === 'all') continue;
    lacking.push({ threadId: thread.id, missing: indicator.kind === 'none' ? committee.groups.map((group) => group.id) : indicator.missing });
  }
  return lacking;
}
