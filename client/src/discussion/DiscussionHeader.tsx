import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../components/Button.tsx';
import { classNames } from '../components/classNames.ts';
import type { CommentTarget } from './editor/commentTarget.ts';
import { threadFilters, type DiscussionSummary, type ThreadFilter } from './model/threadListing.ts';

export interface DiscussionHeaderProps {
  summary: DiscussionSummary;
  filter: ThreadFilter;
  onFilter: (filter: ThreadFilter) => void;
  /** Null when the user cannot comment. */
  target: CommentTarget | null;
  targetName: string | null;
  onComment: () => void;
  /** Chairs only: how many comments wait, and whether the queue is shown. */
  queue: { count: number; shown: boolean; onShow: (shown: boolean) => void } | null;
  /** A thread is open: the "Comment" hint is left to screen readers, to leave the room to the thread. */
  compact: boolean;
}

/** The panel's title, the document's summary line, the "Comment" action, the chair's queue switch and the filter. */
export function DiscussionHeader({ summary, filter, onFilter, target, targetName, onComment, queue, compact }: DiscussionHeaderProps) {
  const { t } = useTranslation('discussion');
  const id = useId();
  const commentLabel = target === null || target.kind === 'none' ? t('compose.button') : target.kind === 'range' ? t('compose.buttonSelection') : t('compose.buttonParagraph');
  return (
    <div className="discussion__head">
      <div className="discussion__title-row">
        <h2 id="discussion-title" className="discussion__title">
          {t('panel.title')}
        </h2>
        {queue !== null && (
          <div className="discussion__views" role="group" aria-label={t('panel.views')}>
            <Button variant="quiet" aria-pressed={!queue.shown} onClick={() => queue.onShow(false)}>
              {t('panel.threads')}
            </Button>
            <Button variant="quiet" aria-pressed={queue.shown} onClick={() => queue.onShow(true)} data-testid="queue-toggle" className={classNames(queue.count > 0 && 'discussion__queue--waiting')}>
              {t('panel.queue', { count: queue.count })}
            </Button>
          </div>
        )}
      </div>
      <p className="discussion__summary" role="status" data-testid="discussion-summary">
        {t('summary.open', { count: summary.open })} · {t('summary.lacking', { count: summary.lacking })}
      </p>
      {target !== null && (
        <div className="discussion__compose">
          <Button variant="primary" onClick={onComment} disabled={target.kind === 'none'} aria-describedby={`${id}-hint`} aria-keyshortcuts="Control+Alt+M" data-testid="comment-button">
            {commentLabel}
          </Button>
          <p id={`${id}-hint`} className={compact ? 'visually-hidden' : 'discussion__hint'}>
            {target.kind === 'none' ? t('compose.hintNone') : target.kind === 'range' ? t('compose.hintSelection') : t('compose.hintParagraph', { paragraph: targetName ?? '' })}
          </p>
        </div>
      )}
      {(queue === null || !queue.shown) && (
        <fieldset className="discussion__filter">
          <legend className="visually-hidden">{t('filter.legend')}</legend>
          {threadFilters.map((option) => (
            <label key={option} className={classNames('segment', option === filter && 'segment--on')}>
              <input type="radio" name={`${id}-filter`} value={option} checked={option === filter} onChange={() => onFilter(option)} />
              {t(`filter.${option}`)} <span className="segment__count">{summary[option]}</span>
            </label>
          ))}
        </fieldset>
      )}
    </div>
  );
}
