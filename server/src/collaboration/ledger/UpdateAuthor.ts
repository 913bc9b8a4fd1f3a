import { z } from 'zod';
import { roleSchema, speakerSchema, type Speaker, type User } from '@concord/shared';

/**
 * Who sent an update, stamped by the server from the session and stored with the update in the log,
 * so that every instance, and a restart, attribute it the same way.
 */
export const updateAuthorSchema = z.object({
  userId: z.string(),
  name: z.string(),
  role: roleSchema,
  speaker: speakerSchema,
  /** True when the user typed for a delegation they do not belong to. */
  typedFor: z.boolean(),
  at: z.iso.datetime(),
});
export type UpdateAuthor = z.infer<typeof updateAuthorSchema>;

/** Whom a user's own edits speak for: their delegation, or the Chair, or the Secretariat. */
export function ownSpeaker(user: User): Speaker | null {
  if (user.role === 'chair') return 'CHAIR';
  if (user.role === 'secretariat') return 'SECRETARIAT';
  return user.affiliation.kind === 'delegation' ? user.affiliation.delegationCode : null;
}

export function authorOf(user: User, typingFor: string | null, at: Date): UpdateAuthor | null {
  const speaker = typingFor ?? ownSpeaker(user);
  if (speaker === null) return null;
  return { userId: user.id, name: user.name, role: user.role, speaker, typedFor: typingFor !== null, at: at.toISOString() };
}

/** Reads a stored author; entries from before accounts, or unreadable ones, have none. */
export function parseAuthor(stored: string | null): UpdateAuthor | null {
  if (stored === null) return null;
  try {
    const parsed = updateAuthorSchema.safeParse(JSON.parse(stored));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
