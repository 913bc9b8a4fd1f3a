import type discussionEn from '../discussion/i18n/en.json';
import type editorEn from '../editor/i18n/en.json';
import type notificationsEn from '../notifications/i18n/en.json';
import type positionsEn from '../positions/i18n/en.json';
import type reportsEn from '../reports/i18n/en.json';
import type snapshotsEn from '../snapshots/i18n/en.json';
import type en from './en.json';

// Typed keys: t('documents.title') is checked against the English files; fr.json is checked against en.json by a unit test.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: {
      common: typeof en;
      editor: typeof editorEn;
      discussion: typeof discussionEn;
      positions: typeof positionsEn;
      notifications: typeof notificationsEn;
      snapshots: typeof snapshotsEn;
      reports: typeof reportsEn;
    };
    returnNull: false;
  }
}
