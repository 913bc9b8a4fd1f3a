import { useTranslation } from 'react-i18next';
import type { Flag, PositionSummary } from '@concord/shared';
import { positionSentences } from '../positionWording.ts';
import { FlagItem } from './FlagItem.tsx';
import type { CompilationWords } from './usePositionWords.ts';

/** The positions on one paragraph as sentences ("Supported by EGY (NNWS) and MEX (NNWS)") with the explanations, then its flags. */
export function BlockPositions({ summary, flags, words }: { summary: PositionSummary | undefined; flags: readonly Flag[]; words: CompilationWords }) {
  const { t } = useTranslation('positions');
  const sentences = positionSentences(summary, words.words);
  return (
    <div className="compilation-positions">
      {sentences.length === 0 ? (
        <p className="compilation-positions__none">{t('compilation.noPositions')}</p>
      ) : (
        <ul className="compilation-positions__list">
          {sentences.map((sentence) => {
            const explained = sentence.entries.filter((entry) => entry.explanation !== null);
            return (
              <li key={sentence.stance} className={`compilation-positions__stance compilation-positions__stance--${sentence.stance}`}>
                <span className="compilation-positions__sentence">{sentence.text}</span>
                {explained.length > 0 && (
                  <ul className="compilation-positions__explanations">
                    {explained.map((entry) => (
                      <li key={entry.delegationCode} dir="auto">
                        {t('compilation.explanation', { delegation: entry.delegationCode, explanation: entry.explanation ?? '' })}
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {flags.length > 0 && (
        <ul className="compilation-flags">
          {flags.map((flag) => (
            <li key={flag.id} className={flag.answer === null ? 'compilation-flag is-waiting' : 'compilation-flag'}>
              <FlagItem flag={flag} words={words} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
