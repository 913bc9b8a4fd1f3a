import { describe, expect, it } from 'vitest';
import type { SessionUser } from '@concord/shared';
import { speakingDelegation } from './speakingDelegation.ts';

const user = (role: SessionUser['role'], affiliation: SessionUser['affiliation'], disabled = false): SessionUser => ({ id: `user-${role}`, name: role, role, affiliation, disabled });

describe('speakingDelegation', () => {
  it('lets a delegate speak for their delegation', () => {
    expect(speakingDelegation(user('delegate', { kind: 'delegation', delegationCode: 'FRA' }))).toBe('FRA');
  });

  it('gives no voice to a chair (who presides), the secretariat, an observer or a disabled account', () => {
    expect(speakingDelegation(user('chair', { kind: 'delegation', delegationCode: 'KWT' }))).toBeNull();
    expect(speakingDelegation(user('secretariat', { kind: 'secretariat' }))).toBeNull();
    expect(speakingDelegation(user('observer', { kind: 'observer', organisationId: 'IAEA' }))).toBeNull();
    expect(speakingDelegation(user('delegate', { kind: 'delegation', delegationCode: 'FRA' }, true))).toBeNull();
  });

  it('gives no voice to a delegate of a delegation the committee does not know', () => {
    expect(speakingDelegation(user('delegate', { kind: 'delegation', delegationCode: 'XXX' }))).toBeNull();
  });
});
