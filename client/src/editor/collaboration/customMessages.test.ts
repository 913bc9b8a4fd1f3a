import { describe, expect, it } from 'vitest';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { MessageType, speakerMessageSchema } from '@concord/shared';
import { encodeSpeakerMessage, readLedgerText, readStoredCount } from './customMessages.ts';

describe('custom protocol messages', () => {
  it('encodes message 102 as a type and a JSON string the server parses', () => {
    const decoder = decoding.createDecoder(encodeSpeakerMessage({ typingFor: 'MEX' }));
    expect(decoding.readVarUint(decoder)).toBe(MessageType.speaker);
    expect(speakerMessageSchema.parse(JSON.parse(decoding.readVarString(decoder)))).toEqual({ typingFor: 'MEX' });
    expect(decoding.hasContent(decoder)).toBe(false);
  });

  it('reads the payloads of messages 100 and 101', () => {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.stored);
    encoding.writeVarUint(encoder, 300);
    const stored = decoding.createDecoder(encoding.toUint8Array(encoder));
    decoding.readVarUint(stored);
    expect(readStoredCount(stored)).toBe(300);

    const ledgerEncoder = encoding.createEncoder();
    encoding.writeVarUint(ledgerEncoder, MessageType.ledger);
    encoding.writeVarString(ledgerEncoder, '{"full":true,"paragraphs":{}}');
    const ledger = decoding.createDecoder(encoding.toUint8Array(ledgerEncoder));
    decoding.readVarUint(ledger);
    expect(readLedgerText(ledger)).toBe('{"full":true,"paragraphs":{}}');
  });
});
