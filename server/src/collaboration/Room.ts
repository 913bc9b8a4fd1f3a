import { randomUUID } from 'node:crypto';
import * as Y from 'yjs';
import type { Logger } from 'pino';
import {
  CloseCode,
  RefusalReason,
  can,
  delegationByCode,
  documentField,
  speakerMessageSchema,
  type CloseCodeValue,
  type RefusalReasonValue,
} from '@concord/shared';
import type { Cursor, InstanceBus, LoadedDocument, Store, StoredUpdate } from '../storage/Store.ts';
import type { Connection } from './Connection.ts';
import { UpdateRefusal, type Hooks } from './Extension.ts';
import { inspectUpdate, type UpdateLimits } from './guard/inspectUpdate.ts';
import * as protocol from './protocol.ts';
import { RoomPresence } from './RoomPresence.ts';
import { DocumentLedger } from './ledger/DocumentLedger.ts';
import { transactionEffect } from './ledger/touchedBlocks.ts';
import { authorOf, parseAuthor, type UpdateAuthor } from './ledger/UpdateAuthor.ts';

export interface RoomOptions {
  documentId: string;
  store: Store;
  bus: InstanceBus | null;
  hooks: Hooks;
  logger: Logger;
  updateLimits: UpdateLimits;
  compactAfterUpdates: number;
  maxAwarenessEntries: number;
  /** Called when the room gives up its state (store failure); the server then forgets it. */
  onReset: (room: Room) => void;
}

/**
 * Transaction origin of every change applied to a room's document: where it came from and, for log entries,
 * who sent it (the ledger attributes it). `client` changes are stored before anyone hears of them; `bus`
 * changes (another instance's, already stored) are relayed; `store` and `resync` ones are neither.
 */
class AppliedChange {
  constructor(
    readonly source: 'client' | 'bus' | 'store' | 'resync',
    readonly author: UpdateAuthor | null,
    readonly connection: Connection | null = null,
  ) {}
}

const fromSnapshot = new AppliedChange('store', null);
const fromResync = new AppliedChange('resync', null);

/** A document and its ledger rebuilt from the store: the snapshot, then each later log entry with its author. */
function replay(loaded: LoadedDocument, doc: Y.Doc): DocumentLedger {
  const ledger = DocumentLedger.parse(loaded.ledger);
  const root = doc.getXmlFragment(documentField);
  const record = (transaction: Y.Transaction) => {
    const origin = transaction.origin;
    if (origin instanceof AppliedChange && origin.author !== null) ledger.record(transactionEffect(transaction, root), origin.author);
  };
  doc.on('afterTransaction', record);
  try {
    if (loaded.snapshot) Y.applyUpdate(doc, loaded.snapshot, fromSnapshot);
    for (const entry of loaded.updates) Y.applyUpdate(doc, entry.update, new AppliedChange('store', parseAuthor(entry.author)));
  } finally {
    doc.off('afterTransaction', record);
  }
  ledger.takeChanges();
  return ledger;
}

/**
 * The stored document and its ledger, without a room: what is durable, as every instance would rebuild it
 * (a snapshot of the agreed text freezes exactly this).
 */
export async function readStoredDocument(store: Store, documentId: string): Promise<{ doc: Y.Doc; ledger: DocumentLedger }> {
  const loaded = await store.loadDocument(documentId);
  const doc = new Y.Doc();
  return { doc, ledger: replay(loaded, doc) };
}

/**
 * One open document on this instance: its Y.Doc, awareness and connections. An update is
 * checked, applied, appended to the store, and only once stored relayed to the other clients
 * and acknowledged to its sender, so no client ever holds text the store could lose.
 */
