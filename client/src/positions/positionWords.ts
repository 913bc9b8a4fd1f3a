import type { TFunction } from 'i18next';
import type { Language } from '../i18n/language.ts';
import type { PositionWords } from './positionWording.ts';

/** The summaries' words in `language`, from the `positions` namespace. */
export function positionWords(t: TFunction<'positions'>, language: Language): PositionWords {
  const sentenceList = new Intl.ListFormat(language, { style: 'long', type: 'conjunction' });
  return {
    delegation: (code, group) => (group === null ? code : t('delegationWithGroup', { code, group })),
    list: (items) => sentenceList.format(items),
    shortList: (items) => items.join(', '),
    stanceLine: (stance, list) => t(`line.${stance}`, { list }),
    stanceSentence: (stance, list) => t(`sentence.${stance}`, { list }),
    separator: t('separator'),
  };
}
