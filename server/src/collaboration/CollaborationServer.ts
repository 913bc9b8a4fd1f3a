import type * as Y from 'yjs';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { Logger } from 'pino';
import { CloseCode, RefusalReason, documentIdSchema, ledgerParameter, storedAcknowledgementParameter } from '@concord/shared';
import type { InstanceBus, Store } from '../storage/Store.ts';
import { Connection, type ConnectionOptions } from './Connection.ts';
import { Hooks, UpgradeRefusal, type ConnectionIdentity, type Extension, type UpgradeRequest } from './Extension.ts';
import type { UpdateLimits } from './guard/inspectUpdate.ts';
import { Room } from './Room.ts';

export interface CollaborationLimits {
  maxMessageBytes: number;
  maxMessagesPerSecond: number;
  maxSendBufferBytes: number;
  maxConnectionsPerDocument: number;
  maxStructsPerUpdate: number;
  heartbeatIntervalMs: number;
  compactAfterUpdates: number;
}

export interface CollaborationServerOptions {
  store: Store;
  bus: InstanceBus | null;
  extensions: readonly Extension[];
  logger: Logger;
  limits: CollaborationLimits;
}

const collaborationPath = /^\/collab\/([^/]+)$/;

/**
 * The websocket side of Concord: answers upgrades on /collab/:documentId, keeps one Room per
 * open document, and unloads it once its last client has left and its writes are stored.
 */
export class CollaborationServer {
  private readonly hooks: Hooks;
  private readonly sockets: WebSocketServer;
  private readonly rooms = new Map<string, Promise<Room>>();
  /** The loaded room of each document: `unload` acts only on the room that is still current. */
  private readonly currentRooms = new Map<string, Room>();
  /** Rooms still flushing after their last client left; a new load waits for them. */
  private readonly closingRooms = new Map<string, Promise<void>>();
  private readonly connections = new Set<Connection>();
  /** Sockets admitted per document, counted from the upgrade decision until the socket closes. */
  private readonly admitted = new Map<string, number>();
  private readonly heartbeat: NodeJS.Timeout;
  private readonly updateLimits: UpdateLimits;
  private isShuttingDown = false;

  constructor(private readonly options: CollaborationServerOptions) {
    const { maxStructsPerUpdate } = options.limits;
    this.updateLimits = { maxStructs: maxStructsPerUpdate, maxClients: 10_000, maxDeleteRanges: maxStructsPerUpdate, maxAnyDepth: 64, maxClockAdvance: 1 << 24 };
    this.sockets = new WebSocketServer({ noServer: true, maxPayload: options.limits.maxMessageBytes });
    this.hooks = new Hooks(options.extensions, (hook, extension, error) => options.logger.error({ err: error, hook, extension }, 'extension hook failed'));
    this.heartbeat = setInterval(() => this.checkHeartbeats(), options.limits.heartbeatIntervalMs);
    this.heartbeat.unref();
  }

  /** Every accepted connection, in a room or waiting for one. */
  get openConnections(): ReadonlySet<Connection> {
    return this.connections;
  }

