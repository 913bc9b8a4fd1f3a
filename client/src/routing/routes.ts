import { documentIdSchema } from '@concord/shared';

/** The screens of the client, as the address bar names them. */
export type Route =
  | { name: 'documents' }
  | { name: 'document'; documentId: string }
  | { name: 'compilation'; documentId: string }
  | { name: 'snapshots'; documentId: string }
  | { name: 'reports' }
  | { name: 'verify' }
  | { name: 'admin' }
  | { name: 'invitation' }
  | { name: 'notFound' };

export const paths = {
  documents: '/',
  document: (documentId: string) => `/documents/${encodeURIComponent(documentId)}`,
  /** The positions and flags of a document, paragraph by paragraph. */
  compilation: (documentId: string) => `/documents/${encodeURIComponent(documentId)}/compilation`,
  /** A document's snapshots, its exports, the comparison of two versions, and the check of a signed file. */
  snapshots: (documentId: string) => `/documents/${encodeURIComponent(documentId)}/snapshots`,
  /** The committee's progress report over a period. */
  reports: '/reports',
  /** Checking an exported file against its signature file (no document, no session needed). */
  verify: '/verify',
  /** The drafting room opened on one thread (the discussion panel reads `thread`). */
  thread: (documentId: string, threadId: string) => `/documents/${encodeURIComponent(documentId)}?thread=${encodeURIComponent(threadId)}`,
  admin: '/admin',
  invitation: '/invitation',
} as const;

/** Which screen a path shows. A trailing slash is ignored; a malformed document id is a page that does not exist. */
export function matchRoute(pathname: string): Route {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  if (path === '/' || path === '') return { name: 'documents' };
  if (path === paths.admin) return { name: 'admin' };
  if (path === paths.invitation) return { name: 'invitation' };
  if (path === paths.reports) return { name: 'reports' };
  if (path === paths.verify) return { name: 'verify' };
  const document = /^\/documents\/([^/]+)(?:\/(compilation|snapshots))?$/.exec(path);
  if (document?.[1] !== undefined) {
    let documentId: string;
    try {
      documentId = decodeURIComponent(document[1]);
    } catch {
      return { name: 'notFound' };
    }
    if (!documentIdSchema.safeParse(documentId).success) return { name: 'notFound' };
    const view = document[2];
    return view === undefined ? { name: 'document', documentId } : { name: view === 'compilation' ? 'compilation' : 'snapshots', documentId };
  }
  return { name: 'notFound' };
}
