import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ThreadView } from '../api/threads.ts';
import { Button } from '../components/Button.tsx';
import { filterShowing, whyLeftFilter, type ThreadFilter } from './model/threadListing.ts';
import { ThreadCard } from './thread/ThreadCard.tsx';

export interface ThreadListProps {
  filter: ThreadFilter;
  /** The threads the filter lists, in order. */
  listed: readonly ThreadView[];
  /** The open thread when the filter no longer lists it (resolved just now, say), else null. */
  kept: ThreadView | null;
  selectedId: string | null;
  onFilter: (filter: ThreadFilter) => void;
}

/**
 * The threads of the current filter. The open thread stays on screen when it leaves the filter (so that a chair who
 * resolves it, or a delegate reading it, does not lose it), but apart, under a note saying why: the list and the
 * filter's counts always agree.
 */
export function ThreadList({ filter, listed, kept, selectedId, onFilter }: ThreadListProps) {
  const { t } = useTranslation('discussion');
  const noteId = useId();
  const keptFilter = kept === null ? filter : filterShowing(kept, filter);
  return (
    <>
      {listed.length === 0 ? (
        <p className="discussion__empty">{t(`panel.empty.${filter}`)}</p>
      ) : (
        <ul className="threads" aria-label={t(`filter.${filter}`)}>
          {listed.map((thread) => (
            <ThreadCard key={thread.id} thread={thread} selected={thread.id === selectedId} />
          ))}
        </ul>
      )}
      {kept !== null && (
        <section className="discussion__kept" aria-labelledby={noteId} data-testid="kept-thread">
          <p id={noteId} className="discussion__kept-note">
            {t(`panel.kept.${whyLeftFilter(kept, filter)}`, { filter: t(`filter.${filter}`) })}
          </p>
          {keptFilter !== filter && (
            <Button variant="quiet" onClick={() => onFilter(keptFilter)}>
              {t('panel.kept.show', { filter: t(`filter.${keptFilter}`) })}
            </Button>
          )}
          <ul className="threads">
            <ThreadCard thread={kept} selected />
          </ul>
        </section>
      )}
    </>
  );
}
