import type { PresenceUser } from '@concord/shared';

/**
 * The class suffix that gives a person's caret, selection and presence entry their non-colour cue (line style)
 * next to the colour: by role for chairs, the secretariat and observers, by group for delegates.
 */
export function presenceCue(user: Pick<PresenceUser, 'role' | 'group'>): string {
  if (user.role !== 'delegate') return user.role;
  return user.group === null ? 'other' : user.group.toLowerCase();
}
