import type { ExportLanguage, SnapshotBlock, Stance } from '@concord/shared';
import { exportLabels } from '../exportLabels.ts';

/** "Written by", which exportLabels does not carry (yet): the DOCX compilation line names who wrote a paragraph. */
const writtenBy: Record<ExportLanguage, string> = {
  en: 'Written by',
  fr: 'Rédigé par',
  es: 'Redactado por',
  ru: 'Авторы',
  zh: '起草方',
  ar: 'صاغه',
};

/** The language Word checks spelling in and hyphenates by (UN English is British English). */
export const wordLanguage: Record<ExportLanguage, string> = { en: 'en-GB', fr: 'fr-FR', es: 'es-ES', ru: 'ru-RU', zh: 'zh-CN', ar: 'ar-SA' };

const stances: readonly Stance[] = ['proposes', 'supports', 'opposes', 'reservation'];

/** A block's label as the compilation shows it: "PP 1", "1.", "1. Alt 1", or "" for plain text, headings and lists. */
export function compilationLabel(block: Pick<SnapshotBlock, 'label'>, language: ExportLanguage): string {
  const { number, alternative } = block.label;
  return alternative > 0 ? `${number} ${exportLabels[language].alternative(alternative)}`.trim() : number;
}

/** "Proposed by KWT; supported by EGY, IRL; opposed by FRA; reservations: USA" (only the stances someone took), or "". */
export function positionsLine(block: Pick<SnapshotBlock, 'positions'>, language: ExportLanguage): string {
  const words = exportLabels[language].stance;
  const locale = wordLanguage[language];
  return stances
    .filter((stance) => block.positions[stance].length > 0)
    .map((stance, index) => {
      const word = index === 0 ? words[stance] : words[stance].charAt(0).toLocaleLowerCase(locale) + words[stance].slice(1);
      // "Reservations" is a noun, the others are participles: "reservations: USA" but "supported by EGY".
      return `${word}${stance === 'reservation' ? ':' : ''} ${block.positions[stance].join(', ')}`;
    })
    .join('; ');
}

/** "Written by: EGY, FRA": the originator first, then every other contributor; "" when the ledger names nobody. */
export function attributionLine(block: Pick<SnapshotBlock, 'attribution'>, language: ExportLanguage): string {
  const { originator, contributors } = block.attribution;
  const writers = [...(originator === null ? [] : [originator]), ...contributors.filter((code) => code !== originator)];
  return writers.length === 0 ? '' : `${writtenBy[language]}: ${writers.join(', ')}`;
}
