import { describe, expect, it } from 'vitest';
import { committeeSchema, nsaCommittee } from '../committee/committee.ts';
import { authorOf, type SessionUser } from '../threads/authorship.ts';
import { users } from '../threads/testFixtures.ts';
import { summariseParticipation, type EditEvent, type ReportedComment } from './participation.ts';

const { kuwait, egypt, france, china, chair, secretariat, observer } = users;
const unidir: SessionUser = { id: 'user-unidir', name: 'UNIDIR researcher', role: 'observer', affiliation: { kind: 'observer', organisationId: 'UNIDIR' }, disabled: false };
const unknown: SessionUser = { id: 'user-unknown', name: 'Delegate of nowhere', role: 'delegate', affiliation: { kind: 'delegation', delegationCode: 'XXX' }, disabled: false };

// January 2026: Thursday 1st to Saturday 31st; weeks start 2025-12-29, 01-05, 01-12, 01-19, 01-26.
const january = { from: '2026-01-01', to: '2026-01-31' };
const comment = (user: SessionUser, publishedAt: string | null): ReportedComment => ({ author: authorOf(user), publishedAt });
const edit = (speaker: string, at: string, edits = 1): EditEvent => ({ speaker, at, edits });

describe('summariseParticipation', () => {
  it('gives every group, week and total as zero when nobody took part', () => {
    const { participation, timeline } = summariseParticipation([], [], january);
    expect(participation).toEqual({
      groups: [
        { groupId: 'NWS', activeDelegations: [], edits: 0, comments: 0 },
        { groupId: 'NNWS', activeDelegations: [], edits: 0, comments: 0 },
      ],
      observers: { organisations: [], comments: 0 },
      presiding: { edits: 0, comments: 0 },
    });
    expect(timeline.map((week) => week.weekStart)).toEqual(['2025-12-29', '2026-01-05', '2026-01-12', '2026-01-19', '2026-01-26']);
    expect(timeline.every((week) => week.observers === 0 && week.groups['NWS']?.comments === 0 && week.groups['NNWS']?.edits === 0)).toBe(true);
  });

  it('counts comments published in the period by group, observers apart, the chair and secretariat as presiding', () => {
    const comments = [
      comment(kuwait, '2026-01-02T09:00:00.000Z'),
      comment(egypt, '2026-01-06T09:00:00.000Z'),
      comment(kuwait, '2026-01-06T10:00:00.000Z'),
      comment(france, '2026-01-31T23:59:00.000Z'),
      comment(observer, '2026-01-13T09:00:00.000Z'),
      comment(unidir, '2026-01-14T09:00:00.000Z'),
      comment(observer, '2026-01-15T09:00:00.000Z'),
      comment(chair, '2026-01-20T09:00:00.000Z'),
      comment(secretariat, '2026-01-21T09:00:00.000Z'),
      // Outside the period, never published (queued or rejected), or from a delegation the committee does not know.
      comment(china, '2025-12-31T23:59:59.000Z'),
      comment(china, '2026-02-01T00:00:00.000Z'),
      comment(china, null),
      comment(unknown, '2026-01-07T09:00:00.000Z'),
    ];
    const { participation, timeline } = summariseParticipation(comments, [], january);
    expect(participation.groups).toEqual([
      { groupId: 'NWS', activeDelegations: ['FRA'], edits: 0, comments: 1 },
      { groupId: 'NNWS', activeDelegations: ['EGY', 'KWT'], edits: 0, comments: 3 },
    ]);
    expect(participation.observers).toEqual({ organisations: ['IAEA', 'UNIDIR'], comments: 3 });
    expect(participation.presiding).toEqual({ edits: 0, comments: 2 });
    expect(timeline.map((week) => [week.weekStart, week.groups['NWS']?.comments, week.groups['NNWS']?.comments, week.observers])).toEqual([
      ['2025-12-29', 0, 1, 0],
      ['2026-01-05', 0, 2, 0],
      ['2026-01-12', 0, 0, 3],
      ['2026-01-19', 0, 0, 0],
      ['2026-01-26', 1, 0, 0],
    ]);
  });

  it('counts every editing session of an edit event at its date, by the group of its speaker', () => {
    const events = [
      edit('EGY', '2026-01-05T08:00:00.000Z', 3),
      edit('FRA', '2026-01-05T08:00:00.000Z'),
      edit('USA', '2026-01-27T08:00:00.000Z', 2),
      edit('CHAIR', '2026-01-20T08:00:00.000Z', 4),
      edit('SECRETARIAT', '2026-01-21T08:00:00.000Z'),
      // Before and after the period, empty, or by a speaker in no group.
      edit('CHN', '2025-12-31T08:00:00.000Z', 5),
      edit('CHN', '2026-02-02T08:00:00.000Z', 5),
      edit('RUS', '2026-01-10T08:00:00.000Z', 0),
      edit('XXX', '2026-01-10T08:00:00.000Z', 7),
    ];
    const { participation, timeline } = summariseParticipation([], events, january);
    expect(participation.groups).toEqual([
      { groupId: 'NWS', activeDelegations: ['FRA', 'USA'], edits: 3, comments: 0 },
      { groupId: 'NNWS', activeDelegations: ['EGY'], edits: 3, comments: 0 },
    ]);
    expect(participation.presiding).toEqual({ edits: 5, comments: 0 });
    expect(timeline.find((week) => week.weekStart === '2026-01-05')?.groups).toEqual({ NWS: { comments: 0, edits: 1 }, NNWS: { comments: 0, edits: 3 } });
    expect(timeline.find((week) => week.weekStart === '2026-01-26')?.groups).toEqual({ NWS: { comments: 0, edits: 2 }, NNWS: { comments: 0, edits: 0 } });
  });

  it('makes a delegation active whether it edited or commented, once', () => {
    const { participation } = summariseParticipation([comment(egypt, '2026-01-09T09:00:00.000Z')], [edit('EGY', '2026-01-08T09:00:00.000Z'), edit('KWT', '2026-01-08T09:00:00.000Z')], january);
    expect(participation.groups[1]).toEqual({ groupId: 'NNWS', activeDelegations: ['EGY', 'KWT'], edits: 2, comments: 1 });
  });

  it('follows the groups another committee defines', () => {
    const regional = committeeSchema.parse({
      ...nsaCommittee,
      id: 'regional',
      groups: [
        { id: 'AFRICA', name: { en: 'African States', fr: 'États d’Afrique' } },
        { id: 'OTHER', name: { en: 'Other States', fr: 'Autres États' } },
      ],
      delegations: [
        { code: 'EGY', name: { en: 'Egypt', fr: 'Égypte' }, group: 'AFRICA' },
        { code: 'FRA', name: { en: 'France', fr: 'France' }, group: 'OTHER' },
      ],
    });
    const egyptian = authorOf(egypt, regional);
    const { participation, timeline } = summariseParticipation([{ author: egyptian, publishedAt: '2026-01-09T09:00:00.000Z' }], [edit('FRA', '2026-01-09T09:00:00.000Z')], january, regional);
    expect(participation.groups.map((group) => [group.groupId, group.activeDelegations, group.comments, group.edits])).toEqual([
      ['AFRICA', ['EGY'], 1, 0],
      ['OTHER', ['FRA'], 0, 1],
    ]);
    expect(Object.keys(timeline[0]!.groups)).toEqual(['AFRICA', 'OTHER']);
  });
});
