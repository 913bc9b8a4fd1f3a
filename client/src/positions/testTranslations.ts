import i18next, { type i18n } from 'i18next';
import { allResources as resources } from '../i18n/allResources.ts';

/** A separate i18next instance with the app's translation files, for tests of wording. */
export async function testTranslations(language: 'en' | 'fr'): Promise<i18n> {
  const instance = i18next.createInstance();
  await instance.init({ resources, lng: language, fallbackLng: 'en', defaultNS: 'common', interpolation: { escapeValue: false } });
  return instance;
}
