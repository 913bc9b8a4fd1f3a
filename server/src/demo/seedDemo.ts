import type { User } from '@concord/shared';
import type { Accounts } from '../accounts/Accounts.ts';
import { createDocument } from '../documents/createDocument.ts';
import type { Store } from '../storage/Store.ts';
import { demoAccounts, demoDocuments, demoPassword } from './demoCommittee.ts';

/**
 * Gives a demo installation its committee and two documents, adding only what is missing: an
 * existing demo account keeps its settings and password (it gets the demo password only if it has
 * none); documents are created, by the demo secretariat, only when there are none. Returns the
 * demo accounts as they now are.
 */
export async function seedDemo({ accounts, store }: { accounts: Accounts; store: Store }): Promise<User[]> {
  const existing = new Map((await accounts.listUsers()).map((user) => [user.email, user]));
  const seeded: User[] = [];
  for (const account of demoAccounts) {
    const user = existing.get(account.email) ?? (await accounts.createUser(account, null));
    if (!user.hasPassword) await accounts.setPassword(user.id, demoPassword);
    seeded.push((await accounts.getUser(user.id)) ?? user);
  }
  const secretariat = seeded.find((user) => user.role === 'secretariat');
  if (secretariat !== undefined && (await store.listDocuments()).length === 0) {
    for (const document of demoDocuments) await createDocument(store, document);
  }
  return seeded;
}
