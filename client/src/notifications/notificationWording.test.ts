import { describe, expect, it } from 'vitest';
import type { Notification } from '@concord/shared';
import { testTranslations } from '../positions/testTranslations.ts';
import { describeNotification, paragraphLabelText } from './notificationWording.ts';

const base: Omit<Notification, 'reason' | 'actor'> = {
  id: 'notif-0001',
  userId: 'user-fra',
  documentId: 'doc-0001',
  threadId: 'thread-0001',
  blockId: 'op00001',
  paragraph: { number: '3.', alternative: 0 },
  commentId: 'comment-0001',
  createdAt: '2026-11-30T10:00:00.000Z',
  readAt: null,
};
const egypt = { name: 'Delegate of Egypt', affiliation: 'EGY' };
const place = { documentTitle: 'Options report', paragraph: '3.' };

describe('describeNotification', () => {
  it('words a mention, a request for input and a reply, naming who acted and where', async () => {
    const t = (await testTranslations('en')).getFixedT('en', 'notifications');
    expect(describeNotification({ ...base, actor: egypt, reason: { kind: 'mention', delegationCode: 'FRA' } }, place, t)).toBe(
      'EGY mentioned FRA in a thread on paragraph 3. of “Options report”',
    );
    expect(
      describeNotification({ ...base, actor: { name: 'Chair', affiliation: 'KWT' }, reason: { kind: 'input-requested', target: { kind: 'group', groupId: 'NWS' } } }, place, t),
    ).toBe('The chair asked NWS for input on paragraph 3. of “Options report”');
    expect(describeNotification({ ...base, actor: egypt, reason: { kind: 'reply' } }, { documentTitle: 'Options report', paragraph: null }, t)).toBe(
      'New reply from EGY in a thread you follow, on “Options report”',
    );
  });

  it('names the Secretariat in words and copes with a document not yet known', async () => {
    const t = (await testTranslations('fr')).getFixedT('fr', 'notifications');
    const notification: Notification = { ...base, actor: { name: 'Secretariat', affiliation: 'secretariat' }, reason: { kind: 'reply' } };
    expect(describeNotification({ ...notification, reason: { kind: 'mention', delegationCode: 'FRA' } }, { documentTitle: 'Rapport', paragraph: null }, t)).toBe(
      'Le Secrétariat a mentionné FRA dans un fil sur « Rapport »',
    );
    expect(describeNotification(notification, { documentTitle: null, paragraph: null }, t)).toBe('Nouvelle réponse (Secrétariat) dans un fil que vous suivez, sur un document');
    expect(
      describeNotification({ ...base, actor: egypt, reason: { kind: 'input-requested', target: { kind: 'delegation', delegationCode: 'MEX' } } }, { documentTitle: 'Rapport', paragraph: null }, t),
    ).toBe("La présidence a demandé l'avis de MEX sur « Rapport »");
  });
});

describe('paragraphLabelText', () => {
  it('writes a label as the gutter does, alternatives included', async () => {
    const t = (await testTranslations('en')).getFixedT('en', 'notifications');
    expect(paragraphLabelText({ number: 'PP 2', alternative: 0 }, t)).toBe('PP 2');
    expect(paragraphLabelText({ number: '3.', alternative: 1 }, t)).toBe('3. Alt 1');
    expect(paragraphLabelText({ number: '', alternative: 2 }, t)).toBe('Alt 2');
  });
});

