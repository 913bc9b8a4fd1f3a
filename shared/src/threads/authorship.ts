import type { User } from '../accounts/accounts.ts';
import { groupOf, nsaCommittee, type Committee } from '../committee/committee.ts';
import type { GroupId } from '../committee/groups.ts';
import { affiliationCode } from '../presence/presence.ts';
import type { CommentAuthor } from './schemas.ts';

/** The session user the server knows; the only source of authorship (a client never names an author). */
export type SessionUser = Pick<User, 'id' | 'name' | 'role' | 'affiliation' | 'disabled'>;

/** The author record of a comment written now by `user`, from the session alone. */
export function authorOf(user: SessionUser, committee: Committee = nsaCommittee): CommentAuthor {
  const affiliation = affiliationCode(user.affiliation);
  const group = user.affiliation.kind === 'delegation' ? (groupOf(affiliation, committee)?.id ?? null) : null;
  return { userId: user.id, name: user.name, role: user.role, affiliation, group };
}

/**
 * Whose voice a comment is in the balance. Only delegates speak for a group. A chair belongs to a delegation but
 * presides for the whole committee, and the secretariat serves it: their comments are "presiding", not a group's
 * voice, so a chair cannot make a one-sided thread look balanced. Observers are apart and never counted.
 */
export type Voice =
  | { kind: 'group'; groupId: GroupId; delegationCode: string }
  | { kind: 'presiding' }
  | { kind: 'observer' }
  /** A delegate whose delegation the committee does not know (left out rather than guessed). */
  | { kind: 'unaffiliated' };

export function voiceOf(author: CommentAuthor): Voice {
  if (author.role === 'observer') return { kind: 'observer' };
  if (author.role === 'chair' || author.role === 'secretariat') return { kind: 'presiding' };
  if (author.group === null) return { kind: 'unaffiliated' };
  return { kind: 'group', groupId: author.group, delegationCode: author.affiliation };
}
