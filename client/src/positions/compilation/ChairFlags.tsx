import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Flag } from '@concord/shared';
import { unansweredFirst } from '../positionWording.ts';
import { FlagAnswerForm } from './FlagAnswerForm.tsx';
import { FlagItem } from './FlagItem.tsx';
import type { CompilationWords } from './usePositionWords.ts';

export interface ChairFlagsProps {
  flags: readonly Flag[];
  /** "PP 2" (or the opening words of an unnumbered paragraph) for a block id, or null when it is no longer in the text. */
  labelOf: (blockId: string) => string | null;
  /** Whether the paragraph is in the text (then the flag links to it below). */
  inText: (blockId: string) => boolean;
  onAnswered: (flag: Flag) => void;
  words: CompilationWords;
}

/** For chairs: every flag of the document, the unanswered ones first with a form to answer each. */
export function ChairFlags({ flags, labelOf, inText, onAnswered, words }: ChairFlagsProps) {
  const { t } = useTranslation('positions');
  const titleId = useId();
  const ordered = unansweredFirst(flags);
  const waiting = flags.filter((flag) => flag.answer === null).length;
  return (
    <section className="compilation-chair" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('compilation.flagsTitle')}</h2>
      <p className={waiting > 0 ? 'compilation-chair__count is-waiting' : 'compilation-chair__count'} role="status">
        {flags.length === 0 ? t('compilation.flagsNone') : waiting === 0 ? t('compilation.flagsAllAnswered') : t('compilation.flagsWaiting', { count: waiting })}
      </p>
      {ordered.length > 0 && (
        <ul className="compilation-chair__list">
          {ordered.map((flag) => {
            const where = t('compilation.onParagraph', { paragraph: labelOf(flag.blockId) ?? t('compilation.deleted') });
            return (
              <li key={flag.id} className={flag.answer === null ? 'compilation-flag is-waiting' : 'compilation-flag'}>
                <p className="compilation-flag__where">{inText(flag.blockId) ? <a href={`#paragraph-${flag.blockId}`}>{where}</a> : where}</p>
                <FlagItem flag={flag} words={words} />
                {flag.answer === null && <FlagAnswerForm flag={flag} onAnswered={onAnswered} />}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
