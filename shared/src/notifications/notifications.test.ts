import { describe, expect, it } from 'vitest';
import { authorOf } from '../threads/authorship.ts';
import { users } from '../threads/testFixtures.ts';
import { notificationsForComment, notificationsForInputRequest, notificationSchema } from './notifications.ts';

const everyone = Object.values(users);
const by = (user: (typeof users)[keyof typeof users], body: string, state: 'published' | 'queued' = 'published') => ({ author: authorOf(user), body, state });

describe('notificationsForComment', () => {
  it('tells every member of a mentioned delegation, the chair included, and not the author', () => {
    const drafts = notificationsForComment(by(users.egypt, 'Could @FRA and @IRL say more?'), [], everyone);
    expect(drafts).toEqual([
      { userId: users.france.id, reason: { kind: 'mention', delegationCode: 'FRA' } },
      { userId: users.chair.id, reason: { kind: 'mention', delegationCode: 'IRL' } },
    ]);
    expect(notificationsForComment(by(users.france, 'As @FRA we agree'), [], everyone)).toEqual([]);
  });

  it('tells followers of a reply once, a mention taking precedence', () => {
    const drafts = notificationsForComment(by(users.egypt, 'Noted, @FRA.'), [users.france.id, users.china.id, users.egypt.id], everyone);
    expect(drafts).toEqual([
      { userId: users.france.id, reason: { kind: 'mention', delegationCode: 'FRA' } },
      { userId: users.china.id, reason: { kind: 'reply' } },
    ]);
  });

  it('tells nobody of a queued comment, nor a disabled account', () => {
    expect(notificationsForComment(by(users.egypt, '@FRA', 'queued'), [users.china.id], everyone)).toEqual([]);
    const disabledFrance = { ...users.france, disabled: true };
    expect(notificationsForComment(by(users.egypt, '@FRA'), [users.france.id], [disabledFrance])).toEqual([]);
  });
});

describe('notificationsForInputRequest', () => {
  it('reaches a group through its delegates only', () => {
    const drafts = notificationsForInputRequest({ kind: 'group', groupId: 'NWS' }, users.chair.id, everyone);
    expect(drafts.map((draft) => draft.userId).sort()).toEqual([users.china.id, users.france.id].sort());
  });

  it('reaches every member of a delegation but the requester', () => {
    expect(notificationsForInputRequest({ kind: 'delegation', delegationCode: 'IRL' }, users.chair.id, everyone)).toEqual([]);
    expect(notificationsForInputRequest({ kind: 'delegation', delegationCode: 'EGY' }, users.chair.id, everyone)).toEqual([
      { userId: users.egypt.id, reason: { kind: 'input-requested', target: { kind: 'delegation', delegationCode: 'EGY' } } },
    ]);
  });
});

describe('notificationSchema', () => {
  it('carries no comment body', () => {
    expect(Object.keys(notificationSchema.shape)).not.toContain('body');
  });
});
