import en from './en.json';
import fr from './fr.json';

/** The `discussion` namespace in every language, added when a screen that needs it loads (see i18n/namespaces.ts). */
export const discussionTexts = { en, fr };
