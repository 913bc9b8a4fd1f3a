import { randomUUID } from 'node:crypto';
import type { WebSocket } from 'ws';
import { CloseCode, RefusalReason, type CloseCodeValue, type RefusalReasonValue } from '@concord/shared';
import type { ConnectionIdentity } from './Extension.ts';
import { encodeStored } from './protocol.ts';

/** What the client asked for on the websocket URL. */
export interface ConnectionOptions {
  /** `?acks=1`: send `stored` acknowledgements. */
  acknowledgements: boolean;
  /** `?ledger=1`: send the paragraphs' attribution. */
  ledger: boolean;
}

export interface ConnectionLimits {
  maxMessagesPerSecond: number;
  maxSendBufferBytes: number;
}

/** One client's websocket: bounded sending, rate limiting and the `stored` acknowledgements. */
export class Connection {
  readonly id = randomUUID();
  /** Update-bearing messages (sync step 2, update) received so far; numbers the acknowledgements. */
  updatesReceived = 0;
  /** Awareness clientIDs this connection has announced, removed from the room when it leaves. */
  readonly awarenessClients = new Set<number>();
  /** Set by the heartbeat when a ping goes out, cleared by the pong. */
  awaitingPong = false;
  /** The delegation a chair or the secretariat is typing for (speaker message), or null for themselves. */
  typingFor: string | null = null;
  private acknowledged = 0;
  /** Updates dropped for missing dependencies since the last sync step 2. */
  private droppedSinceSyncStep2 = 0;
  /** First dropped update-bearing message that no stored sync step 2 has covered yet. */
  private droppedFrom: number | null = null;
  private tokens: number;
  private lastRefill = performance.now();
  private isClosed = false;

  constructor(
    private readonly socket: WebSocket,
    readonly documentId: string,
    readonly identity: ConnectionIdentity,
    readonly options: ConnectionOptions,
    private readonly limits: ConnectionLimits,
    /** Told when this connection is closed for exceeding a limit (for metrics and logs). */
    private readonly onLimitExceeded: (reason: RefusalReasonValue, closeCode: CloseCodeValue) => void,
  ) {
    this.tokens = limits.maxMessagesPerSecond;
  }

  get closed(): boolean {
    return this.isClosed || this.socket.readyState !== this.socket.OPEN;
  }

  /** Sends a frame unless the client has fallen too far behind, in which case it is closed. */
  send(frame: Uint8Array): void {
    if (this.closed) return;
    // Only the backlog counts: a prompt reader may receive one frame larger than the limit (a big document).
    if (this.socket.bufferedAmount > this.limits.maxSendBufferBytes) {
      this.onLimitExceeded(RefusalReason.slowReader, CloseCode.slowReader);
      this.close(CloseCode.slowReader, 'send buffer full');
      return;
    }
    this.socket.send(frame);
  }

  /**
   * Tells the client that its first `count` update-bearing messages are durable. A sync step 2
   * is computed by the client when sent, so one received after a dropped update carries it.
   */
  acknowledge(count: number, isSyncStep2: boolean): void {
    if (isSyncStep2) {
      this.droppedSinceSyncStep2 = 0;
      if (this.droppedFrom !== null && count > this.droppedFrom) this.droppedFrom = null;
    }
    if (this.droppedFrom !== null) count = Math.min(count, this.droppedFrom - 1);
    if (count <= this.acknowledged) return;
    this.acknowledged = count;
    if (this.options.acknowledgements) this.send(encodeStored(count));
  }

  /** A client that keeps sending gaps without ever answering with a sync step 2 is refused. */
  mayDropForResync(): boolean {
    return this.droppedSinceSyncStep2 < 100;
  }

  /**
   * Records that message `sequence` was dropped until a sync step 2 resends it; true when the
   * server should ask for one (once per wait).
   */
  dropForResync(sequence: number): boolean {
    this.droppedSinceSyncStep2++;
    const firstDrop = this.droppedFrom === null;
    this.droppedFrom ??= sequence;
    return firstDrop;
  }

  /** Token bucket: a burst of one second's allowance, refilled continuously. Closes the connection when empty. */
  takeMessageToken(): boolean {
    const now = performance.now();
    const rate = this.limits.maxMessagesPerSecond;
    this.tokens = Math.min(rate, this.tokens + ((now - this.lastRefill) / 1000) * rate);
    this.lastRefill = now;
    if (this.tokens < 1) {
      this.onLimitExceeded(RefusalReason.rateLimited, CloseCode.rateLimited);
      this.close(CloseCode.rateLimited, 'too many messages');
      return false;
    }
    this.tokens -= 1;
    return true;
  }

  ping(): void {
    if (this.closed) return;
    this.awaitingPong = true;
    this.socket.ping();
  }

  close(code: CloseCodeValue, reason: string): void {
    if (this.isClosed) return;
    this.isClosed = true;
    // Close reasons are limited to 123 bytes by the websocket protocol.
    this.socket.close(code, reason.slice(0, 120));
    // A peer that never answers the closing handshake must not keep the socket open.
    setTimeout(() => this.socket.terminate(), 5_000).unref();
  }

  /** Drops the socket without a closing handshake (dead peer). */
  terminate(): void {
    this.isClosed = true;
    this.socket.terminate();
  }
}
