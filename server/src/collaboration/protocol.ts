/**
 * The wire format: the plain y-websocket protocol (sync, awareness, query-awareness) plus
 * Concord's `stored` acknowledgement, `ledger` (attribution) and `speaker` messages.
 * The only module that touches lib0 encoding of messages.
 */
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import { MessageType, ledgerMessageSchema, type DiscussionMessage, type LedgerMessage, type SpeakerMessage } from '@concord/shared';

export type IncomingMessage =
  | { kind: 'sync-step-1'; stateVector: Uint8Array }
  | { kind: 'sync-step-2'; update: Uint8Array }
  | { kind: 'update'; update: Uint8Array }
  | { kind: 'awareness'; update: Uint8Array }
  | { kind: 'query-awareness' }
  /** Concord's type 102: JSON, validated by the room (speakerMessageSchema). */
  | { kind: 'speaker'; json: string };

/** Thrown for any frame that is not exactly one well-formed message. */
export class MalformedMessageError extends Error {
  override name = 'MalformedMessageError';
}

/** Decodes one client frame; never returns a partial message. */
export function readMessage(frame: Uint8Array): IncomingMessage {
  const decoder = decoding.createDecoder(frame);
  try {
    const message = readMessageBody(decoder);
    if (decoding.hasContent(decoder)) throw new MalformedMessageError('trailing bytes after the message');
    return message;
  } catch (error) {
    if (error instanceof MalformedMessageError) throw error;
    throw new MalformedMessageError('truncated or invalid frame');
  }
}

function readMessageBody(decoder: decoding.Decoder): IncomingMessage {
  const type = decoding.readVarUint(decoder);
  switch (type) {
    case MessageType.sync: {
      const syncType = decoding.readVarUint(decoder);
      const payload = decoding.readVarUint8Array(decoder);
      if (syncType === syncProtocol.messageYjsSyncStep1) return { kind: 'sync-step-1', stateVector: payload };
      if (syncType === syncProtocol.messageYjsSyncStep2) return { kind: 'sync-step-2', update: payload };
      if (syncType === syncProtocol.messageYjsUpdate) return { kind: 'update', update: payload };
      throw new MalformedMessageError(`unknown sync message type ${syncType}`);
    }
    case MessageType.awareness:
      return { kind: 'awareness', update: decoding.readVarUint8Array(decoder) };
    case MessageType.queryAwareness:
      return { kind: 'query-awareness' };
    case MessageType.speaker:
      return { kind: 'speaker', json: decoding.readVarString(decoder) };
    default:
      throw new MalformedMessageError(`unknown message type ${type}`);
  }
}

function encodeSync(syncType: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.sync);
  encoding.writeVarUint(encoder, syncType);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

export const encodeSyncStep1 = (stateVector: Uint8Array) => encodeSync(syncProtocol.messageYjsSyncStep1, stateVector);
export const encodeSyncStep2 = (update: Uint8Array) => encodeSync(syncProtocol.messageYjsSyncStep2, update);
export const encodeUpdate = (update: Uint8Array) => encodeSync(syncProtocol.messageYjsUpdate, update);

export function encodeAwareness(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.awareness);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** `stored` acknowledgement: the count of this connection's update-bearing messages now durable. */
export function encodeStored(count: number): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.stored);
  encoding.writeVarUint(encoder, count);
  return encoding.toUint8Array(encoder);
}

/** Concord's type 101: the paragraphs' attribution, as JSON (ledgerMessageSchema). */
export function encodeLedger(message: LedgerMessage): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.ledger);
  encoding.writeVarString(encoder, JSON.stringify(message));
  return encoding.toUint8Array(encoder);
}

/** Concord's type 103: something of the discussion changed (discussionMessageSchema); the client refetches it. */
export function encodeDiscussion(message: DiscussionMessage): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.discussion);
  encoding.writeVarString(encoder, JSON.stringify(message));
  return encoding.toUint8Array(encoder);
}

/** Reads a `ledger` message (for clients and tests); null when the frame is something else. */
export function readLedger(frame: Uint8Array): LedgerMessage | null {
  const decoder = decoding.createDecoder(frame);
  if (decoding.readVarUint(decoder) !== MessageType.ledger) return null;
  return ledgerMessageSchema.parse(JSON.parse(decoding.readVarString(decoder)));
}

/** Concord's type 102, as a client sends it. */
export function encodeSpeaker(message: SpeakerMessage): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.speaker);
  encoding.writeVarString(encoder, JSON.stringify(message));
  return encoding.toUint8Array(encoder);
}

/** Reads a `stored` message (for clients and tests); null when the frame is something else. */
export function readStored(frame: Uint8Array): number | null {
  const decoder = decoding.createDecoder(frame);
  if (decoding.readVarUint(decoder) !== MessageType.stored) return null;
  return decoding.readVarUint(decoder);
}

export interface AwarenessEntry {
  clientId: number;
  clock: number;
  state: unknown;
}

/**
 * Fully decodes an awareness update before y-protocols applies it, which would otherwise apply
 * the entries before a malformed one. Throws MalformedMessageError.
 */
export function readAwarenessUpdate(update: Uint8Array, maxEntries: number): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update);
  try {
    const count = decoding.readVarUint(decoder);
    if (count > maxEntries) throw new MalformedMessageError(`awareness update with ${count} entries`);
    const entries: AwarenessEntry[] = [];
    for (let index = 0; index < count; index++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const state: unknown = JSON.parse(decoding.readVarString(decoder));
      entries.push({ clientId, clock, state });
    }
    if (decoding.hasContent(decoder)) throw new MalformedMessageError('trailing bytes after the awareness update');
    return entries;
  } catch (error) {
    if (error instanceof MalformedMessageError) throw error;
    throw new MalformedMessageError('invalid awareness update');
  }
}

/** Encodes awareness entries as y-protocols does (used to pass on only the entries a sender may set). */
export function encodeAwarenessEntries(entries: readonly AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const { clientId, clock, state } of entries) {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, JSON.stringify(state));
  }
  return encoding.toUint8Array(encoder);
}
