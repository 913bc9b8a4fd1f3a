import type { Accounts } from '../accounts/Accounts.ts';
import { demoAccounts, demoPassword } from './demoCommittee.ts';

/** The emails of enabled demo accounts that still open with the published demo password. */
export async function findDemoCredentials(accounts: Accounts): Promise<string[]> {
  const demoEmails = new Set(demoAccounts.map((account) => account.email));
  const found: string[] = [];
  for (const user of await accounts.listUsers()) {
    if (!demoEmails.has(user.email) || user.disabled || !user.hasPassword) continue;
    if (await accounts.verifyPasswordOf(user.id, demoPassword)) found.push(user.email);
  }
  return found;
}
