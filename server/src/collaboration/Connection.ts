import { randomUUID } from 'node:crypto';
import type { WebSocket } from 'ws';
import { CloseCode, type CloseCodeValue } from '@concord/shared';
import type { ConnectionIdentity } from './Extension.ts';
import { encodeStored } from './protocol.ts';

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
  private acknowledged = 0;
  private tokens: number;
  private lastRefill = performance.now();
  private isClosed = false;

  constructor(
    private readonly socket: WebSocket,
    readonly documentId: string,
    readonly identity: ConnectionIdentity,
    private readonly wantsAcknowledgements: boolean,
    private readonly limits: ConnectionLimits,
  ) {
    this.tokens = limits.maxMessagesPerSecond;
  }

  get closed(): boolean {
    return this.isClosed || this.socket.readyState !== this.socket.OPEN;
  }

  /** Sends a frame unless the client has fallen too far behind, in which case it is closed. */
  send(frame: Uint8Array): void {
    if (this.closed) return;
    if (this.socket.bufferedAmount + frame.byteLength > this.limits.maxSendBufferBytes) {
      this.close(CloseCode.slowReader, 'send buffer full');
      return;
    }
    this.socket.send(frame);
  }

  /** Tells the client that its first `count` update-bearing messages are durable. */
  acknowledge(count: number): void {
    if (count <= this.acknowledged) return;
    this.acknowledged = count;
    if (this.wantsAcknowledgements) this.send(encodeStored(count));
  }

  /** Token bucket: a burst of one second's allowance, refilled continuously. */
  takeMessageToken(): boolean {
    const now = performance.now();
    const rate = this.limits.maxMessagesPerSecond;
    this.tokens = Math.min(rate, this.tokens + ((now - this.lastRefill) / 1000) * rate);
    this.lastRefill = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  ping(): void {
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
