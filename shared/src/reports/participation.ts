import { groupOf, nsaCommittee, type Committee } from '../committee/committee.ts';
import { voiceOf } from '../threads/authorship.ts';
import type { ThreadComment } from '../threads/schemas.ts';
import type { ParticipationSummary, WeekActivity } from './progressReport.ts';
import { dayOf, inPeriod, weekStartOf, weeksOf, type ReportPeriod } from './reportPeriod.ts';

/**
 * Editing by one speaker (a delegation code, CHAIR or SECRETARIAT), dated: `edits` editing sessions begun at `at`
 * (the server's ledger counts sessions per speaker and UTC day, so `at` is that day's midnight).
 */
export interface EditEvent {
  speaker: string;
  at: string;
  /** Editing sessions (runs of changes with no pause over a minute); 1 for a single session. */
  edits: number;
}

/** The comments of a report: who wrote them and when they reached the floor. */
export type ReportedComment = Pick<ThreadComment, 'author' | 'publishedAt'>;

const presidingSpeakers = new Set(['CHAIR', 'SECRETARIAT']);

interface Tally {
  edits: number;
  comments: number;
  delegations: Set<string>;
}

/**
 * Who took part during the period, in total and week by week. A comment counts on the day it was published (its
 * creation, or its release from the alternating floor's queue); queued and rejected comments never reached the
 * floor and do not count, a comment hidden later does (it was heard). Delegates count for their group, observers
 * apart, the chair and the secretariat as presiding. A delegation the committee does not know counts nowhere.
 * Edits are dated as `EditEvent` explains.
 */
export function summariseParticipation(
  comments: readonly ReportedComment[],
  editEvents: readonly EditEvent[],
  period: ReportPeriod,
  committee: Committee = nsaCommittee,
): { participation: ParticipationSummary; timeline: WeekActivity[] } {
  const groups = new Map<string, Tally>(committee.groups.map((group) => [group.id, { edits: 0, comments: 0, delegations: new Set<string>() }]));
  const weeks = new Map<string, WeekActivity>(
    weeksOf(period.from, period.to).map((weekStart) => [
      weekStart,
      { weekStart, groups: Object.fromEntries(committee.groups.map((group) => [group.id, { comments: 0, edits: 0 }])), observers: 0 },
    ]),
  );
  const weekOf = (timestamp: string) => weeks.get(weekStartOf(dayOf(timestamp) ?? period.from));
  const observerOrganisations = new Set<string>();
  const presiding = { edits: 0, comments: 0 };
  let observerComments = 0;

  for (const comment of comments) {
    if (comment.publishedAt === null || !inPeriod(comment.publishedAt, period)) continue;
    const voice = voiceOf(comment.author);
    const week = weekOf(comment.publishedAt);
    if (voice.kind === 'observer') {
      observerComments += 1;
      observerOrganisations.add(comment.author.affiliation);
      if (week) week.observers += 1;
    } else if (voice.kind === 'presiding') {
      presiding.comments += 1;
    } else if (voice.kind === 'group') {
      const tally = groups.get(voice.groupId);
      const weekly = week?.groups[voice.groupId];
      if (tally === undefined || weekly === undefined) continue;
      tally.comments += 1;
      tally.delegations.add(voice.delegationCode);
      weekly.comments += 1;
    }
  }

  for (const event of editEvents) {
    if (event.edits <= 0 || !inPeriod(event.at, period)) continue;
    if (presidingSpeakers.has(event.speaker)) {
      presiding.edits += event.edits;
      continue;
    }
    const groupId = groupOf(event.speaker, committee)?.id;
    const tally = groupId === undefined ? undefined : groups.get(groupId);
    const weekly = groupId === undefined ? undefined : weekOf(event.at)?.groups[groupId];
    if (tally === undefined || weekly === undefined) continue;
    tally.edits += event.edits;
    tally.delegations.add(event.speaker);
    weekly.edits += event.edits;
  }

  return {
    participation: {
      groups: [...groups].map(([groupId, tally]) => ({ groupId, activeDelegations: [...tally.delegations].sort(), edits: tally.edits, comments: tally.comments })),
      observers: { organisations: [...observerOrganisations].sort(), comments: observerComments },
      presiding,
    },
    timeline: [...weeks.values()],
  };
}
