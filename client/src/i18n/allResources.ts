import { discussionTexts } from '../discussion/i18n/texts.ts';
import { editorTexts } from '../editor/i18n/texts.ts';
import { positionsTexts } from '../positions/i18n/texts.ts';
import { reportsTexts } from '../reports/i18n/texts.ts';
import { snapshotsTexts } from '../snapshots/i18n/texts.ts';
import { initialResources } from './i18n.ts';

/** Every namespace in every language at once: for tests of wording (the app loads them screen by screen). */
export const allResources = {
  en: { ...initialResources.en, editor: editorTexts.en, discussion: discussionTexts.en, positions: positionsTexts.en, snapshots: snapshotsTexts.en, reports: reportsTexts.en },
  fr: { ...initialResources.fr, editor: editorTexts.fr, discussion: discussionTexts.fr, positions: positionsTexts.fr, snapshots: snapshotsTexts.fr, reports: reportsTexts.fr },
} as const;
