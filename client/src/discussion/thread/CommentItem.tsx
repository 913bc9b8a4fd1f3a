import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ThreadComment } from '@concord/shared';
import type { ThreadView } from '../../api/threads.ts';
import { Button } from '../../components/Button.tsx';
import { classNames } from '../../components/classNames.ts';
import { ActionError } from '../ActionError.tsx';
import { useDiscussion } from '../DiscussionContext.ts';
import { ReasonForm } from '../ReasonForm.tsx';
import { useAction } from '../useAction.ts';
import { AuthorLine } from './AuthorLine.tsx';
import { CommentBody } from './CommentBody.tsx';
import './comments.css';

/** What a comment that is not on the floor says about itself, to those who may see it. */
function StateNote({ comment, own }: { comment: ThreadComment; own: boolean }) {
  const { t } = useTranslation('discussion');
  if (comment.state === 'published') return null;
  if (comment.state === 'queued') return <p className="comment__state">{own ? t('comment.queuedOwn') : t('comment.queued')}</p>;
  return (
    <p className="comment__state">
      <strong>{comment.state === 'rejected' ? t('comment.rejected') : t('comment.hidden')}</strong>
      {comment.moderation !== null && (
        <>
          {' '}
          {t('comment.reason')} <q className="comment__reason">{comment.moderation.reason}</q>
        </>
      )}
    </p>
  );
}

/** A chair's actions on one comment: release or reject a queued one, hide a published one (with a reason). */
function ChairCommentActions({ thread, comment }: { thread: ThreadView; comment: ThreadComment }) {
  const { t } = useTranslation('discussion');
  const { store } = useDiscussion();
  const [asking, setAsking] = useState(false);
  const release = useAction();
  if (comment.state !== 'queued' && comment.state !== 'published') return null;
  const reject = comment.state === 'queued';
  if (asking) {
    return (
      <ReasonForm
        label={reject ? t('moderation.rejectReason') : t('moderation.hideReason')}
        hint={reject ? t('moderation.rejectHint') : t('moderation.hideHint')}
        submitLabel={reject ? t('moderation.reject') : t('moderation.hide')}
        onCancel={() => setAsking(false)}
        onSubmit={(reason) => store.moderate({ action: reject ? 'reject' : 'hide', threadId: thread.id, commentId: comment.id, reason })}
      />
    );
  }
  return (
    <div className="comment__actions">
      {reject && (
        <Button
          variant="secondary"
          data-testid="release-button"
          disabled={release.pending}
          onClick={() => void release.run(() => store.moderate({ action: 'release', threadId: thread.id, commentId: comment.id }))}
        >
          {t('moderation.release')}
        </Button>
      )}
      <Button variant="quiet" onClick={() => setAsking(true)}>
        {reject ? t('moderation.rejectOpen') : t('moderation.hideOpen')}
      </Button>
      <ActionError error={release.error} />
    </div>
  );
}

/** One comment: who said it (delegation, name, group), when, what, and its state when it is not on the floor. */
export function CommentItem({ thread, comment }: { thread: ThreadView; comment: ThreadComment }) {
  const { user, isChair } = useDiscussion();
  const own = comment.author.userId === user.id;
  return (
    <li className={classNames('comment', `comment--${comment.state}`, own && 'comment--own')} data-testid="comment" data-state={comment.state}>
      <AuthorLine author={comment.author} time={comment.publishedAt ?? comment.createdAt} />
      <StateNote comment={comment} own={own} />
      <CommentBody body={comment.body} />
      {isChair && <ChairCommentActions thread={thread} comment={comment} />}
    </li>
  );
}