export class Room {
  readonly doc = new Y.Doc();
  readonly connections = new Set<Connection>();
  readonly presence: RoomPresence;
  readonly documentId: string;
  /** Resolves once every append issued so far has settled and its effects were delivered. */
  private delivered: Promise<void> = Promise.resolve();
  private pendingAppends = 0;
  private cursor: Cursor = '0';
  private updatesSinceCompaction = 0;
  private compaction: Promise<void> | null = null;
  private unsubscribeBus: () => void = () => {};
  private isClosed = false;
  /** Who wrote each paragraph and who owns each clientID, derived from the log. */
  ledger = new DocumentLedger();
  /**
   * This room's appends whose effect is in the document but not yet at `cursor` (not stored yet, or, with
   * a bus, not yet read back from it). Compaction waits for none, so that the snapshot, its ledger and the
   * cursor describe the same log prefix.
   */
  private unconfirmedAppends = 0;
  /** Marks this room's own log entries: an earlier room of the same document on this instance is someone else. */
  private readonly appendOrigin: string;

  private constructor(private readonly options: RoomOptions) {
    this.documentId = options.documentId;
    this.appendOrigin = `${options.bus?.instanceId ?? 'local'}/${randomUUID().slice(0, 8)}`;
    this.presence = new RoomPresence(this.doc, {
      documentId: options.documentId,
      bus: options.bus,
      hooks: options.hooks,
      logger: options.logger,
      maxAwarenessEntries: options.maxAwarenessEntries,
      broadcast: (frame) => this.broadcast(frame, null),
    });
    this.doc.on('update', (update: Uint8Array, origin: unknown) => this.handleDocumentUpdate(update, origin));
  }

  /** Attributes each authored change to its author, as it is applied (client and bus changes). */
  private recordInLedger(transaction: Y.Transaction): void {
    const origin = transaction.origin;
    if (!(origin instanceof AppliedChange) || origin.author === null || origin.source === 'store') return;
    this.ledger.record(transactionEffect(transaction, this.doc.getXmlFragment(documentField)), origin.author);
  }

  /** Loads the document from the store and starts following the other instances. */
  static async load(options: RoomOptions): Promise<Room> {
    const room = new Room(options);
    const started = performance.now();
    const loaded = await options.store.loadDocument(options.documentId);
    room.ledger = replay(loaded, room.doc);
    room.doc.on('afterTransaction', (transaction: Y.Transaction) => room.recordInLedger(transaction));
    room.cursor = loaded.cursor;
    room.updatesSinceCompaction = loaded.updates.length;
    options.hooks.notify('onLoadDocument', { documentId: options.documentId, seconds: (performance.now() - started) / 1000, updates: loaded.updates.length });
    if (options.bus) {
      room.unsubscribeBus = options.bus.subscribe(options.documentId, loaded.cursor, {
        onUpdates: (entries) => room.receiveFromBus(entries),
        onAwareness: (update) => room.presence.receiveFromBus(update),
        onResync: () => void room.resync(),
      });
    }
    room.compactIfDue();
    return room;
  }

  get closed(): boolean {
    return this.isClosed;
  }

  addConnection(connection: Connection): void {
    this.connections.add(connection);
    connection.send(protocol.encodeSyncStep1(Y.encodeStateVector(this.doc)));
    const presence = this.presence.encodeAll();
    if (presence) connection.send(presence);
    if (connection.options.ledger) connection.send(protocol.encodeLedger({ full: true, paragraphs: this.ledger.all() }));
    this.options.hooks.notify('onConnect', { room: this, connection });
  }

  removeConnection(connection: Connection): void {
    if (!this.connections.delete(connection)) return;
    this.presence.removeConnection(connection);
    this.options.hooks.notify('onDisconnect', { room: this, connection });
  }

