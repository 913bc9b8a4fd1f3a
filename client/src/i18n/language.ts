/** The interface languages: the Secretariat's working languages. Adding one is a JSON file per namespace and an entry here. */
export const supportedLanguages = ['en', 'fr'] as const;
export type Language = (typeof supportedLanguages)[number];

const storageKey = 'concord.language';

function isSupported(language: string): language is Language {
  return (supportedLanguages as readonly string[]).includes(language);
}

/** The stored choice if it is supported, else the first supported browser preference ("fr-CH" → fr), else English. */
export function pickLanguage(stored: string | null, preferred: readonly string[]): Language {
  if (stored !== null && isSupported(stored)) return stored;
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0] ?? '';
    if (isSupported(base)) return base;
  }
  return 'en';
}

/** The language to start in, from localStorage (which may be unavailable, e.g. in a locked-down browser) and the browser. */
export function initialLanguage(): Language {
  let stored: string | null;
  try {
    stored = window.localStorage.getItem(storageKey);
  } catch {
    stored = null;
  }
  return pickLanguage(stored, window.navigator.languages);
}

/** Remembers the choice for the next visit; losing it (storage blocked) only costs the default language. */
export function storeLanguage(language: Language): void {
  try {
    window.localStorage.setItem(storageKey, language);
  } catch {
    // Storage blocked: the choice lasts for this page only.
  }
}

/** Narrows i18next's current language (a string) to a supported one. */
export function asLanguage(language: string | undefined): Language {
  return language !== undefined && isSupported(language) ? language : 'en';
}
