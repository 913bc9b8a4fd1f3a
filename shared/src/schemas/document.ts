import { z } from 'zod';

export const documentIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'a document id is 1-64 letters, digits, _ or -');

export const documentMetaSchema = z.object({
  id: documentIdSchema,
  title: z.string().min(1).max(200),
  createdAt: z.iso.datetime(),
});
export type DocumentMeta = z.infer<typeof documentMetaSchema>;

export const createDocumentSchema = z.object({
  title: z.string().trim().min(1, 'a title is required').max(200, 'a title is at most 200 characters'),
});
export type CreateDocument = z.infer<typeof createDocumentSchema>;
