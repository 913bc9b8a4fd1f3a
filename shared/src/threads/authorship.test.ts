import { describe, expect, it } from 'vitest';
import { authorOf, voiceOf } from './authorship.ts';
import { users } from './testFixtures.ts';

describe('authorOf and voiceOf', () => {
  it.each([
    ['NNWS delegate', users.kuwait, { affiliation: 'KWT', group: 'NNWS' }, { kind: 'group', groupId: 'NNWS', delegationCode: 'KWT' }],
    ['NWS delegate', users.france, { affiliation: 'FRA', group: 'NWS' }, { kind: 'group', groupId: 'NWS', delegationCode: 'FRA' }],
    // The chair keeps their delegation's group on the record, but presides: not a group's voice.
    ['chair', users.chair, { affiliation: 'IRL', group: 'NNWS' }, { kind: 'presiding' }],
    ['secretariat', users.secretariat, { affiliation: 'secretariat', group: null }, { kind: 'presiding' }],
    ['observer', users.observer, { affiliation: 'IAEA', group: null }, { kind: 'observer' }],
    ['delegate of a non-party', { ...users.kuwait, affiliation: { kind: 'delegation' as const, delegationCode: 'PAK' } }, { affiliation: 'PAK', group: null }, { kind: 'unaffiliated' }],
  ])('%s', (_name, user, expectedAuthor, voice) => {
    const author = authorOf(user);
    expect(author).toMatchObject({ userId: user.id, name: user.name, role: user.role, ...expectedAuthor });
    expect(voiceOf(author)).toEqual(voice);
  });
});
