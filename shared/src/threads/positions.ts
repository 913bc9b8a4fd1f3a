import { z } from 'zod';
import { groupOf, nsaCommittee, type Committee } from '../committee/committee.ts';
import { delegationCodeSchema } from '../committee/delegations.ts';
import { groupIdSchema, type GroupId } from '../committee/groups.ts';
import { explanationSchema, type Flag, type Position, type Stance } from './schemas.ts';

export interface PositionEntry {
  delegationCode: string;
  group: GroupId | null;
  explanation: string | null;
}

/** "Proposed by X, supported by Y, opposed by Z, reservations: W" as data; the client words and translates it. */
export type PositionSummary = Record<Stance, PositionEntry[]>;

const positionEntriesSchema = z.array(z.object({ delegationCode: delegationCodeSchema, group: groupIdSchema.nullable(), explanation: explanationSchema.nullable() }));

/** A PositionSummary as it crosses the wire (the positions routes' answers). */
export const positionSummarySchema = z.object({
  proposes: positionEntriesSchema,
  supports: positionEntriesSchema,
  opposes: positionEntriesSchema,
  reservation: positionEntriesSchema,
}) satisfies z.ZodType<PositionSummary>;

/**
 * The current positions on one paragraph: one per delegation, the latest by `recordedAt` (on a tie, the later in
 * the list), each list sorted by delegation code, as delegations are listed in UN documents.
 */
export function summarisePositions(positions: readonly Position[], documentId: string, blockId: string, committee: Committee = nsaCommittee): PositionSummary {
  const current = new Map<string, Position>();
  for (const position of positions) {
    if (position.documentId !== documentId || position.blockId !== blockId) continue;
    const previous = current.get(position.delegationCode);
    if (previous === undefined || position.recordedAt >= previous.recordedAt) current.set(position.delegationCode, position);
  }
  const summary: PositionSummary = { proposes: [], supports: [], opposes: [], reservation: [] };
  const byCode = [...current.values()].sort((first, second) => first.delegationCode.localeCompare(second.delegationCode));
  for (const position of byCode) {
    summary[position.stance].push({
      delegationCode: position.delegationCode,
      group: groupOf(position.delegationCode, committee)?.id ?? null,
      explanation: position.explanation,
    });
  }
  return summary;
}

/** The flags still waiting for a chair's answer, oldest first. */
export function unansweredFlags(flags: readonly Flag[]): Flag[] {
  return flags.filter((flag) => flag.answer === null).sort((first, second) => first.raisedAt.localeCompare(second.raisedAt));
}