  /** Node's `upgrade` handler: every refusal is an HTTP answer, given before any websocket exists. */
  async handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    socket.on('error', () => socket.destroy());
    try {
      const url = new URL(request.url ?? '/', 'http://localhost');
      const documentId = documentIdSchema.safeParse(decodeURIComponent(collaborationPath.exec(url.pathname)?.[1] ?? ''));
      if (!documentId.success) throw new UpgradeRefusal(404, 'not found');
      if (this.isShuttingDown) throw new UpgradeRefusal(503, 'shutting down');
      const upgrade: UpgradeRequest = { documentId: documentId.data, headers: request.headers, url, remoteAddress: request.socket.remoteAddress };
      const identity = await this.hooks.authenticate(upgrade, {
        principal: `connection:${randomUUID()}`,
        principalIsEphemeral: true,
        readOnly: true,
        user: null,
        sessionIdHash: null,
      });
      // Nobody writes or reads without a session, whatever extensions are configured.
      if (identity.user === null) throw new UpgradeRefusal(401, 'sign in first');
      if (!(await this.options.store.getDocument(documentId.data))) throw new UpgradeRefusal(404, 'no such document');
      // Re-checked after the awaits: shutdown may have begun, or the client may have gone.
      if (this.isShuttingDown) throw new UpgradeRefusal(503, 'shutting down');
      if (socket.destroyed || !socket.writable) return;
      // Checked and counted in one synchronous step, after the last await, so a burst cannot overshoot.
      const admitted = this.admitted.get(documentId.data) ?? 0;
      if (admitted >= this.options.limits.maxConnectionsPerDocument) throw new UpgradeRefusal(503, 'document is full');
      this.admitted.set(documentId.data, admitted + 1);
      socket.once('close', () => this.release(documentId.data));
      const options: ConnectionOptions = {
        acknowledgements: url.searchParams.get(storedAcknowledgementParameter) === '1',
        ledger: url.searchParams.get(ledgerParameter) === '1',
      };
      this.sockets.handleUpgrade(request, socket, head, (websocket) => void this.accept(websocket, documentId.data, identity, options));
    } catch (error) {
      const status = error instanceof UpgradeRefusal ? error.status : 503;
      if (!(error instanceof UpgradeRefusal)) this.options.logger.error({ err: error }, 'upgrade failed');
      const message = error instanceof UpgradeRefusal ? error.message : 'service unavailable';
      socket.end(`HTTP/1.1 ${status} ${message}\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(message)}\r\nConnection: close\r\n\r\n${message}`);
    }
  }

  private async accept(websocket: WebSocket, documentId: string, identity: ConnectionIdentity, options: ConnectionOptions): Promise<void> {
    const { limits, logger } = this.options;
    const connection = new Connection(websocket, documentId, identity, options, limits, (reason, closeCode) => {
      this.hooks.notify('onRefuse', { documentId, connection, reason, closeCode });
      logger.info({ documentId, connectionId: connection.id, reason }, 'connection over a limit');
    });
    this.connections.add(connection);
    // Frames that arrive while the room loads wait for it, in order.
    const early: RawData[] = [];
    let room: Room | null = null;
    websocket.on('message', (data: RawData) => {
      if (this.isShuttingDown) return;
      if (connection.closed || !connection.takeMessageToken()) return;
      if (room) this.deliver(room, connection, data);
      else early.push(data);
    });
    websocket.on('pong', () => (connection.awaitingPong = false));
    websocket.on('error', (error: Error & { code?: string }) => {
      const reason = error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH' ? RefusalReason.tooLarge : RefusalReason.malformed;
      this.hooks.notify('onRefuse', { documentId, connection, reason, closeCode: error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH' ? CloseCode.messageTooBig : CloseCode.malformedMessage });
      logger.info({ documentId, connectionId: connection.id, code: error.code }, 'websocket error');
    });
    websocket.on('close', () => {
      this.connections.delete(connection);
      if (room) this.leave(room, connection);
    });
    let loaded: Room;
    try {
      // A room can close while this connection waits for it (its other clients left, or the store failed).
      do loaded = await this.openRoom(documentId);
      while (loaded.closed && !connection.closed && !this.isShuttingDown);
    } catch (error) {
      logger.error({ err: error, documentId }, 'document failed to load');
      connection.close(CloseCode.tryAgainLater, 'document unavailable');
      return;
    }
    if (this.isShuttingDown) connection.close(CloseCode.goingAway, 'server shutting down');
    if (connection.closed || loaded.closed) {
      if (loaded.connections.size === 0) this.unload(loaded);
      return;
    }
    room = loaded;
    room.addConnection(connection);
    for (const data of early.splice(0)) this.deliver(room, connection, data);
  }

  /** Hands a frame to its room; an unexpected failure closes that connection, never the process. */
  private deliver(room: Room, connection: Connection, data: RawData): void {
    try {
      room.handleMessage(connection, toBytes(data));
    } catch (error) {
      this.options.logger.error({ err: error, documentId: room.documentId, connectionId: connection.id }, 'message handling failed');
      this.hooks.notify('onRefuse', { documentId: room.documentId, connection, reason: RefusalReason.internalError, closeCode: CloseCode.internalError });
      connection.close(CloseCode.internalError, 'internal error');
    }
  }

  private async openRoom(documentId: string): Promise<Room> {
    for (;;) {
      await this.closingRooms.get(documentId);
      const existing = this.rooms.get(documentId);
      if (existing) {
        const room = await existing;
        if (!room.closed) return room;
        continue;
      }
      const loading = Room.load({
        documentId,
        store: this.options.store,
        bus: this.options.bus,
        hooks: this.hooks,
        logger: this.options.logger,
        updateLimits: this.updateLimits,
        compactAfterUpdates: this.options.limits.compactAfterUpdates,
        maxAwarenessEntries: 1_000,
        onReset: (room) => this.unload(room),
      });
      this.rooms.set(documentId, loading);
      // Registered before any caller awaits `loading`, so the room is current before they resume.
      loading.then(
        (room) => this.currentRooms.set(documentId, room),
        () => this.rooms.get(documentId) === loading && this.rooms.delete(documentId),
      );
      return loading;
    }
  }

  private release(documentId: string): void {
    const remaining = (this.admitted.get(documentId) ?? 1) - 1;
    if (remaining > 0) this.admitted.set(documentId, remaining);
    else this.admitted.delete(documentId);
  }

  private leave(room: Room, connection: Connection): void {
    room.removeConnection(connection);
    if (room.connections.size === 0) this.unload(room);
  }

  /** Forgets the room now; a client arriving meanwhile waits until its writes are stored. */
  private unload(room: Room): void {
    const { documentId } = room;
    // Only the current room: a room unloaded before (reset, or emptied while loading) stays gone.
    if (this.currentRooms.get(documentId) !== room) return;
    this.currentRooms.delete(documentId);
    this.rooms.delete(documentId);
    const closing = room
      .close()
      .catch((error: unknown) => this.options.logger.error({ err: error, documentId }, 'room failed to close'))
      .finally(() => this.closingRooms.delete(documentId));
    this.closingRooms.set(documentId, closing);
  }

  private checkHeartbeats(): void {
    for (const connection of this.connections) {
      if (connection.awaitingPong) {
        this.hooks.notify('onRefuse', { documentId: connection.documentId, connection, reason: RefusalReason.heartbeatTimeout, closeCode: CloseCode.heartbeatTimeout });
        connection.terminate();
      } else {
        connection.ping();
      }
    }
  }

  /**
   * The live document of a room open on this instance, or null (then the store has it). For reading only: every
   * change goes through a room's checks.
   */
  openDocument(documentId: string): Y.Doc | null {
    const room = this.currentRooms.get(documentId);
    return room === undefined || room.closed ? null : room.doc;
  }

  /** Open rooms on this instance (for tests and metrics). */
  get openDocumentCount(): number {
    return this.rooms.size;
  }

  /** Stops accepting, flushes every pending write, then closes sockets with "going away". */
  async shutdown(): Promise<void> {
    this.isShuttingDown = true;
    clearInterval(this.heartbeat);
    // Repeated while anything remains: a room may still be loading for a connection accepted just before.
    while (this.rooms.size > 0 || this.closingRooms.size > 0 || this.connections.size > 0) {
      const rooms = await Promise.allSettled([...this.rooms.values()]);
      const open = rooms.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
      await Promise.all(open.map((room) => room.flush()));
      for (const connection of this.connections) connection.close(CloseCode.goingAway, 'server shutting down');
      for (const room of open) this.unload(room);
      await Promise.all(this.closingRooms.values());
      if (this.connections.size > 0) await new Promise((resolve) => setTimeout(resolve, 10));
    }
    this.sockets.close();
    await this.hooks.destroy();
  }
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