  /** Handles one frame; a frame that breaks the rules closes its sender and changes nothing. */
  handleMessage(connection: Connection, frame: Uint8Array): void {
    if (this.isClosed || connection.closed) return;
    let message: protocol.IncomingMessage;
    try {
      message = protocol.readMessage(frame);
    } catch (error) {
      this.refuse(connection, CloseCode.malformedMessage, RefusalReason.malformed, (error as Error).message);
      return;
    }
    switch (message.kind) {
      case 'sync-step-1':
        return this.answerSyncStep1(connection, message.stateVector);
      case 'sync-step-2':
      case 'update':
        return this.receiveUpdate(connection, message.update, message.kind === 'sync-step-2');
      case 'awareness':
        return this.receiveAwareness(connection, message.update);
      case 'query-awareness': {
        const presence = this.presence.encodeAll();
        if (presence) connection.send(presence);
        return;
      }
      case 'speaker':
        return this.receiveSpeaker(connection, message.json);
    }
  }

  /** A chair or the secretariat says which delegation the next edits speak for (a proposal read out in the room). */
  private receiveSpeaker(connection: Connection, json: string): void {
    let typingFor: string | null;
    try {
      typingFor = speakerMessageSchema.parse(JSON.parse(json)).typingFor;
    } catch {
      this.refuse(connection, CloseCode.malformedMessage, RefusalReason.malformed, 'invalid speaker message');
      return;
    }
    const user = connection.identity.user;
    if (typingFor !== null && (user === null || !can(user, 'document.typeForDelegation') || delegationByCode(typingFor) === undefined)) {
      this.refuse(connection, CloseCode.forbidden, RefusalReason.typingForForbidden, 'only a chair or the secretariat types for a delegation of the committee');
      return;
    }
    connection.typingFor = typingFor;
    this.presence.restamp(connection);
  }

  private answerSyncStep1(connection: Connection, stateVector: Uint8Array): void {
    let missing: Uint8Array;
    try {
      missing = Y.encodeStateAsUpdate(this.doc, stateVector);
    } catch {
      this.refuse(connection, CloseCode.malformedMessage, RefusalReason.malformed, 'invalid state vector');
      return;
    }
    this.afterDelivery(() => connection.send(protocol.encodeSyncStep2(missing)));
  }

  private receiveUpdate(connection: Connection, update: Uint8Array, isSyncStep2: boolean): void {
    const sequence = ++connection.updatesReceived;
    const inspection = inspectUpdate(this.doc, update, this.options.updateLimits);
    if (!inspection.ok && inspection.reason === RefusalReason.missingDependencies && connection.mayDropForResync()) {
      // The stock provider sends keystrokes before the sync step 2 they build on (right after a
      // reconnect). Drop this update and ask for everything missing: the client's next sync
      // step 2 carries it, and until that is stored nothing from here on is acknowledged.
      // Asked again when a sync step 2 itself is dropped (it may depend on entries this instance has not read yet).
      if (connection.dropForResync(sequence) || isSyncStep2) connection.send(protocol.encodeSyncStep1(Y.encodeStateVector(this.doc)));
      return;
    }
    if (!inspection.ok) {
      const code = inspection.reason === RefusalReason.malformed ? CloseCode.malformedMessage : CloseCode.refusedUpdate;
      this.refuse(connection, code, inspection.reason, inspection.detail);
      return;
    }
    if (!inspection.isEmpty) {
      if (connection.identity.readOnly) {
        this.refuse(connection, CloseCode.forbidden, RefusalReason.readOnly, 'this connection may not change the document');
        return;
      }
      const context = { room: this, connection, update, inspection };
      try {
        this.options.hooks.beforeApplyUpdate(context);
      } catch (error) {
        if (!(error instanceof UpdateRefusal)) throw error;
        this.refuse(connection, error.closeCode, error.reason, error.message);
        return;
      }
      const user = connection.identity.user;
      const author = user === null ? null : authorOf(user, connection.typingFor, new Date());
      try {
        Y.applyUpdate(this.doc, update, new AppliedChange('client', author, connection));
      } catch (error) {
        // The guard should make this unreachable; if not, the in-memory document can no longer be trusted.
        this.options.logger.error({ err: error, documentId: this.documentId }, 'an inspected update failed to apply');
        this.reset(CloseCode.internalError, 'internal error');
        return;
      }
      this.options.hooks.notify('onChange', context);
    }
    this.afterDelivery(() => connection.acknowledge(sequence, isSyncStep2));
  }

