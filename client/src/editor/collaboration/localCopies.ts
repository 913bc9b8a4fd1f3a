import { clearDocument } from 'y-indexeddb';

/** The IndexedDB name of one user's local copy of one document (per user: a shared computer must not mix them). */
export function localCopyName(userId: string, documentId: string): string {
  return `concord:${userId}:${documentId}`;
}

/**
 * Deletes every local copy a user's documents left in this browser, e.g. on an explicit sign-out from a shared
 * computer. Edits not yet sent are lost with them: call it only when the user chose to leave.
 */
export async function clearLocalCopies(userId: string): Promise<void> {
  const prefix = localCopyName(userId, '');
  const databases = await indexedDB.databases();
  await Promise.all(databases.flatMap((database) => (database.name?.startsWith(prefix) === true ? [clearDocument(database.name)] : [])));
}
