import { describe, expect, it } from 'vitest';
import { presenceUserOf, type User } from '@concord/shared';
import { presenceSummary } from './presenceSummary.ts';

const person = (id: string, role: User['role'], affiliation: User['affiliation'], name = id) => presenceUserOf({ id, name, role, affiliation }, null);
const delegate = (id: string, code: string) => person(id, 'delegate', { kind: 'delegation', delegationCode: code });

describe('presenceSummary', () => {
  const self = { clientId: 1, user: delegate('fra-user', 'FRA') };

  it('lists delegations by group, with chairs, secretariat and observers apart', () => {
    const states = new Map<number, unknown>([
      [1, { user: self.user }],
      [2, { user: delegate('egy-user', 'EGY') }],
      [3, { user: delegate('mex-user', 'MEX') }],
      [4, { user: person('chair-user', 'chair', { kind: 'delegation', delegationCode: 'KWT' }) }],
      [5, { user: person('iaea-user', 'observer', { kind: 'observer', organisationId: 'IAEA' }) }],
      [6, { user: person('sec-user', 'secretariat', { kind: 'secretariat' }) }],
    ]);
    const summary = presenceSummary(states, self);
    expect(summary.groups.map((group) => [group.group, group.delegations.map((delegation) => delegation.code), group.people])).toEqual([
      ['NWS', ['FRA'], 1],
      ['NNWS', ['EGY', 'MEX'], 2],
    ]);
    expect(summary.chairs.map((chair) => chair.user.id)).toEqual(['chair-user']);
    expect(summary.observers.map((observer) => observer.user.id)).toEqual(['iaea-user']);
    expect(summary.secretariat.map((member) => member.user.id)).toEqual(['sec-user']);
    expect(summary.groups[0]!.delegations[0]!.people[0]!.self).toBe(true);
  });

  it('lists a person with several tabs once, and ignores states without a valid user', () => {
    const states = new Map<number, unknown>([
      [1, { user: self.user }],
      [2, { user: delegate('egy-user', 'EGY') }],
      [3, { user: delegate('egy-user', 'EGY') }],
      [4, { user: { name: 'forged' } }],
      [5, null],
      [6, { user: delegate('fra-user', 'FRA') }],
    ]);
    const summary = presenceSummary(states, self);
    const nnws = summary.groups.find((group) => group.group === 'NNWS')!;
    expect(nnws.people).toBe(1);
    expect(nnws.delegations[0]!.people[0]!.connections).toBe(2);
    expect(summary.groups.find((group) => group.group === 'NWS')!.delegations[0]!.people[0]).toMatchObject({ self: true, connections: 2 });
  });

  it('shows oneself even before the server has relayed anything', () => {
    const summary = presenceSummary(new Map(), self);
    expect(summary.groups[0]!.delegations[0]!.people[0]!.user.id).toBe('fra-user');
  });
});
