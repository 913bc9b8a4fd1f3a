import { z } from 'zod';
import { delegationCodeSchema } from './delegations.ts';
import type { LocalizedName } from './localizedName.ts';
import { observerOrganisationIdSchema } from './observers.ts';

export const roleSchema = z.enum(['secretariat', 'chair', 'delegate', 'observer']);
export type Role = z.infer<typeof roleSchema>;

/** Labels for the UI, in the Secretariat's working languages. */
export const roleLabels: Readonly<Record<Role, LocalizedName>> = {
  secretariat: { en: 'Secretariat', fr: 'Secrétariat' },
  // "Présidence" is the office (as in "texte de la présidence"), which avoids choosing a grammatical gender.
  chair: { en: 'Chair', fr: 'Présidence' },
  delegate: { en: 'Delegate', fr: 'Délégué(e)' },
  observer: { en: 'Observer', fr: 'Observateur(trice)' },
};

/**
 * Whom a user speaks for. A delegation's authorship is what matters politically, so a user
 * belongs to exactly one: a delegation, an observer organisation, or the secretariat.
 */
export const affiliationSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('delegation'), delegationCode: delegationCodeSchema }),
  z.object({ kind: z.literal('observer'), organisationId: observerOrganisationIdSchema }),
  z.object({ kind: z.literal('secretariat') }),
]);
export type Affiliation = z.infer<typeof affiliationSchema>;
export type AffiliationKind = Affiliation['kind'];

/** Which affiliations each role may have; a chair is a delegation's representative presiding. */
export const affiliationKindsByRole: Readonly<Record<Role, readonly AffiliationKind[]>> = {
  secretariat: ['secretariat'],
  chair: ['delegation'],
  delegate: ['delegation'],
  observer: ['observer'],
};

/** A user's place in a committee: what they do (role) and whom they speak for (affiliation). */
export const membershipSchema = z
  .object({ role: roleSchema, affiliation: affiliationSchema })
  .superRefine((membership, context) => {
    const allowed = affiliationKindsByRole[membership.role];
    if (!allowed.includes(membership.affiliation.kind)) {
      context.addIssue({
        code: 'custom',
        message: `role "${membership.role}" needs an affiliation of kind ${allowed.map((kind) => `"${kind}"`).join(' or ')}, not "${membership.affiliation.kind}"`,
        path: ['affiliation', 'kind'],
      });
    }
  });
export type Membership = z.infer<typeof membershipSchema>;
