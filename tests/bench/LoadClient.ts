import WebSocket from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import { MessageType } from '@concord/shared';
import { websocketHeaders } from '../utils/credentials.ts';
import { draftText } from '../utils/draft.ts';
import type { LatencyRecorder } from './LatencyRecorder.ts';

export interface LoadClientOptions {
  /** Base URL of the server (http://host:port); the client connects to /collab/<documentId>. */
  serverUrl: string;
  documentId: string;
  /**
   * Upgrade headers. By default the session remembered for `serverUrl` (startConcord signs one in) and the
   * server's Origin, as a browser sends them; the reference server ignores both.
   */
  headers?: Record<string, string>;
  recorder?: LatencyRecorder;
  /** Receiver group under which this client's latencies are recorded. */
  group?: string;
  /** How many other clients receive this client's edits (for the delivery count). */
  otherClients?: number;
  /**
   * Apply received updates only right before this client's next change (or when 1,000 are
   * waiting) instead of one by one. Latency is taken on receipt; deferring saves the load
   * generator Yjs's per-transaction cost, which grows with the number of clients in the document
   * (two state vectors per transaction): 200 clients in one room would otherwise need more than
   * a core. The server sees the same traffic either way.
   */
  deferApply?: boolean;
}

const maxDeferredUpdates = 1000;

/**
 * A lean y-protocols client for load generation: one Y.Doc, the sync protocol and nothing else
 * (no awareness, no provider). It applies what it receives, as an editor would (at once, or
 * deferred to its next change), and reports the ID of every edit it receives to the recorder.
 */
export class LoadClient {
  readonly doc = new Y.Doc();
  readonly socket: WebSocket;
  /** Sync step 2 messages received; the first one means synced. */
  private syncStep2Received = 0;
  /** performance.now() when the first sync step 2 arrived, before it was applied. */
  firstSyncStep2At: number | null = null;
  private readonly waiters = new Set<() => void>();
  private editCount = 0;
  private received: Uint8Array[] = [];
  readonly closed: Promise<void>;

  constructor(private readonly options: LoadClientOptions) {
    this.socket = new WebSocket(`${options.serverUrl.replace(/^http/, 'ws')}/collab/${options.documentId}`, { headers: options.headers ?? websocketHeaders(options.serverUrl) });
    this.socket.binaryType = 'nodebuffer';
    this.closed = new Promise((resolve) => this.socket.once('close', () => resolve()));
    this.socket.on('error', () => undefined);
    this.socket.on('open', () => this.sendSyncStep1());
    this.socket.on('message', (data: Buffer) => this.receive(new Uint8Array(data.buffer, data.byteOffset, data.byteLength)));
  }

  get isSynced(): boolean {
    return this.syncStep2Received > 0;
  }

  private receive(frame: Uint8Array): void {
    const decoder = decoding.createDecoder(frame);
    if (decoding.readVarUint(decoder) === MessageType.sync) {
      const syncType = decoding.readVarUint(decoder);
      const payload = decoding.readVarUint8Array(decoder);
      if (syncType === syncProtocol.messageYjsSyncStep1) {
        this.sendSync((encoder) => syncProtocol.writeSyncStep2(encoder, this.doc, payload));
      } else if (syncType === syncProtocol.messageYjsUpdate && this.options.deferApply) {
        this.recordReceipt(payload);
        this.received.push(payload);
        if (this.received.length >= maxDeferredUpdates) this.applyReceived();
      } else {
        if (syncType === syncProtocol.messageYjsSyncStep2) this.firstSyncStep2At ??= performance.now();
        if (syncType === syncProtocol.messageYjsUpdate) this.recordReceipt(payload);
        this.applyReceived();
        Y.applyUpdate(this.doc, payload, this);
        if (syncType === syncProtocol.messageYjsSyncStep2) this.syncStep2Received++;
      }
    }
    for (const waiter of this.waiters) waiter();
  }

  /** Applies the updates received but not applied yet, in one transaction. */
  private applyReceived(): void {
    if (this.received.length === 0) return;
    const updates = this.received;
    this.received = [];
    this.doc.transact(() => {
      for (const update of updates) Y.applyUpdate(this.doc, update, this);
    }, this);
  }

  /** Reads the ID of the update's first struct: the header of a v1 update, no full decode. */
  private recordReceipt(update: Uint8Array): void {
    const { recorder } = this.options;
    if (!recorder) return;
    const decoder = decoding.createDecoder(update);
    if (decoding.readVarUint(decoder) === 0) return;
    decoding.readVarUint(decoder);
    const client = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    // The reference server echoes an update to its sender too.
    if (client !== this.doc.clientID) recorder.markReceived(`${client}:${clock}`, this.options.group ?? 'all');
  }

  private sendSyncStep1(): void {
    this.sendSync((encoder) => syncProtocol.writeSyncStep1(encoder, this.doc));
  }

  private sendSync(write: (encoder: encoding.Encoder) => void): void {
    if (this.socket.readyState !== WebSocket.OPEN) return;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.sync);
    write(encoder);
    this.socket.send(encoding.toUint8Array(encoder));
  }

  /**
   * Makes a local change and sends it as one update message. The update listener is attached only
   * for this transaction: left on, Yjs would also encode every update the client receives.
   */
  change(makeChange: () => void): void {
    // A change builds on everything received so far, as in an editor.
    this.applyReceived();
    const send = (update: Uint8Array): void => this.sendSync((encoder) => syncProtocol.writeUpdate(encoder, update));
    this.doc.on('update', send);
    try {
      this.doc.transact(makeChange);
    } finally {
      this.doc.off('update', send);
    }
  }

  /** Types a short word at a random place in the first paragraph; its send time goes to the recorder. */
  edit(): void {
    if (this.socket.readyState !== WebSocket.OPEN) return;
    // Applied before the clock starts, so the latency does not include this client's catching up.
    this.applyReceived();
    const text = draftText(this.doc);
    const editId = `${this.doc.clientID}:${Y.getState(this.doc.store, this.doc.clientID)}`;
    this.options.recorder?.markSent(editId, this.options.otherClients ?? 0);
    this.change(() => text.insert(Math.floor(Math.random() * (text.length + 1)), `e${++this.editCount} `));
  }

  /** Resolves when `condition` holds, re-checked after every message. */
  waitFor(condition: () => boolean, timeoutMs = 30_000, what = 'condition'): Promise<void> {
    if (condition()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = (): void => {
        if (!condition()) return;
        done();
        resolve();
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`timed out waiting for ${what}`));
      }, timeoutMs);
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      this.waiters.add(check);
      this.closed.then(() => {
        if (!this.waiters.has(check)) return;
        done();
        reject(new Error(`connection closed while waiting for ${what}`));
      }, () => undefined);
    });
  }

  whenSynced(timeoutMs = 30_000): Promise<void> {
    return this.waitFor(() => this.isSynced, timeoutMs, 'sync');
  }

  /**
   * Resolves once the server has handled everything this client sent: the server answers a sync
   * step 1 only after the messages before it (Concord: once they are stored).
   */
  roundTrip(timeoutMs = 30_000): Promise<void> {
    const target = this.syncStep2Received + 1;
    this.sendSyncStep1();
    return this.waitFor(() => this.syncStep2Received >= target, timeoutMs, 'round trip');
  }

  close(): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return Promise.resolve();
    this.socket.close();
    const timer = setTimeout(() => this.socket.terminate(), 2_000);
    return this.closed.finally(() => clearTimeout(timer));
  }
}
