import { documentIdSchema } from '@concord/shared';

/** The screens of the client, as the address bar names them. */
export type Route =
  | { name: 'documents' }
  | { name: 'document'; documentId: string }
  | { name: 'admin' }
  | { name: 'invitation' }
  | { name: 'notFound' };

export const paths = {
  documents: '/',
  document: (documentId: string) => `/documents/${encodeURIComponent(documentId)}`,
  admin: '/admin',
  invitation: '/invitation',
} as const;

/** Which screen a path shows. A trailing slash is ignored; a malformed document id is a page that does not exist. */
export function matchRoute(pathname: string): Route {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  if (path === '/' || path === '') return { name: 'documents' };
  if (path === paths.admin) return { name: 'admin' };
  if (path === paths.invitation) return { name: 'invitation' };
  const document = /^\/documents\/([^/]+)$/.exec(path);
  if (document?.[1] !== undefined) {
    let documentId: string;
    try {
      documentId = decodeURIComponent(document[1]);
    } catch {
      return { name: 'notFound' };
    }
    return documentIdSchema.safeParse(documentId).success ? { name: 'document', documentId } : { name: 'notFound' };
  }
  return { name: 'notFound' };
}
