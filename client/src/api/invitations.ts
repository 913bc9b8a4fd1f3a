import type { AcceptInvitation } from '@concord/shared';
import { api } from './http.ts';
import { expectSuccess } from './readBody.ts';

/** Sets the invited user's password with the token from their link (no session needed). */
export async function acceptInvitation(input: AcceptInvitation): Promise<void> {
  await expectSuccess(await api.api.invitations.accept.$post({ json: input }));
}
