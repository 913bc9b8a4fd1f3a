import { describe, expect, it } from 'vitest';
import { actions, can, decideBlockChange, decideNewBlock, type Action, type Actor } from './permissions.ts';
import type { Role } from '../committee/roles.ts';

const roles: Role[] = ['secretariat', 'chair', 'delegate', 'observer'];

/** Every cell written out: a change to the policy must change this table too. */
const matrix: Record<Action, Record<Role, boolean>> = {
  'document.create': { secretariat: true, chair: true, delegate: false, observer: false },
  'document.read': { secretariat: true, chair: true, delegate: true, observer: true },
  'document.edit': { secretariat: true, chair: true, delegate: true, observer: false },
  'document.comment': { secretariat: true, chair: true, delegate: true, observer: true },
  'document.moderate': { secretariat: false, chair: true, delegate: false, observer: false },
  'block.setStatus': { secretariat: false, chair: true, delegate: false, observer: false },
  'document.typeForDelegation': { secretariat: true, chair: true, delegate: false, observer: false },
  'snapshot.create': { secretariat: true, chair: true, delegate: false, observer: false },
  'users.manage': { secretariat: true, chair: false, delegate: false, observer: false },
  'audit.read': { secretariat: true, chair: true, delegate: false, observer: false },
};

describe('can', () => {
  it('covers every action in the table', () => {
    expect(Object.keys(matrix).sort()).toEqual([...actions].sort());
  });

  it.each(actions.flatMap((action) => roles.map((role) => [action, role] as const)))('%s by %s', (action, role) => {
    expect(can({ role, disabled: false }, action)).toBe(matrix[action][role]);
  });

  it.each(roles)('grants nothing to a disabled %s', (role) => {
    for (const action of actions) expect(can({ role, disabled: true }, action)).toBe(false);
  });
});

describe('decideBlockChange', () => {
  const delegate: Actor = { role: 'delegate', disabled: false };
  const chair: Actor = { role: 'chair', disabled: false };
  const none = new Set<string>();

  it('locks agreed and agreed ad referendum paragraphs against everyone but a chair’s status change', () => {
    for (const status of ['agreed', 'agreed-ad-ref'] as const) {
      expect(decideBlockChange(chair, { status, attributes: none, content: true, deleted: false })).toMatchObject({ ok: false, reason: 'locked-block' });
      expect(decideBlockChange(delegate, { status, attributes: none, content: false, deleted: true })).toMatchObject({ ok: false, reason: 'locked-block' });
      expect(decideBlockChange(chair, { status, attributes: new Set(['status']), content: false, deleted: false })).toEqual({ ok: true });
      expect(decideBlockChange(chair, { status, attributes: new Set(['status', 'role']), content: false, deleted: false })).toMatchObject({ ok: false, reason: 'locked-block' });
    }
  });

  it('leaves drafts open to editors, statuses to chairs and ids to nobody', () => {
    expect(decideBlockChange(delegate, { status: 'draft', attributes: new Set(['role']), content: true, deleted: true })).toEqual({ ok: true });
    expect(decideBlockChange(delegate, { status: 'draft', attributes: new Set(['status']), content: false, deleted: false })).toMatchObject({ reason: 'status-forbidden' });
    expect(decideBlockChange(chair, { status: 'draft', attributes: new Set(['id']), content: false, deleted: false })).toMatchObject({ reason: 'block-id-changed' });
    expect(decideBlockChange({ role: 'observer', disabled: false }, { status: 'draft', attributes: none, content: true, deleted: false })).toMatchObject({ reason: 'read-only' });
  });

  it('lets only chairs create paragraphs that are not drafts', () => {
    expect(decideNewBlock(delegate, undefined)).toEqual({ ok: true });
    expect(decideNewBlock(delegate, 'draft')).toEqual({ ok: true });
    expect(decideNewBlock(delegate, 'agreed')).toMatchObject({ reason: 'status-forbidden' });
    expect(decideNewBlock(chair, 'agreed')).toEqual({ ok: true });
  });
});
