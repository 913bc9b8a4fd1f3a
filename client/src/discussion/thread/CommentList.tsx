import { useTranslation } from 'react-i18next';
import { groupColumns, nsaCommittee, type ThreadComment } from '@concord/shared';
import type { ThreadView } from '../../api/threads.ts';
import { useDiscussion } from '../DiscussionContext.ts';
import { commentsInOrder } from '../model/commentOrder.ts';
import { CommentItem } from './CommentItem.tsx';

function Comments({ thread, comments }: { thread: ThreadView; comments: readonly ThreadComment[] }) {
  const { t } = useTranslation('discussion');
  if (comments.length === 0) return <p className="comments__empty">{t('columns.empty')}</p>;
  return (
    <ol className="comments">
      {comments.map((comment) => (
        <CommentItem key={comment.id} thread={thread} comment={comment} />
      ))}
    </ol>
  );
}

/**
 * The two-column view: one column per group (NWS | NNWS) in the committee's order; the chair and the secretariat
 * across both (they preside, they are no group's voice); observers apart, never counted.
 */
function GroupColumnsView({ thread, comments }: { thread: ThreadView; comments: readonly ThreadComment[] }) {
  const { t } = useTranslation('discussion');
  const { strings } = useDiscussion();
  const columns = groupColumns(comments);
  const groupName = (id: string) => nsaCommittee.groups.find((group) => group.id === id)?.name[strings.language] ?? id;
  return (
    <div className="columns">
      {columns.presiding.length > 0 && (
        <section className="columns__across" aria-label={t('columns.presiding')}>
          <h4 className="columns__title">{t('columns.presiding')}</h4>
          <Comments thread={thread} comments={columns.presiding} />
        </section>
      )}
      <div className="columns__groups">
        {columns.columns.map((column) => (
          <section key={column.groupId} className={`columns__group columns__group--${column.groupId.toLowerCase()}`} aria-label={groupName(column.groupId)}>
            <h4 className="columns__title">
              <abbr title={groupName(column.groupId)}>{column.groupId}</abbr>
            </h4>
            <Comments thread={thread} comments={column.comments} />
          </section>
        ))}
      </div>
      {columns.observers.length > 0 && (
        <section className="columns__across columns__across--observers" aria-label={t('columns.observers')}>
          <h4 className="columns__title">{t('columns.observers')}</h4>
          <Comments thread={thread} comments={columns.observers} />
        </section>
      )}
      {columns.unaffiliated.length > 0 && (
        <section className="columns__across" aria-label={t('columns.unaffiliated')}>
          <h4 className="columns__title">{t('columns.unaffiliated')}</h4>
          <Comments thread={thread} comments={columns.unaffiliated} />
        </section>
      )}
    </div>
  );
}

/** A thread's comments, in order, or side by side by group. */
export function CommentList({ thread, byGroup }: { thread: ThreadView; byGroup: boolean }) {
  const comments = commentsInOrder(thread.comments);
  return byGroup ? <GroupColumnsView thread={thread} comments={comments} /> : <Comments thread={thread} comments={comments} />;
}
