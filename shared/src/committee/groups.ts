import { z } from 'zod';
import { localizedNameSchema } from './localizedName.ts';

/**
 * A group of delegations that a committee balances (e.g. NWS and NNWS under the NPT).
 * Groups are data, not code: another committee can define its own (regional groups, etc.).
 */
export const groupIdSchema = z
  .string()
  .regex(/^[A-Z][A-Z0-9_-]{0,31}$/, 'a group id is 1-32 capital letters, digits, _ or -, starting with a letter (e.g. "NWS")');
export type GroupId = z.infer<typeof groupIdSchema>;

export const groupSchema = z.object({
  id: groupIdSchema,
  name: localizedNameSchema,
});
export type Group = z.infer<typeof groupSchema>;

/** The two groups of the NPT. */
export const nptGroupIdSchema = z.enum(['NWS', 'NNWS']);
export type NptGroupId = z.infer<typeof nptGroupIdSchema>;

export const nptGroups: readonly Group[] = z.array(groupSchema).parse([
  {
    // Article IX.3: a State that manufactured and exploded a nuclear device before 1 January 1967.
    id: 'NWS',
    name: { en: 'Nuclear-weapon States', fr: "États dotés d'armes nucléaires" },
  },
  {
    id: 'NNWS',
    name: { en: 'Non-nuclear-weapon States', fr: "États non dotés d'armes nucléaires" },
  },
] satisfies Array<{ id: NptGroupId; name: { en: string; fr: string } }>);
