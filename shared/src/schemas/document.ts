import { z } from 'zod';
import type { LocalizedName } from '../committee/localizedName.ts';

export const documentIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'a document id is 1-64 letters, digits, _ or -');

/** What a document is in the committee's work programme (the phases of the working paper). */
export const documentKindSchema = z.enum(['phase1-options-report', 'phase2-action-plan', 'phase3-instrument', 'annual-progress-report', 'other']);
export type DocumentKind = z.infer<typeof documentKindSchema>;

export const documentKindLabels: Readonly<Record<DocumentKind, LocalizedName>> = {
  'phase1-options-report': { en: 'Phase 1: report of options', fr: 'Phase 1 : rapport sur les options' },
  'phase2-action-plan': { en: 'Phase 2: action plan', fr: "Phase 2 : plan d'action" },
  'phase3-instrument': { en: 'Phase 3: international instrument', fr: 'Phase 3 : instrument international' },
  'annual-progress-report': { en: 'Annual progress report', fr: 'Rapport annuel sur les progrès accomplis' },
  other: { en: 'Other', fr: 'Autre' },
};

/** The committee session a document belongs to, as the secretariat names it (e.g. "2027, first session"). */
export const committeeSessionSchema = z.string().trim().min(1, 'a committee session is required').max(100, 'a committee session is at most 100 characters');

export const documentMetaSchema = z.object({
  id: documentIdSchema,
  title: z.string().min(1).max(200),
  kind: documentKindSchema,
  /** Empty only for documents created before sessions existed. */
  session: z.string().max(100),
  createdAt: z.iso.datetime(),
});
export type DocumentMeta = z.infer<typeof documentMetaSchema>;

export const createDocumentSchema = z.object({
  title: z.string().trim().min(1, 'a title is required').max(200, 'a title is at most 200 characters'),
  kind: documentKindSchema,
  session: committeeSessionSchema,
});
export type CreateDocument = z.infer<typeof createDocumentSchema>;
