import { z } from 'zod';
import { findDuplicates } from './findDuplicates.ts';
import { localizedNameSchema } from './localizedName.ts';

export const observerOrganisationIdSchema = z
  .string()
  .regex(/^[A-Z][A-Z0-9-]{1,31}$/, 'an observer organisation id is its acronym: 2-32 capital letters, digits or -, starting with a letter (e.g. "IAEA")');
export type ObserverOrganisationId = z.infer<typeof observerOrganisationIdSchema>;

/** An organisation whose representatives read and, where the chair allows, comment; they never edit and never count in the balance. */
export const observerOrganisationSchema = z.object({
  id: observerOrganisationIdSchema,
  name: localizedNameSchema,
});
export type ObserverOrganisation = z.infer<typeof observerOrganisationSchema>;

export const observerOrganisationListSchema = z.array(observerOrganisationSchema).superRefine((organisations, context) => {
  for (const duplicate of findDuplicates(organisations.map((organisation) => organisation.id))) {
    context.addIssue({
      code: 'custom',
      message: `duplicate observer organisation id "${duplicate.value}" (first at index ${duplicate.firstIndex})`,
      path: [duplicate.index, 'id'],
    });
  }
});

/**
 * The observers the working paper names: the IAEA and UN entities.
 * Extendable: this is data, so another UN entity (or, for another committee, e.g. CTBTO or OPANAL)
 * is one more entry here or in that committee's own list; nothing else needs to change.
 */
export const nptObserverOrganisations: readonly ObserverOrganisation[] = observerOrganisationListSchema.parse([
  {
    id: 'IAEA',
    name: { en: 'International Atomic Energy Agency', fr: "Agence internationale de l'énergie atomique" },
  },
  {
    id: 'UNODA',
    name: { en: 'United Nations Office for Disarmament Affairs', fr: 'Bureau des affaires de désarmement' },
  },
  {
    id: 'UNIDIR',
    name: { en: 'United Nations Institute for Disarmament Research', fr: "Institut des Nations Unies pour la recherche sur le désarmement" },
  },
]);
