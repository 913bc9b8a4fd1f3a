import { isUpdateBearingFrame } from './updateFrames.ts';

/**
 * Whether this connection's edits are durable: the server acknowledges, per connection, how many of the
 * update-bearing messages it received are stored (message 100). Counting starts again on every connection;
 * the sync step 2 sent on connecting carries whatever an earlier connection left unacknowledged.
 */
export class SaveTracker {
  private connection: object | null = null;
  private sent = 0;
  private stored = 0;

  /** A new socket replaces the previous one; frames of older sockets no longer count. */
  connectionStarted(connection: object): void {
    this.connection = connection;
    this.sent = 0;
    this.stored = 0;
  }

  frameSent(connection: object, data: unknown): void {
    if (connection === this.connection && isUpdateBearingFrame(data)) this.sent += 1;
  }

  /** The `stored` count of the current connection (counts only grow; a stale smaller one changes nothing). */
  storedCount(count: number): void {
    this.stored = Math.max(this.stored, count);
  }

  /** Update-bearing messages sent on this connection that the server has not yet confirmed as stored. */
  get pending(): number {
    return Math.max(0, this.sent - this.stored);
  }

  get sentCount(): number {
    return this.sent;
  }
}
