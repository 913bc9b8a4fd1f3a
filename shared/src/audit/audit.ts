import { z } from 'zod';
import { roleSchema } from '../committee/roles.ts';

/** What the audit log records. It never holds passwords, tokens, session ids or document text. */
export const auditEventTypeSchema = z.enum([
  'sign-in',
  'sign-in-failed',
  'sign-out',
  'session-expired',
  'account-created',
  'account-updated',
  'invitation-issued',
  'invitation-accepted',
  'document-created',
  'websocket-refused',
  'update-refused',
  'status-changed',
  'export',
  'thread-created',
  'comment-moderated',
  'thread-moderated',
  'position-recorded',
  'flag-raised',
  'flag-answered',
  'comment-posted',
  'snapshot-created',
]);
export type AuditEventType = z.infer<typeof auditEventTypeSchema>;

/** Who did it, as the session knew them at that moment (copied, so later account changes do not rewrite history). */
export const auditActorSchema = z.object({
  userId: z.string().max(64),
  email: z.string().max(254),
  role: roleSchema,
  /** Delegation code, observer organisation id or "secretariat". */
  affiliation: z.string().max(64),
});
export type AuditActor = z.infer<typeof auditActorSchema>;

/** Most facts one entry may carry; with the 500-character cap it bounds an entry, so text cannot be smuggled in pieces. */
export const auditDetailMaxKeys = 32;

/** Flat facts only (ids, codes, counts, reasons): a schema, not free text, keeps secrets and document text out. */
export const auditDetailSchema = z
  .record(z.string().max(64), z.union([z.string().max(500), z.number(), z.boolean(), z.null()]))
  .refine((detail) => Object.keys(detail).length <= auditDetailMaxKeys, {
    message: `at most ${auditDetailMaxKeys} detail fields`,
  });

export const auditEntryInputSchema = z.object({
  type: auditEventTypeSchema,
  actor: auditActorSchema.nullable(),
  /** For failed sign-ins: the email as typed (never the password). */
  subject: z.string().max(254).nullable().default(null),
  ip: z.string().max(64).nullable().default(null),
  documentId: z.string().max(64).nullable().default(null),
  detail: auditDetailSchema.default({}),
});
export type AuditEntryInput = z.input<typeof auditEntryInputSchema>;

export const auditEntrySchema = auditEntryInputSchema.extend({
  /** Increasing, opaque: pass the last one seen as `before` to page back. */
  id: z.string(),
  at: z.iso.datetime(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

const optionalQueryString = z.string().trim().min(1).max(254).optional();

/** Filters of GET /api/audit (query string). */
export const auditQuerySchema = z.object({
  type: auditEventTypeSchema.optional(),
  userId: optionalQueryString,
  documentId: optionalQueryString,
  since: z.iso.datetime().optional(),
  until: z.iso.datetime().optional(),
  before: optionalQueryString,
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;
