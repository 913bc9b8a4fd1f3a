import { useTranslation } from 'react-i18next';
import { nsaCommittee, type CommentAuthor } from '@concord/shared';
import { useDiscussion } from '../DiscussionContext.ts';
import { authorBadge, authorCode } from '../model/authorBadge.ts';

/** The badge saying in whose voice an author speaks: NWS, NNWS, Observer, Chair or Secretariat. */
export function AuthorBadge({ author }: { author: CommentAuthor }) {
  const { t } = useTranslation('discussion');
  const { strings } = useDiscussion();
  const badge = authorBadge(author);
  if (badge.kind === 'group') {
    const name = nsaCommittee.groups.find((group) => group.id === badge.groupId)?.name[strings.language] ?? badge.groupId;
    return (
      <abbr className={`author-badge author-badge--${badge.groupId.toLowerCase()}`} title={name}>
        {badge.groupId}
      </abbr>
    );
  }
  return <span className={`author-badge author-badge--${badge.kind}`}>{t(`badge.${badge.kind}`)}</span>;
}

/** Delegation (or organisation) code, the person's name and their badge, e.g. "FRA Jeanne Martin [NWS]". */
export function AuthorLine({ author, time }: { author: CommentAuthor; time: string }) {
  const { strings } = useDiscussion();
  const code = authorCode(author);
  const formatted = new Intl.DateTimeFormat(strings.language, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }).format(new Date(time));
  return (
    <p className="comment__author">
      {code !== null && (
        <abbr className="comment__code" title={strings.delegationName(code)}>
          {code}
        </abbr>
      )}
      <span className="comment__name">{author.name}</span>
      <AuthorBadge author={author} />
      <time className="comment__time" dateTime={time}>
        {formatted}
      </time>
    </p>
  );
}
