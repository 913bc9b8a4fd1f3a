import { useTranslation } from 'react-i18next';
import type { ThreadView } from '../api/threads.ts';
import { queuedComments } from './model/threadListing.ts';
import { CommentItem } from './thread/CommentItem.tsx';
import { ThreadAnchor } from './thread/ThreadAnchor.tsx';
import './thread/controls.css';

/** The chair's queue: every comment the alternating floor holds, across threads, oldest first, to release or reject. */
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
                <span className="visually-hidden">{t('queue.openThread')} </span>
                <ThreadAnchor thread={thread} />
              </button>
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
