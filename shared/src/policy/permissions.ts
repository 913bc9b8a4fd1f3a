import type { Role } from '../committee/roles.ts';
import { lockedStatuses, type BlockStatus } from '../documentModel/documentModel.ts';

/**
 * Who may do what. The one place both the REST API and the websocket ask; the client only mirrors it.
 * Documents belong to the committee as a whole, so permissions depend on the role, not on the document.
 */
export const actions = [
  'document.create',
  'document.read',
  'document.edit',
  'document.comment',
  'document.moderate',
  'block.setStatus',
  /** Type on behalf of a delegation (a proposal read out in the room). */
  'document.typeForDelegation',
  'snapshot.create',
  'users.manage',
  'audit.read',
] as const;
export type Action = (typeof actions)[number];

const grants: Readonly<Record<Role, ReadonlySet<Action>>> = {
  secretariat: new Set<Action>(['document.create', 'document.read', 'document.edit', 'document.comment', 'document.typeForDelegation', 'snapshot.create', 'users.manage', 'audit.read']),
  chair: new Set<Action>([
    'document.create',
    'document.read',
    'document.edit',
    'document.comment',
    'document.moderate',
    'block.setStatus',
    'document.typeForDelegation',
    'snapshot.create',
    'audit.read',
  ]),
  delegate: new Set<Action>(['document.read', 'document.edit', 'document.comment']),
  // Observers follow the work and may comment; their comments never count in a group's balance (issue 5).
  observer: new Set<Action>(['document.read', 'document.comment']),
};

export interface Actor {
  role: Role;
  disabled: boolean;
}

export function can(actor: Actor, action: Action): boolean {
  return !actor.disabled && grants[actor.role].has(action);
}

/** What an update does to one existing top-level block. */
export interface BlockChange {
  /** Status before the update. */
  status: BlockStatus;
  /** Attribute keys the update sets or removes on the block itself. */
  attributes: ReadonlySet<string>;
  /** Whether the update inserts, formats or deletes anything inside the block. */
  content: boolean;
  /** Whether the update deletes the block (a move is a delete plus an insert). */
  deleted: boolean;
}

export type BlockDecision = { ok: true } | { ok: false; reason: 'locked-block' | 'status-forbidden' | 'block-id-changed' | 'read-only'; detail: string };

/**
 * Whether `actor` may make `change` to a block. A locked (agreed) block accepts nothing but a status change by
 * someone allowed to set statuses; its id never changes, since attribution and threads refer to it.
 */
export function decideBlockChange(actor: Actor, change: BlockChange): BlockDecision {
  if (!can(actor, 'document.edit')) return { ok: false, reason: 'read-only', detail: 'this account cannot edit documents' };
  if (change.attributes.has('id')) return { ok: false, reason: 'block-id-changed', detail: 'a paragraph id never changes' };
  const changesStatus = change.attributes.has('status');
  if (changesStatus && !can(actor, 'block.setStatus')) return { ok: false, reason: 'status-forbidden', detail: 'only a chair changes a paragraph status' };
  if (lockedStatuses.has(change.status)) {
    const onlyStatus = !change.content && !change.deleted && [...change.attributes].every((key) => key === 'status');
    if (!onlyStatus) return { ok: false, reason: 'locked-block', detail: `the paragraph is ${change.status}: a chair must reopen it first` };
  }
  return { ok: true };
}

/** Whether `actor` may create a block with this status (new paragraphs are drafts unless a chair says otherwise). */
export function decideNewBlock(actor: Actor, status: BlockStatus | undefined): BlockDecision {
  if (!can(actor, 'document.edit')) return { ok: false, reason: 'read-only', detail: 'this account cannot edit documents' };
  if (status !== undefined && status !== 'draft' && !can(actor, 'block.setStatus')) {
    return { ok: false, reason: 'status-forbidden', detail: 'only a chair creates a paragraph with a status other than draft' };
  }
  return { ok: true };
}
