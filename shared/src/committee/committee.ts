import { z } from 'zod';
import { addDuplicateCodeIssues, delegationSchema, nptDelegations } from './delegations.ts';
import type { Delegation } from './delegations.ts';
import { findDuplicates } from './findDuplicates.ts';
import { groupSchema, nptGroups } from './groups.ts';
import type { Group } from './groups.ts';
import { localizedNameSchema } from './localizedName.ts';
import { observerOrganisationListSchema, nptObserverOrganisations } from './observers.ts';

/** A committee as data: who sits in it and how they are grouped. Checked as a whole so every reference resolves. */
export const committeeSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]{1,64}$/, 'a committee id is 1-64 lower-case letters, digits or -'),
    name: localizedNameSchema,
    groups: z.array(groupSchema).min(1, 'a committee has at least one group'),
    delegations: z.array(delegationSchema).min(1, 'a committee has at least one delegation').superRefine(addDuplicateCodeIssues),
    observerOrganisations: observerOrganisationListSchema,
  })
  .superRefine((committee, context) => {
    for (const duplicate of findDuplicates(committee.groups.map((group) => group.id))) {
      context.addIssue({
        code: 'custom',
        message: `duplicate group id "${duplicate.value}" (first at index ${duplicate.firstIndex})`,
        path: ['groups', duplicate.index, 'id'],
      });
    }
    const groupIds = new Set(committee.groups.map((group) => group.id));
    committee.delegations.forEach((delegation, index) => {
      if (!groupIds.has(delegation.group)) {
        context.addIssue({
          code: 'custom',
          message: `delegation "${delegation.code}" is in group "${delegation.group}", which this committee does not define (groups: ${[...groupIds].join(', ')})`,
          path: ['delegations', index, 'group'],
        });
      }
    });
  });
export type Committee = z.infer<typeof committeeSchema>;

/** The subsidiary committee on negative security assurances proposed in Kuwait's working paper. */
export const nsaCommittee: Committee = committeeSchema.parse({
  id: 'npt-nsa',
  name: {
    en: 'Subsidiary committee on negative security assurances',
    fr: 'Comité subsidiaire sur les assurances négatives de sécurité',
  },
  groups: nptGroups,
  delegations: nptDelegations,
  observerOrganisations: nptObserverOrganisations,
});

/** The committee's delegation with this ISO 3166-1 alpha-3 code, or undefined if it has none. */
export function delegationByCode(code: string, committee: Committee = nsaCommittee): Delegation | undefined {
  return committee.delegations.find((delegation) => delegation.code === code);
}

/** The group the delegation with this code belongs to, or undefined if the committee has no such delegation. */
export function groupOf(code: string, committee: Committee = nsaCommittee): Group | undefined {
  const delegation = delegationByCode(code, committee);
  if (delegation === undefined) return undefined;
  return committee.groups.find((group) => group.id === delegation.group);
}
