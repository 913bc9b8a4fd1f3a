import { describe, expect, it } from 'vitest';
import { presenceUserOf } from './presence.ts';

describe('presenceUserOf', () => {
  it('gives a delegate the group of their delegation and the group’s colour', () => {
    const france = presenceUserOf({ id: 'u1', name: 'A', role: 'delegate', affiliation: { kind: 'delegation', delegationCode: 'FRA' } }, null);
    const egypt = presenceUserOf({ id: 'u2', name: 'B', role: 'delegate', affiliation: { kind: 'delegation', delegationCode: 'EGY' } }, null);
    expect(france).toMatchObject({ affiliation: 'FRA', group: 'NWS' });
    expect(egypt).toMatchObject({ affiliation: 'EGY', group: 'NNWS' });
    expect(france.colour).not.toBe(egypt.colour);
  });

  it('puts observers and the secretariat in no group, and shows whom a chair types for', () => {
    expect(presenceUserOf({ id: 'u3', name: 'C', role: 'observer', affiliation: { kind: 'observer', organisationId: 'IAEA' } }, null)).toMatchObject({ affiliation: 'IAEA', group: null });
    expect(presenceUserOf({ id: 'u4', name: 'D', role: 'secretariat', affiliation: { kind: 'secretariat' } }, 'MEX')).toMatchObject({ affiliation: 'secretariat', group: null, typingFor: 'MEX' });
  });
});
