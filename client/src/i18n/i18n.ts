import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import editorEn from '../editor/i18n/en.json';
import editorFr from '../editor/i18n/fr.json';
import discussionEn from '../discussion/i18n/en.json';
import discussionFr from '../discussion/i18n/fr.json';
import notificationsEn from '../notifications/i18n/en.json';
import notificationsFr from '../notifications/i18n/fr.json';
import positionsEn from '../positions/i18n/en.json';
import positionsFr from '../positions/i18n/fr.json';
import reportsEn from '../reports/i18n/en.json';
import reportsFr from '../reports/i18n/fr.json';
import snapshotsEn from '../snapshots/i18n/en.json';
import snapshotsFr from '../snapshots/i18n/fr.json';
import en from './en.json';
import fr from './fr.json';
import { asLanguage, initialLanguage, storeLanguage, supportedLanguages } from './language.ts';

/**
 * One namespace per part of the client, each with one file per language beside its code: `common` (this shell),
 * `editor`, `discussion` (threads), `positions` (positions, flags, compilation), `notifications`, `snapshots`
 * (snapshots, exports, comparison, file check) and `reports` (the progress report).
 */
export const resources = {
  en: { common: en, editor: editorEn, discussion: discussionEn, positions: positionsEn, notifications: notificationsEn, snapshots: snapshotsEn, reports: reportsEn },
  fr: { common: fr, editor: editorFr, discussion: discussionFr, positions: positionsFr, notifications: notificationsFr, snapshots: snapshotsFr, reports: reportsFr },
} as const;

/** Marks the page with the language and its direction, so screen readers pronounce it and logical CSS follows it. */
function applyToDocument(language: string): void {
  document.documentElement.lang = language;
  document.documentElement.dir = i18next.dir(language);
}

/** Starts i18next in the remembered (or browser) language and keeps <html lang dir> and the stored choice in step with it. */
export async function setUpI18n(): Promise<void> {
  await i18next.use(initReactI18next).init({
    resources,
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
