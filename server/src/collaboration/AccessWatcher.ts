import type { Logger } from 'pino';
import { CloseCode, type User } from '@concord/shared';
import type { AccountEvents, AccountStore } from '../accounts/AccountStore.ts';
import type { CollaborationServer } from './CollaborationServer.ts';
import type { Connection } from './Connection.ts';

export interface AccessWatcherOptions {
  collaboration: CollaborationServer;
  accountStore: AccountStore;
  events: AccountEvents;
  logger: Logger;
  /** How often every open connection's session is re-checked (catches expiry and sign-out). */
  intervalMs: number;
  /** The sessions' clock (tests move it). */
  now?: () => Date;
}

const sameAccess = (before: User, now: User | null): boolean =>
  now !== null &&
  !now.disabled &&
  now.role === before.role &&
  JSON.stringify(now.affiliation) === JSON.stringify(before.affiliation);

/**
 * Closes live sockets whose access changed: at once, on every instance, when an account event arrives
 * (disabled, role or affiliation changed, signed out), and periodically for sessions that expired.
 * A closed client reconnects; its upgrade then signs it in with its current role, or is refused.
 */
export class AccessWatcher {
  private readonly unsubscribe: () => void;
  private readonly timer: NodeJS.Timeout;
  private checking: Promise<void> = Promise.resolve();

  constructor(private readonly options: AccessWatcherOptions) {
    this.unsubscribe = options.events.subscribe((userId) => this.schedule(userId === '*' ? null : userId));
    this.timer = setInterval(() => this.schedule(null), options.intervalMs);
    this.timer.unref();
  }

  /** Re-checks the connections of one user, or all (null); checks run one after another. */
  private schedule(userId: string | null): void {
    this.checking = this.checking
      .then(() => this.check(userId))
      .catch((error: unknown) => this.options.logger.warn({ err: error }, 'access check failed'));
  }

  private async check(userId: string | null): Promise<void> {
    const { collaboration, accountStore } = this.options;
    const byUser = new Map<string, Connection[]>();
    for (const connection of collaboration.openConnections) {
      const user = connection.identity.user;
      if (user === null || connection.closed || (userId !== null && user.id !== userId)) continue;
      byUser.set(user.id, [...(byUser.get(user.id) ?? []), connection]);
    }
    const now = this.options.now?.() ?? new Date();
    for (const [id, connections] of byUser) {
      const current = await accountStore.getUser(id);
      for (const connection of connections) {
        const sessionIdHash = connection.identity.sessionIdHash;
        const session = sessionIdHash === null ? null : await accountStore.getSession(sessionIdHash, now);
        if (session !== null && sameAccess(connection.identity.user!, current)) continue;
        this.options.logger.info({ userId: id, connectionId: connection.id }, 'access changed: closing the connection');
        connection.close(CloseCode.reauthenticate, 'account-changed');
      }
    }
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    this.unsubscribe();
    await this.checking;
  }
}
