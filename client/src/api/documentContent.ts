import { snapshotContentSchema, type SnapshotContent } from '@concord/shared';
import { api } from './http.ts';
import { readBody } from './readBody.ts';

/** The stored text of a document as data (blocks, labels, statuses, runs, attribution, positions), read only. */
export async function getDocumentContent(documentId: string): Promise<SnapshotContent> {
  return readBody(await api.api.documents[':documentId'].content.$get({ param: { documentId } }), snapshotContentSchema);
}
