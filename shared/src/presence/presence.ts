import { z } from 'zod';
import { roleSchema } from '../committee/roles.ts';
import type { User } from '../accounts/accounts.ts';
import { groupOf, nsaCommittee, type Committee } from '../committee/committee.ts';

/**
 * Who a presence (awareness) state belongs to. The server writes it into every awareness state from the
 * session, replacing whatever the client sent, so nobody can appear as someone else.
 */
export const presenceUserSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: roleSchema,
  /** Delegation code, observer organisation id, or "secretariat". */
  affiliation: z.string(),
  /** The delegation's group (NWS, NNWS...), or null for observers and the secretariat. */
  group: z.string().nullable(),
  /** Caret and selection colour, by group, so that colour and the group label tell the same story. */
  colour: z.string().regex(/^#[0-9a-f]{6}$/),
  /** The delegation a chair or the secretariat is typing for, or null. */
  typingFor: z.string().nullable(),
});
export type PresenceUser = z.infer<typeof presenceUserSchema>;

/** Colours with at least 4.5:1 contrast on white; never the only cue (labels carry the group too). */
const groupColours: Record<string, string> = { NWS: '#9a3412', NNWS: '#1d4ed8' };
const roleColours: Record<string, string> = { observer: '#4b5563', secretariat: '#047857', chair: '#6d28d9' };

export function affiliationCode(affiliation: User['affiliation']): string {
  if (affiliation.kind === 'delegation') return affiliation.delegationCode;
  if (affiliation.kind === 'observer') return affiliation.organisationId;
  return 'secretariat';
}

export function presenceUserOf(user: Pick<User, 'id' | 'name' | 'role' | 'affiliation'>, typingFor: string | null, committee: Committee = nsaCommittee): PresenceUser {
  const affiliation = affiliationCode(user.affiliation);
  const group = user.affiliation.kind === 'delegation' ? (groupOf(affiliation, committee)?.id ?? null) : null;
  const colour = roleColours[user.role] ?? (group === null ? undefined : groupColours[group]) ?? '#374151';
  return { id: user.id, name: user.name, role: user.role, affiliation, group, colour, typingFor };
}
