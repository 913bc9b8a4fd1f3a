import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import notificationsEn from '../notifications/i18n/en.json';
import notificationsFr from '../notifications/i18n/fr.json';
import en from './en.json';
import fr from './fr.json';
import { asLanguage, initialLanguage, storeLanguage, supportedLanguages } from './language.ts';

/**
 * One namespace per part of the client, each with one file per language beside its code: `common` (this shell),
 * `editor`, `discussion` (threads), `positions` (positions, flags, compilation), `notifications`, `snapshots`
 * (snapshots, exports, comparison, file check) and `reports` (the progress report). Only `common` and
 * `notifications` (the header's bell) are loaded at start; each screen adds the others it needs when its code loads
 * (addNamespaces), so they stay out of the first download.
 */
export const initialResources = {
  en: { common: en, notifications: notificationsEn },
  fr: { common: fr, notifications: notificationsFr },
} as const;

/** Marks the page with the language and its direction, so screen readers pronounce it and logical CSS follows it. */
function applyToDocument(language: string): void {
  document.documentElement.lang = language;
  document.documentElement.dir = i18next.dir(language);
}

/** Starts i18next in the remembered (or browser) language and keeps <html lang dir> and the stored choice in step with it. */
export async function setUpI18n(): Promise<void> {
  await i18next.use(initReactI18next).init({
    resources: initialResources,
    lng: initialLanguage(),
    fallbackLng: 'en',
    supportedLngs: [...supportedLanguages],
    ns: ['common', 'editor', 'discussion', 'positions', 'notifications', 'snapshots', 'reports'],
    defaultNS: 'common',
    // React escapes what it renders.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  applyToDocument(i18next.language);
  i18next.on('languageChanged', (language) => {
    applyToDocument(language);
    storeLanguage(asLanguage(language));
  });
}
