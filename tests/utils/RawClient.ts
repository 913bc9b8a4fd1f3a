import WebSocket from 'ws';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import { MessageType, discussionMessageSchema, ledgerMessageSchema, type DiscussionMessage, type ParagraphAttribution } from '@concord/shared';
import { websocketHeaders } from './credentials.ts';
import { documentText } from './draft.ts';

export interface CloseEvent {
  code: number;
  reason: string;
}

/**
 * A y-protocols client written against the wire format, with no provider in between: it can
 * send anything, and it counts the server's `stored` acknowledgements.
 */
export class RawClient {
  readonly doc: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness;
  readonly socket: WebSocket;
  readonly closed: Promise<CloseEvent>;
  readonly opened: Promise<void>;
  updatesSent = 0;
  storedCount = 0;
  synced = false;
  /** Attribution per paragraph, from the server's `ledger` messages (with `ledger: true`). */
  readonly ledger = new Map<string, ParagraphAttribution>();
  /** The server's discussion messages (103), in order of arrival. */
  readonly discussion: DiscussionMessage[] = [];
  private readonly waiters = new Set<() => void>();

  /**
   * Connects with the session remembered for `serverUrl` (credentials.ts) and the server's own Origin,
   * unless `headers` says otherwise.
   */
  constructor(
    serverUrl: string,
    documentId: string,
    options: { doc?: Y.Doc; acknowledgements?: boolean; ledger?: boolean; headers?: Record<string, string> } = {},
  ) {
    this.doc = options.doc ?? new Y.Doc();
    this.awareness = new awarenessProtocol.Awareness(this.doc);
    const parameters = new URLSearchParams();
    if (options.acknowledgements !== false) parameters.set('acks', '1');
    if (options.ledger === true) parameters.set('ledger', '1');
    const query = parameters.size > 0 ? `?${parameters.toString()}` : '';
    const url = `${serverUrl.replace(/^http/, 'ws')}/collab/${documentId}${query}`;
    this.socket = new WebSocket(url, { headers: options.headers ?? websocketHeaders(serverUrl) });
    this.socket.binaryType = 'nodebuffer';
    this.opened = new Promise((resolve, reject) => {
      this.socket.once('open', () => resolve());
      this.socket.once('unexpected-response', (_request, response) => reject(new Error(`upgrade refused with HTTP ${response.statusCode}`)));
      this.socket.once('error', reject);
    });
    this.opened.catch(() => {});
    this.closed = new Promise((resolve) => this.socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
    this.socket.on('message', (data: Buffer) => this.receive(new Uint8Array(data)));
    this.socket.on('open', () => {
      this.sendSync((encoder) => syncProtocol.writeSyncStep1(encoder, this.doc));
    });
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== this) this.sendUpdate(update);
    });
  }

  private receive(frame: Uint8Array): void {
    const decoder = decoding.createDecoder(frame);
    const type = decoding.readVarUint(decoder);
    if (type === MessageType.sync) {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MessageType.sync);
      const syncType = syncProtocol.readSyncMessage(decoder, encoder, this.doc, this);
      if (syncType === syncProtocol.messageYjsSyncStep1) {
        this.updatesSent++;
        this.send(encoding.toUint8Array(encoder));
      }
      if (syncType === syncProtocol.messageYjsSyncStep2) this.synced = true;
    } else if (type === MessageType.awareness) {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, decoding.readVarUint8Array(decoder), this);
    } else if (type === MessageType.stored) {
      this.storedCount = decoding.readVarUint(decoder);
    } else if (type === MessageType.ledger) {
      const message = ledgerMessageSchema.parse(JSON.parse(decoding.readVarString(decoder)));
      if (message.full) this.ledger.clear();
      for (const [id, attribution] of Object.entries(message.paragraphs)) this.ledger.set(id, attribution);
    } else if (type === MessageType.discussion) {
      this.discussion.push(discussionMessageSchema.parse(JSON.parse(decoding.readVarString(decoder))));
    }
    for (const waiter of this.waiters) waiter();
  }

  private sendSync(write: (encoder: encoding.Encoder) => void): void {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.sync);
    write(encoder);
    this.send(encoding.toUint8Array(encoder));
  }

  /** Sends an update message, whatever it holds (an update made before the socket opens goes in the sync step 2). */
  sendUpdate(update: Uint8Array): void {
    if (this.socket.readyState !== WebSocket.OPEN) return;
    this.updatesSent++;
    this.sendSync((encoder) => syncProtocol.writeUpdate(encoder, update));
  }

  sendAwareness(): void {
    const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, [this.doc.clientID]);
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.awareness);
    encoding.writeVarUint8Array(encoder, update);
    this.send(encoding.toUint8Array(encoder));
  }

  /** Sends bytes as one frame, as they are. */
  send(frame: Uint8Array): void {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.send(frame);
  }

  /** The document's text, one line per paragraph. */
  get text(): string {
    return documentText(this.doc);
  }

  /** Resolves when `condition` holds, re-checked after every message; rejects after `timeoutMs`. */
  waitFor(condition: () => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
    if (condition()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!condition()) return;
        cleanup();
        resolve();
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timed out waiting for ${what}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      this.waiters.add(check);
    });
  }

  whenSynced(): Promise<void> {
    return this.waitFor(() => this.synced, 10_000, 'sync');
  }

  /** Every update-bearing message sent so far is durably stored on the server. */
  whenStored(): Promise<void> {
    return this.waitFor(() => this.storedCount >= this.updatesSent, 10_000, `stored ${this.updatesSent}`);
  }

  close(): Promise<CloseEvent> {
    this.socket.close();
    return this.closed;
  }

  destroy(): void {
    this.socket.terminate();
    this.awareness.destroy();
  }
}
