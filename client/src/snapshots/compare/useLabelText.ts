import { useTranslation } from 'react-i18next';
import type { Label } from './redlineLayout.ts';

/** A paragraph's label in words: "PP 2", "3.", "3. Alt 1", "Alt 1" for an alternative without a number. */
export function useLabelText(): (label: Label) => string {
  const { t } = useTranslation('snapshots');
  return (label) => {
    if (label.alternative === 0) return label.number;
    return label.number === '' ? t('label.alternativeUnnumbered', { rank: label.alternative }) : t('label.alternative', { number: label.number, rank: label.alternative });
  };
}
