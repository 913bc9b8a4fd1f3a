import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ThreadView } from '../../api/threads.ts';
import { useDiscussion, type DiscussionEnvironment } from '../DiscussionContext.ts';
import { anchorPresence } from '../editor/anchorPresence.ts';
import './thread.css';

/**
 * How the panel names a paragraph: its number as the gutter shows it ("PP 2", "1."), else its first words, else
 * (empty) the heading it is under; null when it is not in the text.
 */
export function paragraphName({ outline, strings, t }: Pick<DiscussionEnvironment, 'outline' | 'strings'> & { t: TFunction<'discussion'> }, blockId: string): string | null {
  const block = outline.blocks.get(blockId);
  if (block === undefined) return null;
  const label = strings.blockLabel(block);
  if (label !== '') return label;
  if (block.excerpt !== '') return t('anchor.quoted', { text: block.excerpt });
  return block.heading === '' ? t('anchor.emptyParagraph') : t('anchor.emptyUnder', { heading: block.heading });
}

/**
 * Where a thread hangs: the quoted text, the whole paragraph, or, when the marked text was deleted, the paragraph
 * it stays attached to. Nothing is said to be missing before it can be known (see anchorPresence).
 */
export function ThreadAnchor({ thread }: { thread: ThreadView }) {
  const { t } = useTranslation('discussion');
  const environment = useDiscussion();
  const anchor = thread.anchor;
  const name = paragraphName({ ...environment, t }, anchor.blockId);
  const block = environment.outline.blocks.get(anchor.blockId);
  const numbered = block !== undefined && block.number !== '';
  const presence = anchorPresence(thread, environment);
  const paragraphGone = presence === 'paragraph-gone';
  const detached = anchor.kind === 'range' && (presence === 'detached' || paragraphGone);
  return (
    <span className="anchor">
      {numbered ? (
        <span className="anchor__paragraph">{name}</span>
      ) : (
        // An unnumbered paragraph is named by its first words, quietly: the quote below is what matters.
        <span className={paragraphGone ? 'anchor__in anchor__in--gone' : 'anchor__in'}>
          {paragraphGone ? t('anchor.paragraphGone') : t('anchor.inParagraph', { paragraph: name ?? t('anchor.paragraphLoading') })}
        </span>
      )}
      {anchor.kind === 'paragraph' && <span className="anchor__whole">{t('anchor.wholeParagraph')}</span>}
      {anchor.kind === 'range' && !detached && <q className="anchor__quote">{anchor.quote}</q>}
      {detached && (
        <span className="anchor__detached">
          {paragraphGone ? t('anchor.detachedGone') : t('anchor.detached', { paragraph: name })}{' '}
          <q className="anchor__quote anchor__quote--deleted">{anchor.quote}</q>
        </span>
      )}
    </span>
  );
}
