import { nsaCommittee, presenceUserSchema, type Committee, type PresenceUser } from '@concord/shared';

export interface PresentPerson {
  user: PresenceUser;
  self: boolean;
  /** Open tabs or devices of this person in the document. */
  connections: number;
}

export interface PresentDelegation {
  code: string;
  people: PresentPerson[];
}

export interface PresentGroup {
  group: string;
  delegations: PresentDelegation[];
  people: number;
}

/** Who is in the document, the way the room counts: chairs apart, delegations by group, secretariat, observers apart. */
export interface PresenceSummary {
  chairs: PresentPerson[];
  /** Every group of the committee, in its order, even when nobody of it is present. */
  groups: PresentGroup[];
  secretariat: PresentPerson[];
  observers: PresentPerson[];
}

/**
 * Summarises awareness states. Each state's `user` was stamped by the server from the sender's session and is
 * still validated here (it crossed the network); one's own state is the one this client set. A person with
 * several tabs is listed once.
 */
export function presenceSummary(states: ReadonlyMap<number, unknown>, self: { clientId: number; user: PresenceUser }, committee: Committee = nsaCommittee): PresenceSummary {
  const people = new Map<string, PresentPerson>();
  const add = (user: PresenceUser, isSelf: boolean) => {
    const known = people.get(user.id);
    if (known === undefined) people.set(user.id, { user, self: isSelf, connections: 1 });
    else {
      known.connections += 1;
      if (isSelf) {
        known.self = true;
        known.user = user;
      }
    }
  };
  add(self.user, true);
  for (const [clientId, state] of states) {
    if (clientId === self.clientId) continue;
    const parsed = presenceUserSchema.safeParse(typeof state === 'object' && state !== null ? (state as { user?: unknown }).user : undefined);
    if (parsed.success) add(parsed.data, parsed.data.id === self.user.id);
  }
  const byName = (left: PresentPerson, right: PresentPerson) => left.user.name.localeCompare(right.user.name);
  const everyone = [...people.values()].sort(byName);
  const groups: PresentGroup[] = committee.groups.map((group) => ({ group: group.id, delegations: [], people: 0 }));
  for (const person of everyone) {
    if (person.user.role !== 'delegate') continue;
    const groupId = person.user.group ?? 'other';
    let group = groups.find((candidate) => candidate.group === groupId);
    if (group === undefined) groups.push((group = { group: groupId, delegations: [], people: 0 }));
    let delegation = group.delegations.find((candidate) => candidate.code === person.user.affiliation);
    if (delegation === undefined) group.delegations.push((delegation = { code: person.user.affiliation, people: [] }));
    delegation.people.push(person);
    group.people += 1;
  }
  for (const group of groups) group.delegations.sort((left, right) => left.code.localeCompare(right.code));
  return {
    chairs: everyone.filter((person) => person.user.role === 'chair'),
    groups,
    secretariat: everyone.filter((person) => person.user.role === 'secretariat'),
    observers: everyone.filter((person) => person.user.role === 'observer'),
  };
}
