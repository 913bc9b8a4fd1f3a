import { z } from 'zod';
import { delegationCodeSchema } from '../committee/delegations.ts';
import type { Committee } from '../committee/committee.ts';
import { nsaCommittee, groupOf } from '../committee/committee.ts';

/**
 * Whom an edit speaks for: a delegation (its ISO code), the Chair (text the chair proposes as such), or the
 * Secretariat. A chair or the secretariat typing a proposal read out in the room speaks for that delegation.
 */
export const speakerSchema = z.union([delegationCodeSchema, z.literal('CHAIR'), z.literal('SECRETARIAT')]);
export type Speaker = z.infer<typeof speakerSchema>;

/** Someone who typed for a delegation they do not belong to. */
export const typistSchema = z.object({ userId: z.string(), name: z.string(), role: z.string() });
export type Typist = z.infer<typeof typistSchema>;

export const contributionSchema = z.object({
  /** Editing sessions that changed the paragraph: runs of accepted updates with no pause over a minute. */
  edits: z.number().int().min(0),
  lastEditAt: z.iso.datetime(),
  typists: z.array(typistSchema),
});
export type Contribution = z.infer<typeof contributionSchema>;

/** What the server knows about who wrote a top-level block. Clients read it; only the server writes it. */
export const paragraphAttributionSchema = z.object({
  /** Who created the paragraph; null when it predates attribution. */
  originator: speakerSchema.nullable(),
  originatorTypist: typistSchema.nullable(),
  createdAt: z.iso.datetime().nullable(),
  contributors: z.record(z.string(), contributionSchema),
});
export type ParagraphAttribution = z.infer<typeof paragraphAttributionSchema>;

/** Message type 101: `full` replaces everything the client holds; otherwise the listed paragraphs replace theirs. */
export const ledgerMessageSchema = z.object({
  full: z.boolean(),
  paragraphs: z.record(z.string(), paragraphAttributionSchema),
});
export type LedgerMessage = z.infer<typeof ledgerMessageSchema>;

/** Message type 102 (client to server): whom the next edits speak for; null = oneself. */
export const speakerMessageSchema = z.object({ typingFor: delegationCodeSchema.nullable() }).strict();
export type SpeakerMessage = z.infer<typeof speakerMessageSchema>;

/** Edits per group (e.g. NWS 3, NNWS 5) among the delegations that contributed; the chair and secretariat are in no group. */
export function groupMix(attribution: ParagraphAttribution, committee: Committee = nsaCommittee): Record<string, number> {
  const mix: Record<string, number> = Object.fromEntries(committee.groups.map((group) => [group.id, 0]));
  for (const [speaker, contribution] of Object.entries(attribution.contributors)) {
    const group = groupOf(speaker, committee);
    if (group !== undefined) mix[group.id] = (mix[group.id] ?? 0) + contribution.edits;
  }
  return mix;
}