  /**
   * Every change applied to the document: a client's is stored before anyone hears of it. A change with no
   * AppliedChange origin is the document's own: yjs tidies formatting after some transactions (deleting
   * redundant format marks) in a transaction of its own. It is stored and sent to every client like any
   * other, or replicas that did not make the same cleanup would keep a state the server does not have.
   */
  private handleDocumentUpdate(update: Uint8Array, origin: unknown): void {
    if (!(origin instanceof AppliedChange)) this.append(update, null, null);
    else if (origin.source === 'bus' || origin.source === 'resync') this.afterDelivery(() => this.broadcastUpdate(update, null));
    else if (origin.source === 'client' && origin.connection !== null) this.append(update, origin.connection, origin.author);
  }

  private append(update: Uint8Array, sender: Connection | null, author: UpdateAuthor | null): void {
    const { store, bus, hooks } = this.options;
    const started = performance.now();
    this.pendingAppends++;
    this.unconfirmedAppends++;
    const appended = store.appendUpdate(this.documentId, update, this.appendOrigin, author === null ? null : JSON.stringify(author));
    // Handled in the chain below, possibly later than it settles: keep Node from calling it unhandled.
    appended.catch(() => {});
    // Settled strictly in order: a failed append is handled only after every earlier one was delivered.
    this.delivered = this.delivered.then(() => appended).then(
      (cursor) => {
        this.pendingAppends--;
        hooks.notify('onStore', { documentId: this.documentId, bytes: update.byteLength, seconds: (performance.now() - started) / 1000 });
        if (!bus) {
          this.unconfirmedAppends--;
          this.advanceCursor(cursor);
        }
        this.broadcastUpdate(update, sender);
      },
      (error: unknown) => {
        this.pendingAppends--;
        this.options.logger.error({ err: error, documentId: this.documentId }, 'store append failed');
        this.reset(CloseCode.tryAgainLater, 'store unavailable');
      },
    );
  }

  /** Runs `deliver` now when nothing is waiting for the store, else right after what is. */
  private afterDelivery(deliver: () => void): void {
    if (this.pendingAppends === 0) deliver();
    else {
      this.delivered = this.delivered.then(deliver).catch((error: unknown) => {
        this.options.logger.error({ err: error, documentId: this.documentId }, 'delivery failed');
      });
    }
  }

  private receiveFromBus(entries: StoredUpdate[]): void {
    if (this.isClosed) return;
    for (const entry of entries) {
      if (entry.origin === this.appendOrigin) this.unconfirmedAppends--;
      else {
        try {
          Y.applyUpdate(this.doc, entry.update, new AppliedChange('bus', parseAuthor(entry.author)));
        } catch (error) {
          this.options.logger.error({ err: error, documentId: this.documentId }, 'a stored update from another instance failed to apply');
        }
      }
      this.advanceCursor(entry.cursor);
    }
  }

  /** Merges the stored state into the live document after this instance may have missed entries. */
  private async resync(): Promise<void> {
    try {
      const loaded = await this.options.store.loadDocument(this.documentId);
      if (this.isClosed) return;
      // The stored ledger is the truth; rebuilt on a fresh copy, since the live document already holds part of the log.
      const stored = new Y.Doc();
      const ledger = replay(loaded, stored);
      Y.applyUpdate(this.doc, Y.encodeStateAsUpdate(stored), fromResync);
      stored.destroy();
      this.ledger = ledger;
      this.sendLedger({ full: true, paragraphs: ledger.all() });
      this.options.logger.warn({ documentId: this.documentId }, 'resynchronised from the store after a stall');
    } catch (error) {
      this.options.logger.error({ err: error, documentId: this.documentId }, 'resync from the store failed');
      this.reset(CloseCode.tryAgainLater, 'document unavailable');
    }
  }

