import { useTranslation } from 'react-i18next';
import type { Flag } from '@concord/shared';
import type { CompilationWords } from './usePositionWords.ts';

/** One "our views are not reflected" flag: who, when, why, and the chair's answer or that none came yet. */
export function FlagItem({ flag, words }: { flag: Flag; words: CompilationWords }) {
  const { t } = useTranslation('positions');
  return (
    <>
      <p className="compilation-flag__raised">{t('flags.raisedBy', { delegation: words.flagDelegation(flag), date: words.formatDate(flag.raisedAt) })}</p>
      {flag.explanation !== null && (
        <blockquote className="compilation-flag__explanation" dir="auto">
          {flag.explanation}
        </blockquote>
      )}
      {flag.answer === null ? (
        <p className="compilation-flag__waiting">{t('flags.noAnswer')}</p>
      ) : (
        <p className="compilation-flag__answer" dir="auto">
          {t('flags.answer', { date: words.formatDate(flag.answer.at), answer: flag.answer.text })}
        </p>
      )}
    </>
  );
}
