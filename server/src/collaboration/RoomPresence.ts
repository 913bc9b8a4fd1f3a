import type * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { Logger } from 'pino';
import { CloseCode, RefusalReason, presenceUserOf } from '@concord/shared';
import type { InstanceBus } from '../storage/Store.ts';
import { Connection } from './Connection.ts';
import type { Hooks } from './Extension.ts';
import * as protocol from './protocol.ts';

export interface RoomPresenceOptions {
  documentId: string;
  bus: InstanceBus | null;
  hooks: Hooks;
  logger: Logger;
  maxAwarenessEntries: number;
  /** Sends a frame to every connection of the room. */
  broadcast: (frame: Uint8Array) => void;
}

interface AwarenessChange {
  added: number[];
  updated: number[];
  removed: number[];
}

/** Marks awareness changes that came from another instance, so they are not published back. */
const fromBus = Symbol('bus');

/**
 * Who is in a document (y-protocols awareness): relays each change to the room and to the other
 * instances, and lets each connection set or clear only the awareness states it announced.
 */
export class RoomPresence {
  readonly awareness: awarenessProtocol.Awareness;
  private readonly owners = new Map<number, Connection>();

  constructor(
    doc: Y.Doc,
    private readonly options: RoomPresenceOptions,
  ) {
    this.awareness = new awarenessProtocol.Awareness(doc);
    this.awareness.setLocalState(null);
    this.awareness.on('update', (change: AwarenessChange, origin: unknown) => this.relay(change, origin));
  }

  /** Every known state, as one awareness message (for a joining client and query-awareness). */
  encodeAll(): Uint8Array | null {
    const clients = [...this.awareness.getStates().keys()];
    return clients.length === 0 ? null : protocol.encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients));
  }

  /**
   * Applies a client's awareness update; throws MalformedMessageError before applying anything.
   * Entries about someone else's clientID are dropped, not refused: the sender may be the same
   * client reconnecting while its previous socket still lingers.
   */
  receive(connection: Connection, update: Uint8Array): void {
    // The stock provider echoes every state it receives; y-protocols would ignore those (no newer clock).
    const received = protocol.readAwarenessUpdate(update, this.options.maxAwarenessEntries);
    const entries = received.filter((entry) => !this.isEcho(entry));
    if (entries.length === 0) return;
    const own = entries.filter((entry) => {
      const owner = this.owners.get(entry.clientId);
      return owner === undefined || owner === connection || owner.closed || owner.identity.principal === connection.identity.principal;
    });
    if (own.length < entries.length) {
      this.options.hooks.notify('onRefuse', { documentId: this.options.documentId, connection, reason: RefusalReason.awarenessNotOwned, closeCode: CloseCode.normal });
    }
    if (own.length > 0) this.apply(protocol.encodeAwarenessEntries(own.map((entry) => this.stamp(entry, connection))), connection);
  }

  /**
   * Replaces the `user` of a state with who the session says the sender is: nobody appears as someone else.
   * A state that is not an object becomes one, so every announced presence carries an identity.
   */
  private stamp(entry: protocol.AwarenessEntry, connection: Connection): protocol.AwarenessEntry {
    if (entry.state === null) return entry;
    const user = connection.identity.user;
    const base = typeof entry.state === 'object' && !Array.isArray(entry.state) ? (entry.state as Record<string, unknown>) : {};
    return { ...entry, state: { ...base, user: user === null ? null : presenceUserOf(user, connection.typingFor) } };
  }

  /** Re-announces a connection's states with its current identity (after it starts or stops typing for a delegation). */
  restamp(connection: Connection): void {
    const entries: protocol.AwarenessEntry[] = [];
    for (const clientId of connection.awarenessClients) {
      const state = this.awareness.getStates().get(clientId);
      const clock = this.awareness.meta.get(clientId)?.clock;
      if (state === undefined || clock === undefined || this.owners.get(clientId) !== connection) continue;
      entries.push(this.stamp({ clientId, clock: clock + 1, state }, connection));
    }
    if (entries.length > 0) this.apply(protocol.encodeAwarenessEntries(entries), connection);
  }

  /** An entry y-protocols would not apply: its clock is not newer than the state already held. */
  private isEcho({ clientId, clock, state }: protocol.AwarenessEntry): boolean {
    const known = this.awareness.meta.get(clientId)?.clock;
    if (known === undefined) return false;
    return clock < known || (clock === known && (state !== null || !this.awareness.states.has(clientId)));
  }

  /** An awareness update another instance published. */
  receiveFromBus(update: Uint8Array): void {
    this.apply(update, fromBus);
  }

  /** Clears the states a leaving connection announced, here and on the other instances. */
  removeConnection(connection: Connection): void {
    for (const client of connection.awarenessClients) if (this.owners.get(client) === connection) this.owners.delete(client);
    awarenessProtocol.removeAwarenessStates(this.awareness, [...connection.awarenessClients], null);
  }

  destroy(): void {
    this.awareness.destroy();
  }

  private apply(update: Uint8Array, origin: Connection | typeof fromBus): void {
    try {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, update, origin);
    } catch (error) {
      this.options.logger.warn({ err: error, documentId: this.options.documentId }, 'awareness update failed to apply');
    }
  }

  private relay({ added, updated, removed }: AwarenessChange, origin: unknown): void {
    if (origin instanceof Connection) {
      const connection = origin;
      for (const client of [...added, ...updated]) {
        connection.awarenessClients.add(client);
        this.owners.set(client, connection);
      }
      for (const client of removed) {
        connection.awarenessClients.delete(client);
        this.owners.delete(client);
      }
    }
    const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...added, ...updated, ...removed]);
    this.options.broadcast(protocol.encodeAwareness(update));
    if (origin !== fromBus && this.options.bus) {
      this.options.bus.publishAwareness(this.options.documentId, update).catch((error: unknown) => {
        this.options.logger.warn({ err: error, documentId: this.options.documentId }, 'awareness publish failed');
      });
    }
  }
}
