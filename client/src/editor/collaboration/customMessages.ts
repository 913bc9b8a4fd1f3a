import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { MessageType, type SpeakerMessage } from '@concord/shared';

/** Message 102: whom the following edits speak for (null = oneself). Chairs and the secretariat only. */
export function encodeSpeakerMessage(message: SpeakerMessage): Uint8Array<ArrayBuffer> {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.speaker);
  encoding.writeVarString(encoder, JSON.stringify(message));
  return new Uint8Array(encoding.toUint8Array(encoder));
}

/** The payload of message 100 (the message type already read): how many update-bearing messages are stored. */
export function readStoredCount(decoder: decoding.Decoder): number {
  return decoding.readVarUint(decoder);
}

/** The payload of message 101 (the message type already read): the ledger JSON text. */
export function readLedgerText(decoder: decoding.Decoder): string {
  return decoding.readVarString(decoder);
}

/** The payload of message 103 (the message type already read): the discussion event's JSON text. */
export function readDiscussionText(decoder: decoding.Decoder): string {
  return decoding.readVarString(decoder);
}