  private advanceCursor(cursor: Cursor): void {
    this.cursor = cursor;
    this.updatesSinceCompaction++;
    this.compactIfDue();
  }

  private compactIfDue(): void {
    if (this.updatesSinceCompaction >= this.options.compactAfterUpdates && !this.compaction) void this.compact();
  }

  /**
   * Merges the log into a snapshot so that loading does not grow with the edit history. Only while the
   * document holds exactly the log through `cursor`, so that the ledger stored with it matches.
   */
  compact(): Promise<void> {
    if (this.compaction) return this.compaction;
    const through = this.cursor;
    const counted = this.updatesSinceCompaction;
    if (counted === 0 || this.unconfirmedAppends !== 0) return Promise.resolve();
    const snapshot = Y.encodeStateAsUpdate(this.doc);
    this.compaction = this.options.store
      .compact(this.documentId, snapshot, through, this.ledger.serialize())
      .then(() => {
        this.updatesSinceCompaction -= counted;
      })
      .catch((error: unknown) => this.options.logger.warn({ err: error, documentId: this.documentId }, 'compaction failed'))
      .finally(() => {
        this.compaction = null;
      });
    return this.compaction;
  }

  private receiveAwareness(connection: Connection, update: Uint8Array): void {
    try {
      this.presence.receive(connection, update);
    } catch (error) {
      if (!(error instanceof protocol.MalformedMessageError)) throw error;
      this.refuse(connection, CloseCode.malformedMessage, RefusalReason.malformed, error.message);
    }
  }

  private broadcastUpdate(update: Uint8Array, except: Connection | null): void {
    const changes = this.ledger.takeChanges();
    if (Object.keys(changes).length > 0) this.sendLedger({ full: false, paragraphs: changes });
    const recipients = this.connections.size - (except && this.connections.has(except) ? 1 : 0);
    if (recipients === 0) return;
    this.broadcast(protocol.encodeUpdate(update), except);
    this.options.hooks.notify('onBroadcast', { documentId: this.documentId, recipients });
  }

  /** Sends attribution to the connections that asked for it (`?ledger=1`). */
  private sendLedger(message: Parameters<typeof protocol.encodeLedger>[0]): void {
    let frame: Uint8Array | null = null;
    for (const connection of this.connections) {
      if (connection.options.ledger) connection.send((frame ??= protocol.encodeLedger(message)));
    }
  }

  private broadcast(frame: Uint8Array, except: Connection | null): void {
    for (const connection of this.connections) if (connection !== except) connection.send(frame);
  }

  private refuse(connection: Connection, closeCode: CloseCodeValue, reason: RefusalReasonValue, detail: string): void {
    this.options.logger.info({ documentId: this.documentId, connectionId: connection.id, reason, detail }, 'message refused');
    this.options.hooks.notify('onRefuse', { documentId: this.documentId, connection, reason, closeCode });
    connection.close(closeCode, reason);
  }

  /** Drops every connection and marks the room closed; clients reconnect to a freshly loaded room. */
  private reset(closeCode: CloseCodeValue, reason: string): void {
    if (this.isClosed) return;
    this.isClosed = true;
    this.options.onReset(this);
    for (const connection of this.connections) connection.close(closeCode, reason);
  }

  /** Waits for pending appends; true when everything this room accepted is stored. */
  async flush(): Promise<void> {
    await this.delivered;
  }

  /** Stops the room: flushes, compacts, stops following other instances and frees the document. */
  async close(): Promise<void> {
    const wasOpen = !this.isClosed;
    this.isClosed = true;
    await this.flush();
    // With a bus, this room's last entries count as confirmed once read back from it: give them a moment.
    for (let waited = 0; this.unconfirmedAppends > 0 && this.options.bus && waited < 2000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
    if (wasOpen) await this.compact();
    else await this.compaction;
    this.unsubscribeBus();
    this.presence.destroy();
    this.doc.destroy();
    this.options.hooks.notify('onUnloadDocument', { documentId: this.documentId });
  }
}
