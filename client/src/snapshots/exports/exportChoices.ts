import { exportFormatSchema, exportLanguageSchema, exportModeSchema, type ExportLanguage } from '@concord/shared';

/** The formats in the order a diplomat looks for them: Word first, the data formats last. */
export const exportFormats = exportFormatSchema.options;
export const exportModes = exportModeSchema.options;
export const exportLanguages = exportLanguageSchema.options;

/** Each UN language in its own name and script, as delegations expect to find it in a list. */
export const languageAutonyms: Readonly<Record<ExportLanguage, string>> = {
  en: 'English',
  fr: 'Français',
  es: 'Español',
  ru: 'Русский',
  zh: '中文',
  ar: 'العربية',
};
