import { voiceOf, type CommentAuthor } from '@concord/shared';

/** The badge beside an author's name: their group (NWS, NNWS), or why they are not a group's voice. */
export type AuthorBadge = { kind: 'group'; groupId: string } | { kind: 'chair' } | { kind: 'secretariat' } | { kind: 'observer' } | { kind: 'unaffiliated' };

export function authorBadge(author: CommentAuthor): AuthorBadge {
  const voice = voiceOf(author);
  switch (voice.kind) {
    case 'group':
      return { kind: 'group', groupId: voice.groupId };
    case 'presiding':
      return author.role === 'chair' ? { kind: 'chair' } : { kind: 'secretariat' };
    case 'observer':
      return { kind: 'observer' };
    case 'unaffiliated':
      return { kind: 'unaffiliated' };
  }
}

/** The code shown before an author's name ("FRA", "IAEA"); none for the secretariat, whose badge says it. */
export function authorCode(author: CommentAuthor): string | null {
  return author.role === 'secretariat' || author.affiliation === 'secretariat' ? null : author.affiliation;
}
