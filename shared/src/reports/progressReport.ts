import { z } from 'zod';
import { delegationCodeSchema } from '../committee/delegations.ts';
import { groupIdSchema } from '../committee/groups.ts';
import { observerOrganisationIdSchema } from '../committee/observers.ts';
import { documentIdSchema, documentKindSchema } from '../schemas/document.ts';
import { exportLanguageSchema } from '../snapshots/snapshots.ts';
import { reportDaySchema, reportPeriodSchema } from './reportPeriod.ts';

const count = z.number().int().min(0);

/** One document of the work programme: its phase (its kind) and how far its text is agreed. */
export const documentProgressSchema = z
  .object({
    id: documentIdSchema,
    title: z.string().max(200),
    /** The phase of the working paper the document belongs to. */
    kind: documentKindSchema,
    session: z.string().max(100),
    /**
     * The snapshot whose text was counted (the last one taken by the end of a period that is over), or null: the
     * text as stored when the report was generated.
     */
    countedIn: z.object({ number: z.number().int().min(1), createdAt: z.iso.datetime() }).strict().nullable(),
    /** Paragraphs and lists holding text, in that text (headings are not counted). */
    paragraphs: count,
    agreed: count,
    agreedAdRef: count,
    draft: count,
    /** Snapshots of the agreed text taken during the period. */
    snapshots: count,
  })
  .strict();
export type DocumentProgress = z.infer<typeof documentProgressSchema>;

export const threadProgressSchema = z
  .object({
    /** Threads created during the period. */
    opened: count,
    /** Threads whose current resolution falls in the period. */
    resolved: count,
    /** Of those, resolved by a chair's override (without both groups' input). */
    resolvedWithOverride: count,
    /** Threads that existed at the end of the period and were not resolved by then. */
    openAtEnd: count,
  })
  .strict();
export type ThreadProgress = z.infer<typeof threadProgressSchema>;

export const groupActivitySchema = z
  .object({
    groupId: groupIdSchema,
    /** Delegations of the group that edited or commented during the period, sorted. */
    activeDelegations: z.array(delegationCodeSchema),
    /** Editing sessions (see summariseParticipation for how they are dated). */
    edits: count,
    /** Published comments. */
    comments: count,
  })
  .strict();
export type GroupActivity = z.infer<typeof groupActivitySchema>;

export const participationSummarySchema = z
  .object({
    /** One entry per committee group, in the committee's order. */
    groups: z.array(groupActivitySchema),
    /** Observers comment only, and are never counted in a group. */
    observers: z.object({ organisations: z.array(observerOrganisationIdSchema), comments: count }).strict(),
    /** The chair and the secretariat: they preside and serve, they are no group's voice. */
    presiding: z.object({ edits: count, comments: count }).strict(),
  })
  .strict();
export type ParticipationSummary = z.infer<typeof participationSummarySchema>;

export const weekActivitySchema = z
  .object({
    /** The Monday starting the ISO week (the first and last weeks may extend outside the period: only its days count). */
    weekStart: reportDaySchema,
    /** Every committee group, zeros included. */
    groups: z.record(groupIdSchema, z.object({ comments: count, edits: count }).strict()),
    /** Observers' comments. */
    observers: count,
  })
  .strict();
export type WeekActivity = z.infer<typeof weekActivitySchema>;

/** The periodic (or annual) progress report of the committee, as data: what every rendering shows. */
export const progressReportSchema = z
  .object({
    period: reportPeriodSchema,
    generatedAt: z.iso.datetime(),
    documents: z.array(documentProgressSchema),
    threads: threadProgressSchema,
    participation: participationSummarySchema,
    timeline: z.array(weekActivitySchema),
  })
  .strict();
export type ProgressReport = z.infer<typeof progressReportSchema>;

/** The renderings of a report a user downloads. */
export const progressReportFormatSchema = z.enum(['html', 'docx']);
export type ProgressReportFormat = z.infer<typeof progressReportFormatSchema>;

/**
 * The query of a report download (…?from=2026-01-01&to=2026-12-31&format=docx&language=fr). Checked apart from the
 * period, whose checks it repeats through reportPeriodSchema.
 */
export const progressReportDownloadQuerySchema = z
  .object({ from: reportDaySchema, to: reportDaySchema, format: progressReportFormatSchema, language: exportLanguageSchema.default('en') })
  .strict()
  .superRefine((query, context) => {
    const period = reportPeriodSchema.safeParse({ from: query.from, to: query.to });
    if (!period.success) for (const issue of period.error.issues) context.addIssue({ code: 'custom', message: issue.message, path: issue.path });
  });
export type ProgressReportDownloadQuery = z.infer<typeof progressReportDownloadQuerySchema>;
