import type { ExportLanguage, SnapshotBlock } from '@concord/shared';
import { exportLabels } from '../exportLabels.ts';

/** The language Word checks spelling in and hyphenates by (UN English is British English). */
export const wordLanguage: Record<ExportLanguage, string> = { en: 'en-GB', fr: 'fr-FR', es: 'es-ES', ru: 'ru-RU', zh: 'zh-CN', ar: 'ar-SA' };

/** A block's label as the compilation shows it: "PP 1", "1.", "1. Alt 1", or "" for plain text, headings and lists. */
export function compilationLabel(block: Pick<SnapshotBlock, 'label'>, language: ExportLanguage): string {
  const { number, alternative } = block.label;
  return alternative > 0 ? `${number} ${exportLabels[language].alternative(alternative)}`.trim() : number;
}
