import { z } from 'zod';
import { userIdSchema } from '../accounts/accounts.ts';
import { documentIdSchema } from '../schemas/document.ts';
import { snapshotContentSchema } from './snapshotContent.ts';

export const snapshotIdSchema = z.string().regex(/^[A-Za-z0-9_-]{6,40}$/, 'a snapshot id is 6-40 letters, digits, _ or -');

/** Who froze it, as the session knew them. */
export const snapshotAuthorSchema = z.object({ userId: userIdSchema, name: z.string().max(120), affiliation: z.string().max(64) }).strict();

/** What the hash and the signature cover: everything of the snapshot but themselves. */
export const signedSnapshotSchema = z
  .object({
    id: snapshotIdSchema,
    documentId: documentIdSchema,
    /** 1, 2, 3... per document, in the order taken. */
    number: z.number().int().min(1),
    name: z.string().trim().min(1).max(120),
    createdAt: z.iso.datetime(),
    createdBy: snapshotAuthorSchema,
    content: snapshotContentSchema,
  })
  .strict();
export type SignedSnapshot = z.infer<typeof signedSnapshotSchema>;

export const snapshotSchema = signedSnapshotSchema
  .extend({
    /** SHA-256 (hex) of canonicalJson(the signed part). */
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    /** Ed25519 signature (base64) of the same bytes, by the key `keyId` names. */
    signature: z.string().min(1).max(200),
    /** The first 16 hex digits of the SHA-256 of the public key (raw 32 bytes). */
    keyId: z.string().regex(/^[0-9a-f]{16}$/),
  })
  .strict();
export type Snapshot = z.infer<typeof snapshotSchema>;

/** A snapshot in a list: without its content. */
export const snapshotSummarySchema = snapshotSchema.omit({ content: true }).extend({ paragraphs: z.number().int(), agreed: z.number().int() }).strict();
export type SnapshotSummary = z.infer<typeof snapshotSummarySchema>;

export const createSnapshotInputSchema = z.object({ name: z.string().trim().min(1, 'a snapshot needs a name').max(120, 'a name is at most 120 characters') }).strict();
export type CreateSnapshotInput = z.infer<typeof createSnapshotInputSchema>;

export const exportFormatSchema = z.enum(['docx', 'pdf', 'html', 'markdown', 'akn', 'json']);
export type ExportFormat = z.infer<typeof exportFormatSchema>;

/** `agreed`: agreed paragraphs only, clean; `compilation`: every paragraph with status, brackets, alternatives and positions. */
export const exportModeSchema = z.enum(['agreed', 'compilation']);
export type ExportMode = z.infer<typeof exportModeSchema>;

/** The languages exports are labelled in (numbering, headings, "proposed by"): the six official UN languages. */
export const exportLanguageSchema = z.enum(['en', 'fr', 'es', 'ru', 'zh', 'ar']);
export type ExportLanguage = z.infer<typeof exportLanguageSchema>;

export const exportQuerySchema = z.object({ format: exportFormatSchema, mode: exportModeSchema.default('agreed'), language: exportLanguageSchema.default('en') }).strict();
export type ExportQuery = z.infer<typeof exportQuerySchema>;

/**
 * The signature that travels with an exported file (`<file>.signature.json`): it binds the file's bytes to the
 * snapshot. Anyone with the server's public key checks it: the file's SHA-256 matches, and the signature over
 * canonicalJson(everything but `signature`) verifies. A live-draft export has no snapshot and is never signed.
 */
export const exportSignatureSchema = z
  .object({
    concordExportSignature: z.literal(1),
    snapshotId: snapshotIdSchema,
    snapshotSha256: z.string().regex(/^[0-9a-f]{64}$/),
    documentId: documentIdSchema,
    format: exportFormatSchema,
    mode: exportModeSchema,
    language: exportLanguageSchema,
    fileName: z.string().max(200),
    fileSha256: z.string().regex(/^[0-9a-f]{64}$/),
    keyId: z.string().regex(/^[0-9a-f]{16}$/),
    signature: z.string().min(1).max(200),
  })
  .strict();
export type ExportSignature = z.infer<typeof exportSignatureSchema>;

/** GET /api/snapshots/:id/compare: the snapshot (before) against another snapshot or the live text (after). */
export const compareQuerySchema = z
  .object({
    with: z.union([z.literal('live'), snapshotIdSchema]),
    format: z.enum(['json', 'html', 'docx']).default('json'),
    language: exportLanguageSchema.default('en'),
  })
  .strict();
export type CompareQuery = z.infer<typeof compareQuerySchema>;
