import { authorOf, can, voiceOf, type SessionUser } from '@concord/shared';

/**
 * The delegation `user` may record positions and raise flags for, or null. Mirrors shared recordPosition and
 * raiseFlag (the server decides): delegates of a delegation the committee knows; not a chair (who presides),
 * the secretariat or an observer.
 */
export function speakingDelegation(user: SessionUser): string | null {
  if (!can(user, 'document.comment')) return null;
  const voice = voiceOf(authorOf(user));
  return voice.kind === 'group' ? voice.delegationCode : null;
}
