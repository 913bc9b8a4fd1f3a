import { describe, expect, it } from 'vitest';
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

/** Every key path of a translation file with its text ('documents.new.title' → 'New document'). */
function entries(tree: object, prefix = ''): Map<string, string> {
  const found = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (typeof value === 'string') found.set(path, value);
    else if (typeof value === 'object' && value !== null) for (const [childPath, text] of entries(value, path)) found.set(childPath, text);
    else throw new Error(`${path} is neither a text nor a group`);
  }
  return found;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((match) => match[1]).sort();

describe.each([
  ['common', en, fr],
  ['editor', editorEn, editorFr],
  ['discussion', discussionEn, discussionFr],
  ['positions', positionsEn, positionsFr],
  ['notifications', notificationsEn, notificationsFr],
  ['snapshots', snapshotsEn, snapshotsFr],
  ['reports', reportsEn, reportsFr],
])('the %s translations', (_namespace, english, french) => {
  const englishEntries = entries(english);
  const frenchEntries = entries(french);

  it('have the same keys in English and French', () => {
    expect([...frenchEntries.keys()].sort()).toEqual([...englishEntries.keys()].sort());
  });

  it('leave no text empty', () => {
    const empty = [...englishEntries, ...frenchEntries].filter(([, text]) => text.trim() === '').map(([path]) => path);
    expect(empty).toEqual([]);
  });

  it('use the same placeholders in both languages', () => {
    const different = [...englishEntries]
      .filter(([path, text]) => JSON.stringify(placeholders(text)) !== JSON.stringify(placeholders(frenchEntries.get(path) ?? text)))
      .map(([path]) => path);
    expect(different).toEqual([]);
  });
});
