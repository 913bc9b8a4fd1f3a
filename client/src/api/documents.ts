import { z } from 'zod';
import { documentMetaSchema, type CreateDocument, type DocumentMeta } from '@concord/shared';
import { api } from './http.ts';
import { readBody } from './readBody.ts';

const documentListSchema = z.object({ documents: z.array(documentMetaSchema) });

export async function listDocuments(): Promise<DocumentMeta[]> {
  return (await readBody(await api.api.documents.$get(), documentListSchema)).documents;
}

/** Creates a document; the server gives it the outline of its kind. */
export async function createDocument(input: CreateDocument): Promise<DocumentMeta> {
  return readBody(await api.api.documents.$post({ json: input }), documentMetaSchema);
}

export async function getDocument(documentId: string): Promise<DocumentMeta> {
  return readBody(await api.api.documents[':documentId'].$get({ param: { documentId } }), documentMetaSchema);
}
