import { randomUUID } from 'node:crypto';
import * as Y from 'yjs';
import type { Logger } from 'pino';
import { CloseCode, RefusalReason, type CloseCodeValue, type RefusalReasonValue } from '@concord/shared';
import type { Cursor, InstanceBus, Store, StoredUpdate } from '../storage/Store.ts';
import { Connection } from './Connection.ts';
import { UpdateRefusal, type Hooks } from './Extension.ts';
import { inspectUpdate, type UpdateLimits } from './guard/inspectUpdate.ts';
import * as protocol from './protocol.ts';
import { RoomPresence } from './RoomPresence.ts';

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

/** Origin of changes that arrive from another instance through the bus (already stored). */
const fromBus = Symbol('bus');
/** Origin of the changes read from the store when the room loads. */
const fromStore = Symbol('store');

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

  /** Loads the document from the store and starts following the other instances. */
  static async load(options: RoomOptions): Promise<Room> {
    const room = new Room(options);
    const started = performance.now();
    const loaded = await options.store.loadDocument(options.documentId);
    Y.transact(room.doc, () => {
      if (loaded.snapshot) Y.applyUpdate(room.doc, loaded.snapshot, fromStore);
      for (const entry of loaded.updates) Y.applyUpdate(room.doc, entry.update, fromStore);
    }, fromStore);
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
    }
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
      try {
        Y.applyUpdate(this.doc, update, connection);
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

  /** Every change applied to the document: a client's is stored before anyone hears of it. */
  private handleDocumentUpdate(update: Uint8Array, origin: unknown): void {
    if (origin === fromStore) return;
    if (origin === fromBus) {
      this.afterDelivery(() => this.broadcastUpdate(update, null));
      return;
    }
    if (origin instanceof Connection) this.append(update, origin);
  }

  private append(update: Uint8Array, sender: Connection): void {
    const { store, bus, hooks } = this.options;
    const started = performance.now();
    this.pendingAppends++;
    const appended = store.appendUpdate(this.documentId, update, this.appendOrigin);
    // Handled in the chain below, possibly later than it settles: keep Node from calling it unhandled.
    appended.catch(() => {});
    // Settled strictly in order: a failed append is handled only after every earlier one was delivered.
    this.delivered = this.delivered.then(() => appended).then(
      (cursor) => {
        this.pendingAppends--;
        hooks.notify('onStore', { documentId: this.documentId, bytes: update.byteLength, seconds: (performance.now() - started) / 1000 });
        if (!bus) this.advanceCursor(cursor);
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
      if (entry.origin !== this.appendOrigin) {
        try {
          Y.applyUpdate(this.doc, entry.update, fromBus);
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
      Y.transact(this.doc, () => {
        if (loaded.snapshot) Y.applyUpdate(this.doc, loaded.snapshot, fromBus);
        for (const entry of loaded.updates) Y.applyUpdate(this.doc, entry.update, fromBus);
      }, fromBus);
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

  /** Merges the log into a snapshot so that loading does not grow with the edit history. */
  compact(): Promise<void> {
    if (this.compaction) return this.compaction;
    const through = this.cursor;
    const counted = this.updatesSinceCompaction;
    if (counted === 0) return Promise.resolve();
    const snapshot = Y.encodeStateAsUpdate(this.doc);
    this.compaction = this.options.store
      .compact(this.documentId, snapshot, through)
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
    const recipients = this.connections.size - (except && this.connections.has(except) ? 1 : 0);
    if (recipients === 0) return;
    this.broadcast(protocol.encodeUpdate(update), except);
    this.options.hooks.notify('onBroadcast', { documentId: this.documentId, recipients });
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
    if (wasOpen) await this.compact();
    else await this.compaction;
    this.unsubscribeBus();
    this.presence.destroy();
    this.doc.destroy();
    this.options.hooks.notify('onUnloadDocument', { documentId: this.documentId });
  }
}
