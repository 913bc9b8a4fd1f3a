import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { User } from '@concord/shared';
import { auditActorOf, hashSecret } from './Accounts.ts';

const base: Omit<User, 'role' | 'affiliation'> = {
  id: 'user-0000000001',
  email: 'someone@example.org',
  name: 'Someone',
  disabled: false,
  hasPassword: true,
  createdAt: '2031-05-12T09:00:00.000Z',
  updatedAt: '2031-05-12T09:00:00.000Z',
};

describe('auditActorOf', () => {
  it('names the delegation, the observer organisation or the secretariat', () => {
    expect(auditActorOf({ ...base, role: 'chair', affiliation: { kind: 'delegation', delegationCode: 'BRA' } })).toEqual({
      userId: base.id,
      email: base.email,
      role: 'chair',
      affiliation: 'BRA',
    });
    expect(auditActorOf({ ...base, role: 'observer', affiliation: { kind: 'observer', organisationId: 'IAEA' } }).affiliation).toBe('IAEA');
    expect(auditActorOf({ ...base, role: 'secretariat', affiliation: { kind: 'secretariat' } }).affiliation).toBe('secretariat');
  });

  it('copies only what the audit schema allows (no name, no flags)', () => {
    const actor = auditActorOf({ ...base, role: 'delegate', affiliation: { kind: 'delegation', delegationCode: 'FRA' } });
    expect(Object.keys(actor).sort()).toEqual(['affiliation', 'email', 'role', 'userId']);
  });
});

describe('hashSecret', () => {
  it('is the base64url SHA-256 of the secret', () => {
    expect(hashSecret('abc')).toBe(createHash('sha256').update('abc').digest('base64url'));
    expect(hashSecret('abc')).toBe('ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0');
    expect(hashSecret('abd')).not.toBe(hashSecret('abc'));
  });
});
