import { useTranslation } from 'react-i18next';
import type { ThreadComment } from '@concord/shared';
import type { ThreadView } from '../api/threads.ts';
import { authorCode } from './model/authorBadge.ts';
import { queueContext } from './model/queueContext.ts';
import { queuedComments } from './model/threadListing.ts';
import { CommentItem } from './thread/CommentItem.tsx';
import { ThreadAnchor } from './thread/ThreadAnchor.tsx';
import './thread/controls.css';

const excerptLength = 140;
const excerptOf = (text: string) => (text.length <= excerptLength ? text : `${text.slice(0, excerptLength - 1).trimEnd()}…`);

/** Beside a held comment: which comment it follows, and why the alternating floor held it. */
function QueueReason({ thread, comment }: { thread: ThreadView; comment: ThreadComment }) {
  const { t } = useTranslation('discussion');
  const { follows, decision, groupId } = queueContext(thread, comment);
  const why =
    decision.state === 'published' || groupId === null
      ? t('queue.whyFloor')
      : decision.code === 'run-exceeds-k'
        ? t('queue.whyRun', { group: groupId, count: decision.run, k: decision.k })
        : t('queue.whyEarlier', { group: groupId, k: decision.k });
  return (
    <div className="chair-queue__context">
      {follows !== null && (
        <p className="chair-queue__follows">
          {t('queue.follows', { author: authorCode(follows.author) ?? t('badge.secretariat') })} <q>{excerptOf(follows.body)}</q>
        </p>
      )}
      <p className="chair-queue__why">{why}</p>
    </div>
  );
}

/**
 * The chair's queue: every comment the alternating floor holds, across threads, oldest first, to release or reject;
 * each with its thread (where it hangs), the comment it follows, and why it was held.
 */
export function ChairQueue({ threads, onOpenThread }: { threads: readonly ThreadView[]; onOpenThread: (threadId: string) => void }) {
  const { t } = useTranslation('discussion');
  const entries = queuedComments(threads);
  return (
    <section className="chair-queue" data-testid="chair-queue" aria-labelledby="chair-queue-title">
      <h3 id="chair-queue-title" className="chair-queue__title">
        {t('queue.title')}
      </h3>
      <p className="chair-queue__hint">{t('queue.hint')}</p>
      {entries.length === 0 ? (
        <p className="chair-queue__empty">{t('queue.empty')}</p>
      ) : (
        <ol className="chair-queue__list">
          {entries.map(({ thread, comment }) => (
            <li key={comment.id} className="chair-queue__entry" data-testid="queued-comment">
              <button type="button" className="chair-queue__thread" onClick={() => onOpenThread(thread.id)}>
                <span className="chair-queue__open">{t('queue.openThread')}</span>
                <ThreadAnchor thread={thread} />
              </button>
              <QueueReason thread={thread} comment={comment} />
              <ol className="comments">
                <CommentItem thread={thread} comment={comment} />
              </ol>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
