import { z } from 'zod';
import { invitationSchema, userSchema, type CreateUser, type Invitation, type UpdateUser, type User } from '@concord/shared';
import { api } from './http.ts';
import { readBody } from './readBody.ts';

const userListSchema = z.object({ users: z.array(userSchema) });

export async function listUsers(): Promise<User[]> {
  return (await readBody(await api.api.users.$get(), userListSchema)).users;
}

export async function createUser(input: CreateUser): Promise<User> {
  return readBody(await api.api.users.$post({ json: input }), userSchema);
}

export async function updateUser(userId: string, patch: UpdateUser): Promise<User> {
  return readBody(await api.api.users[':userId'].$patch({ param: { userId }, json: patch }), userSchema);
}

/** A new one-time link for the user to set a password; any earlier link stops working. The link is shown only once. */
export async function issueInvitation(userId: string): Promise<Invitation> {
  return readBody(await api.api.users[':userId'].invitation.$post({ param: { userId } }), invitationSchema);
}
