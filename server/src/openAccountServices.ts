import path from 'node:path';
import type { Logger } from 'pino';
import { Accounts } from './accounts/Accounts.ts';
import type { AccountEvents, AccountStore } from './accounts/AccountStore.ts';
import { LocalAccountEvents } from './accounts/LocalAccountEvents.ts';
import { RedisAccountEvents } from './accounts/RedisAccountEvents.ts';
import { RedisAccountStore } from './accounts/RedisAccountStore.ts';
import { SqliteAccountStore } from './accounts/SqliteAccountStore.ts';
import type { ScryptCost } from './accounts/passwords.ts';
import type { AuditLog } from './audit/AuditLog.ts';
import { RedisAuditLog } from './audit/RedisAuditLog.ts';
import { SqliteAuditLog } from './audit/SqliteAuditLog.ts';
import type { Config } from './config.ts';

/** The sign-in failure window the SIGNIN_MAX_FAILURES_* limits count in. */
export const signInFailureWindowMs = 60 * 60 * 1000;

export interface AccountServices {
  accounts: Accounts;
  accountStore: AccountStore;
  accountEvents: AccountEvents;
  audit: AuditLog;
  /** Closes the audit log, the events and the store. */
  close(): Promise<void>;
}

export interface AccountServiceOptions {
  /** The clock of sessions and invitations (tests move it forward to expire them). */
  now?: () => Date;
  scryptCost?: ScryptCost;
}

/**
 * Opens the account store, account events and audit log next to the document store the configuration
 * names (Redis at REDIS_URL, else SQLite under DATA_DIR) and the Accounts service on top.
 * The server and the `concord` CLI both open them here, so both see the same accounts.
 */
export function openAccountServices(config: Config, logger: Logger, options: AccountServiceOptions = {}): AccountServices {
  const { accountStore, accountEvents, audit } = config.REDIS_URL
    ? {
        accountStore: new RedisAccountStore(config.REDIS_URL),
        accountEvents: new RedisAccountEvents({ url: config.REDIS_URL, onError: (error) => logger.warn({ err: error }, 'account events error') }),
        audit: new RedisAuditLog(config.REDIS_URL, options.now ? { now: options.now } : {}),
      }
    : {
        accountStore: new SqliteAccountStore({ directory: path.resolve(config.DATA_DIR) }),
        accountEvents: new LocalAccountEvents((error) => logger.error({ err: error }, 'account event listener failed')),
        audit: new SqliteAuditLog({ directory: path.resolve(config.DATA_DIR), ...(options.now ? { now: options.now } : {}) }),
      };
  const accounts = new Accounts({
    store: accountStore,
    events: accountEvents,
    audit,
    sessionTtlMs: config.SESSION_TTL_HOURS * 60 * 60 * 1000,
    invitationTtlMs: config.INVITATION_TTL_HOURS * 60 * 60 * 1000,
    maxFailuresPerAccount: config.SIGNIN_MAX_FAILURES_PER_ACCOUNT,
    maxFailuresPerIp: config.SIGNIN_MAX_FAILURES_PER_IP,
    failureWindowMs: signInFailureWindowMs,
    ...(options.scryptCost ? { scryptCost: options.scryptCost } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  return {
    accounts,
    accountStore,
    accountEvents,
    audit,
    async close() {
      // Each closes even when another fails; the first failure is then reported.
      const results = await Promise.allSettled([audit.close(), accountEvents.close(), accountStore.close()]);
      const failure = results.find((result) => result.status === 'rejected');
      if (failure) throw failure.reason;
    },
  };
}
