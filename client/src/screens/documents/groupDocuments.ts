import { documentKindSchema, type DocumentKind, type DocumentMeta } from '@concord/shared';

export interface KindGroup {
  kind: DocumentKind;
  documents: DocumentMeta[];
}

export interface SessionGroup {
  /** As the secretariat named it; '' for documents made before sessions existed. */
  session: string;
  kinds: KindGroup[];
}

/**
 * Documents by committee session, the latest session first (by its newest document), then by kind in the work
 * programme's order (phase 1, 2, 3, annual report, other), then by title.
 */
export function groupDocuments(documents: readonly DocumentMeta[], collator: Intl.Collator): SessionGroup[] {
  const bySession = new Map<string, DocumentMeta[]>();
  for (const document of documents) {
    const list = bySession.get(document.session) ?? [];
    list.push(document);
    bySession.set(document.session, list);
  }
  const newest = (list: readonly DocumentMeta[]) => list.reduce((latest, document) => (document.createdAt > latest ? document.createdAt : latest), '');
  return [...bySession.entries()]
    .sort(([sessionA, listA], [sessionB, listB]) => {
      // Documents without a session go last.
      if ((sessionA === '') !== (sessionB === '')) return sessionA === '' ? 1 : -1;
      return newest(listB).localeCompare(newest(listA)) || collator.compare(sessionA, sessionB);
    })
    .map(([session, list]) => ({
      session,
      kinds: documentKindSchema.options
        .map((kind) => ({ kind, documents: list.filter((document) => document.kind === kind).sort((a, b) => collator.compare(a.title, b.title)) }))
        .filter((group) => group.documents.length > 0),
    }));
}

/** The sessions already used, latest first: the suggestions of the new-document form. */
export function knownSessions(groups: readonly SessionGroup[]): string[] {
  return groups.map((group) => group.session).filter((session) => session !== '');
}
