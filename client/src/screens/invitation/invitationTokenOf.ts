import { invitationTokenSchema } from '@concord/shared';

/** The token of an invitation link's fragment (`#token=...`, which never reaches a server or a Referer), or null. */
export function invitationTokenOf(hash: string): string | null {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token');
  return token !== null && invitationTokenSchema.safeParse(token).success ? token : null;
}
