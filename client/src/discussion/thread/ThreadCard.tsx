import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { floorKOf } from '@concord/shared';
import type { ThreadView } from '../../api/threads.ts';
import { Button } from '../../components/Button.tsx';
import { classNames } from '../../components/classNames.ts';
import { ActionError } from '../ActionError.tsx';
import { useDiscussion } from '../DiscussionContext.ts';
import { authorCode } from '../model/authorBadge.ts';
import { commentsInOrder } from '../model/commentOrder.ts';
import { useAction } from '../useAction.ts';
import { BalanceIndicator } from './BalanceIndicator.tsx';
import { ChairThreadControls } from './ChairThreadControls.tsx';
import { CommentList } from './CommentList.tsx';
import { ReplyBox } from './ReplyBox.tsx';
import { ThreadAnchor } from './ThreadAnchor.tsx';

/** Whether the alternating floor is in force: it governs replies, so a resolved thread has none to govern. */
const floorInForce = (thread: ThreadView) => thread.floor.enabled && thread.state === 'open';

/** Pinned, locked, resolved, alternating floor: said in words. */
function ThreadFlags({ thread }: { thread: ThreadView }) {
  const { t } = useTranslation('discussion');
  const flags = [
    thread.pinned && { key: 'pinned', text: t('thread.pinned') },
    thread.locked && { key: 'locked', text: t('thread.locked') },
    thread.state === 'resolved' && { key: 'resolved', text: t('thread.resolved') },
    floorInForce(thread) && { key: 'floor', text: t('thread.floor') },
  ].filter((flag) => flag !== false);
  if (flags.length === 0) return null;
  return (
    <p className="thread__flags">
      {flags.map((flag) => (
        <span key={flag.key} className={`thread-flag thread-flag--${flag.key}`}>
          {flag.text}
        </span>
      ))}
    </p>
  );
}

/** How the thread was resolved, and the chair's reason when it was without every group's input. */
function ResolutionNote({ thread }: { thread: ThreadView }) {
  const { t } = useTranslation('discussion');
  const { strings } = useDiscussion();
  if (thread.state !== 'resolved' || thread.resolution === null) return null;
  const date = new Intl.DateTimeFormat(strings.language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(thread.resolution.at));
  return (
    <p className="thread__note thread__note--resolved">
      {t('thread.resolvedOn', { date })}
      {thread.resolution.overrideReason !== null && (
        <>
          {' '}
          {t('thread.overridden')} <q>{thread.resolution.overrideReason}</q>
        </>
      )}
    </p>
  );
}

/** One thread in the panel: a summary line that opens it, and when open its comments, reply box and controls. */
export function ThreadCard({ thread, selected }: { thread: ThreadView; selected: boolean }) {
  const { t } = useTranslation('discussion');
  const { store, user, isChair, selectThread, revealInText } = useDiscussion();
  const [byGroup, setByGroup] = useState(false);
  const follow = useAction();
  const bodyId = `thread-body-${thread.id}`;
  const comments = commentsInOrder(thread.comments);
  const published = comments.filter((comment) => comment.state === 'published').length;
  const waiting = comments.filter((comment) => comment.state === 'queued' && (isChair || comment.author.userId === user.id)).length;
  const latest = comments.filter((comment) => comment.state === 'published').at(-1);

  return (
    <li className={classNames('thread', selected && 'thread--selected', thread.state === 'resolved' && 'thread--resolved')} data-testid="thread-item" data-thread-id={thread.id}>
      <div className="thread__head">
        <button type="button" className="thread__toggle" aria-expanded={selected} aria-controls={selected ? bodyId : undefined} onClick={() => selectThread(selected ? null : thread.id)}>
          <ThreadAnchor thread={thread} />
        </button>
        <ThreadFlags thread={thread} />
        <BalanceIndicator balance={thread.balance} full={selected} />
        {!selected && latest !== undefined && (
          <p className="thread__preview">
            <strong>{authorCode(latest.author) ?? t('badge.secretariat')}</strong> {latest.body}
          </p>
        )}
        <p className="thread__count">
          {t('thread.comments', { count: published })}
          {waiting > 0 && <span className="thread__waiting"> · {t('thread.waiting', { count: waiting })}</span>}
        </p>
      </div>
      {selected && (
        <div id={bodyId} className="thread__body">
          <ResolutionNote thread={thread} />
          {floorInForce(thread) && <p className="thread__note">{t('thread.floorNote', { count: floorKOf(thread) })}</p>}
          <div className="thread__tools">
            <Button variant="quiet" onClick={() => revealInText(thread)}>
              {t('thread.showInText')}
            </Button>
            <Button variant="quiet" aria-pressed={byGroup} onClick={() => setByGroup(!byGroup)} data-testid="columns-toggle">
              {t('thread.byGroup')}
            </Button>
            <Button
              variant="quiet"
              aria-pressed={thread.following}
              disabled={follow.pending}
              data-testid="follow-toggle"
              onClick={() => void follow.run(() => store.setFollowing(thread.id, !thread.following))}
            >
              {thread.following ? t('thread.following') : t('thread.follow')}
            </Button>
          </div>
          <ActionError error={follow.error} />
          <CommentList thread={thread} byGroup={byGroup} />
          <ReplyBox thread={thread} />
          {isChair && <ChairThreadControls thread={thread} />}
        </div>
      )}
    </li>
  );
}
