import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { groupOf, type Flag } from '@concord/shared';
import { asLanguage, type Language } from '../../i18n/language.ts';
import { positionWords } from '../positionWords.ts';
import type { PositionWords } from '../positionWording.ts';

export interface CompilationWords {
  language: Language;
  words: PositionWords;
  formatDate: (iso: string) => string;
  /** "EGY (NNWS)" */
  flagDelegation: (flag: Flag) => string;
}

/** The words of the compilation in the interface language. */
export function useCompilationWords(): CompilationWords {
  const { t, i18n } = useTranslation('positions');
  const language = asLanguage(i18n.language);
  return useMemo(() => {
    const words = positionWords(t, language);
    const dateFormat = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });
    return {
      language,
      words,
      formatDate: (iso) => dateFormat.format(new Date(iso)),
      flagDelegation: (flag) => words.delegation(flag.delegationCode, groupOf(flag.delegationCode)?.id ?? null),
    };
  }, [t, language]);
}
