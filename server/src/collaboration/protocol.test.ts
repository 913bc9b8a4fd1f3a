import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as prng from 'lib0/prng';
import { MessageType } from '@concord/shared';
import {
  MalformedMessageError,
  encodeAwareness,
  encodeLedger,
  encodeSpeaker,
  readLedger,
  encodeStored,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
  readAwarenessUpdate,
  readMessage,
  readStored,
} from './protocol.ts';

/** A document with some content, so updates and state vectors are not trivially empty. */
function sampleDoc(): Y.Doc {
  const doc = new Y.Doc();
  doc.getText('text').insert(0, 'Article I. Each Party undertakes…', { bold: true });
  doc.getArray('array').push([1, 'two', { three: [3] }]);
  doc.getMap('map').set('key', 'value');
  return doc;
}

function bytes(...values: number[]): Uint8Array {
  return new Uint8Array(values);
}

/** Calls `read` and returns what it threw; fails when it returns normally or throws anything but MalformedMessageError. */
function malformedErrorOf(read: () => unknown): MalformedMessageError {
  try {
    read();
  } catch (error) {
    if (error instanceof MalformedMessageError) return error;
    throw new Error(`expected a MalformedMessageError, got ${String(error)}`, { cause: error });
  }
  throw new Error('expected a MalformedMessageError, but the input was accepted');
}

/** A varuint of `continuationBytes` bytes that all say "more follows", then `last`. */
function longVarUint(continuationBytes: number, last: number): number[] {
  return [...Array.from({ length: continuationBytes }, () => 0xff), last];
}

/** `frame` copied into the middle of a larger buffer, as ws hands out views into pooled buffers. */
function viewInsideLargerBuffer(frame: Uint8Array): Uint8Array {
  const buffer = new Uint8Array(frame.byteLength + 64).fill(0x41);
  buffer.set(frame, 16);
  return buffer.subarray(16, 16 + frame.byteLength);
}

describe('readMessage round-trips every encoder', () => {
  const doc = sampleDoc();
  const stateVector = Y.encodeStateVector(doc);
  const update = Y.encodeStateAsUpdate(doc);

  it('sync step 1', () => {
    expect(readMessage(encodeSyncStep1(stateVector))).toEqual({ kind: 'sync-step-1', stateVector });
  });

  it('sync step 2', () => {
    expect(readMessage(encodeSyncStep2(update))).toEqual({ kind: 'sync-step-2', update });
  });

  it('update', () => {
    expect(readMessage(encodeUpdate(update))).toEqual({ kind: 'update', update });
  });

  it('awareness', () => {
    const awareness = new awarenessProtocol.Awareness(doc);
    awareness.setLocalState({ user: { name: 'Delegation of Austria' } });
    const awarenessUpdate = awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]);
    expect(readMessage(encodeAwareness(awarenessUpdate))).toEqual({ kind: 'awareness', update: awarenessUpdate });
    awareness.destroy();
  });

  it('query awareness (a bare message type)', () => {
    expect(readMessage(bytes(MessageType.queryAwareness))).toEqual({ kind: 'query-awareness' });
  });

  it('empty payloads', () => {
    expect(readMessage(encodeUpdate(new Uint8Array(0)))).toEqual({ kind: 'update', update: new Uint8Array(0) });
    expect(readMessage(encodeSyncStep1(new Uint8Array(0)))).toEqual({ kind: 'sync-step-1', stateVector: new Uint8Array(0) });
  });

  it('a frame that is a view into a larger buffer', () => {
    expect(readMessage(viewInsideLargerBuffer(encodeUpdate(update)))).toEqual({ kind: 'update', update });
  });

  it('stored acknowledgements, up to the largest safe integer', () => {
    for (const count of [0, 1, 127, 128, 16_383, 16_384, 2 ** 31, 2 ** 32 + 5, Number.MAX_SAFE_INTEGER]) {
      expect(readStored(encodeStored(count))).toBe(count);
    }
  });

  it('readStored answers null for any other message', () => {
    expect(readStored(encodeUpdate(update))).toBeNull();
    expect(readStored(encodeAwareness(new Uint8Array(1)))).toBeNull();
    expect(readStored(bytes(MessageType.queryAwareness))).toBeNull();
  });
});

describe('the wire format is the y-websocket one', () => {
  it('frames written by y-protocols are read by readMessage', () => {
    const doc = sampleDoc();
    const step1 = encoding.createEncoder();
    encoding.writeVarUint(step1, MessageType.sync);
    syncProtocol.writeSyncStep1(step1, doc);
    expect(readMessage(encoding.toUint8Array(step1))).toEqual({ kind: 'sync-step-1', stateVector: Y.encodeStateVector(doc) });

    const step2 = encoding.createEncoder();
    encoding.writeVarUint(step2, MessageType.sync);
    syncProtocol.writeSyncStep2(step2, doc);
    expect(readMessage(encoding.toUint8Array(step2))).toEqual({ kind: 'sync-step-2', update: Y.encodeStateAsUpdate(doc) });
  });

  it('frames from our encoders are understood by y-protocols, which applies their content', () => {
    const server = sampleDoc();
    const client = new Y.Doc();
    // Sync step 2 and update carry an update that the client applies.
    for (const frame of [encodeSyncStep2(Y.encodeStateAsUpdate(server)), encodeUpdate(Y.encodeStateAsUpdate(server))]) {
      const decoder = decoding.createDecoder(frame);
      expect(decoding.readVarUint(decoder)).toBe(MessageType.sync);
      syncProtocol.readSyncMessage(decoder, encoding.createEncoder(), client, 'server');
    }
    expect(client.getText('text').toDelta()).toEqual(server.getText('text').toDelta());

    // Sync step 1 makes y-protocols answer with the update the server lacks.
    const edit = new Y.Doc();
    edit.getMap('map').set('added', true);
    const reply = encoding.createEncoder();
    const decoder = decoding.createDecoder(encodeSyncStep1(Y.encodeStateVector(server)));
    decoding.readVarUint(decoder);
    expect(syncProtocol.readSyncMessage(decoder, reply, edit, 'server')).toBe(syncProtocol.messageYjsSyncStep1);
    const answer = readMessage(concat(bytes(MessageType.sync), encoding.toUint8Array(reply)));
    expect(answer.kind).toBe('sync-step-2');
    if (answer.kind !== 'sync-step-2') return;
    Y.applyUpdate(server, answer.update);
    expect(server.getMap('map').get('added')).toBe(true);
  });
});

describe('readAwarenessUpdate', () => {
  it('decodes every entry of a y-protocols awareness update, including removals', () => {
    const first = new Y.Doc();
    const second = new Y.Doc();
    const awareness = new awarenessProtocol.Awareness(first);
    const other = new awarenessProtocol.Awareness(second);
    awareness.setLocalState({ user: { name: 'Chair' }, cursor: { anchor: 3, head: 7 } });
    other.setLocalState({ user: { name: 'Rapporteur' } });
    awarenessProtocol.applyAwarenessUpdate(awareness, awarenessProtocol.encodeAwarenessUpdate(other, [second.clientID]), 'remote');
    other.setLocalState(null);
    awarenessProtocol.applyAwarenessUpdate(awareness, awarenessProtocol.encodeAwarenessUpdate(other, [second.clientID]), 'remote');

    const update = awarenessProtocol.encodeAwarenessUpdate(awareness, [first.clientID, second.clientID]);
    const entries = readAwarenessUpdate(update, 10);
    expect(entries).toEqual([
      { clientId: first.clientID, clock: awareness.meta.get(first.clientID)?.clock, state: { user: { name: 'Chair' }, cursor: { anchor: 3, head: 7 } } },
      { clientId: second.clientID, clock: awareness.meta.get(second.clientID)?.clock, state: null },
    ]);
    awareness.destroy();
    other.destroy();
  });

  it('accepts an empty update and exactly maxEntries entries, refuses one more', () => {
    expect(readAwarenessUpdate(awarenessUpdateOf([]), 0)).toEqual([]);
    const three = awarenessUpdateOf([{ clientId: 1, clock: 0, state: {} }, { clientId: 2, clock: 5, state: 'x' }, { clientId: 3, clock: 9, state: null }]);
    expect(readAwarenessUpdate(three, 3)).toHaveLength(3);
    expect(malformedErrorOf(() => readAwarenessUpdate(three, 2)).message).toContain('3 entries');
  });

  it('refuses a huge entry count before reading any entry', () => {
    // Four bytes claim 2^28 - 1 entries: refused by the count, not by running out of bytes.
    expect(malformedErrorOf(() => readAwarenessUpdate(bytes(0xff, 0xff, 0xff, 0x7f), 1000)).message).toContain('entries');
  });

  it.each([
    ['an empty buffer', bytes()],
    ['a count with no entries', bytes(2)],
    ['an entry cut after its clientID', bytes(1, 7)],
    ['a state string shorter than its length', bytes(1, 7, 0, 10, 0x7b, 0x7d)],
    ['a state that is not JSON', awarenessUpdateRaw([[1, 0, '{not json']])],
    ['a state that is not UTF-8 JSON', bytes(1, 1, 0, 2, 0xc3, 0x28)],
    ['trailing bytes after the entries', concat(awarenessUpdateOf([{ clientId: 1, clock: 0, state: {} }]), bytes(0))],
    ['a clientID varuint larger than 2^53', concat(bytes(1), bytes(...longVarUint(9, 1)), bytes(0, 2, 0x7b, 0x7d))],
    ['a varuint that never ends', bytes(...longVarUint(12, 0xff))],
  ])('throws MalformedMessageError for %s', (_name, update) => {
    malformedErrorOf(() => readAwarenessUpdate(update, 1000));
  });
});

describe('readMessage refuses anything but exactly one well-formed message', () => {
  const update = Y.encodeStateAsUpdate(sampleDoc());

  it.each([
    ['an empty frame', bytes()],
    ['an auth message (the server does not take them)', bytes(MessageType.auth, 0)],
    ['a stored message (server to client only)', encodeStored(3)],
    ['an unknown message type', bytes(42)],
    ['an unknown sync message type', bytes(MessageType.sync, 3, 0)],
    ['a sync message with no sync type', bytes(MessageType.sync)],
    ['a sync message with no payload length', bytes(MessageType.sync, syncProtocol.messageYjsUpdate)],
    ['a payload shorter than its length', bytes(MessageType.sync, syncProtocol.messageYjsUpdate, 5, 1, 2)],
    ['an awareness message with no payload', bytes(MessageType.awareness)],
    ['trailing bytes after an update', concat(encodeUpdate(update), bytes(0))],
    ['trailing bytes after query-awareness', bytes(MessageType.queryAwareness, 0)],
    ['a message type varuint larger than 2^53', bytes(...longVarUint(9, 1))],
    ['a message type varuint that never ends', bytes(...longVarUint(20, 0xff))],
    ['a payload length of 2^32 - 1', bytes(MessageType.sync, syncProtocol.messageYjsUpdate, 0xff, 0xff, 0xff, 0xff, 0x0f, 1, 2, 3)],
    ['a payload length of about 2^56', bytes(MessageType.sync, syncProtocol.messageYjsUpdate, ...longVarUint(7, 0x7f), 1)],
    ['a sync type varuint larger than 2^53', bytes(MessageType.sync, ...longVarUint(10, 1), 0)],
  ])('%s', (_name, frame) => {
    malformedErrorOf(() => readMessage(frame));
  });

  it('every proper prefix of every kind of frame', () => {
    const awareness = new awarenessProtocol.Awareness(new Y.Doc());
    const frames = [
      encodeSyncStep1(Y.encodeStateVector(sampleDoc())),
      encodeSyncStep2(update),
      encodeUpdate(update),
      encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(awareness, [awareness.clientID])),
    ];
    awareness.destroy();
    for (const frame of frames) {
      for (let length = 0; length < frame.byteLength; length++) {
        // Also as a view into a larger buffer: the bytes after the view must never be read as payload.
        malformedErrorOf(() => readMessage(frame.slice(0, length)));
        malformedErrorOf(() => readMessage(viewInsideLargerBuffer(frame.slice(0, length))));
      }
    }
  });

  it('random and mutated frames either decode or throw MalformedMessageError, never anything else', () => {
    const generator = prng.create(0xc0c0a);
    const valid = [encodeSyncStep1(Y.encodeStateVector(sampleDoc())), encodeUpdate(update), encodeAwareness(bytes(0))];
    for (let round = 0; round < 3000; round++) {
      let frame: Uint8Array;
      if (prng.bool(generator)) {
        frame = prng.uint8Array(generator, prng.int32(generator, 0, 24));
      } else {
        frame = prng.oneOf(generator, valid).slice();
        const flips = prng.int32(generator, 1, 3);
        for (let flip = 0; flip < flips; flip++) frame[prng.int32(generator, 0, frame.length - 1)] = prng.int32(generator, 0, 255);
      }
      let decoded: ReturnType<typeof readMessage>;
      try {
        decoded = readMessage(frame);
      } catch (error) {
        expect(error, `frame ${Array.from(frame).join(',')}`).toBeInstanceOf(MalformedMessageError);
        continue;
      }
      // Nothing may be left over or invented: a payload is exactly the bytes that end the frame.
      const payload = payloadOf(decoded);
      expect(payload, `frame ${Array.from(frame).join(',')}`).toEqual(frame.subarray(frame.byteLength - payload.byteLength));
      expect(readMessage(reencode(decoded))).toEqual(decoded);
    }
  });

  it('random awareness payloads either decode or throw MalformedMessageError', () => {
    const generator = prng.create(0xa3a4e);
    for (let round = 0; round < 3000; round++) {
      const update = prng.uint8Array(generator, prng.int32(generator, 0, 16));
      try {
        readAwarenessUpdate(update, 1000);
      } catch (error) {
        expect(error, `update ${Array.from(update).join(',')}`).toBeInstanceOf(MalformedMessageError);
      }
    }
  });
});

function concat(...parts: Uint8Array[]): Uint8Array {
  const result = new Uint8Array(parts.reduce((total, part) => total + part.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    result.set(part, offset);
    offset += part.byteLength;
  }
  return result;
}

/** Encodes awareness entries as y-protocols does: count, then clientID, clock, JSON state. */
function awarenessUpdateOf(entries: Array<{ clientId: number; clock: number; state: unknown }>): Uint8Array {
  return awarenessUpdateRaw(entries.map(({ clientId, clock, state }) => [clientId, clock, JSON.stringify(state)]));
}

function awarenessUpdateRaw(entries: Array<[clientId: number, clock: number, json: string]>): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const [clientId, clock, json] of entries) {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, json);
  }
  return encoding.toUint8Array(encoder);
}

function payloadOf(message: ReturnType<typeof readMessage>): Uint8Array {
  if (message.kind === 'sync-step-1') return message.stateVector;
  if (message.kind === 'query-awareness') return new Uint8Array(0);
  if (message.kind === 'speaker') return new TextEncoder().encode(message.json);
  return message.update;
}

function reencode(message: ReturnType<typeof readMessage>): Uint8Array {
  switch (message.kind) {
    case 'sync-step-1':
      return encodeSyncStep1(message.stateVector);
    case 'sync-step-2':
      return encodeSyncStep2(message.update);
    case 'update':
      return encodeUpdate(message.update);
    case 'awareness':
      return encodeAwareness(message.update);
    case 'query-awareness':
      return bytes(MessageType.queryAwareness);
    case 'speaker': {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MessageType.speaker);
      encoding.writeVarString(encoder, message.json);
      return encoding.toUint8Array(encoder);
    }
  }
}

describe('speaker and ledger messages', () => {
  it('reads a speaker message as the JSON it carries, for the room to validate', () => {
    expect(readMessage(encodeSpeaker({ typingFor: 'MEX' }))).toEqual({ kind: 'speaker', json: '{"typingFor":"MEX"}' });
  });

  it('round-trips a ledger message and refuses one that breaks its schema', () => {
    const message = { full: true, paragraphs: { 'para-one': { originator: 'FRA' as const, originatorTypist: null, createdAt: '2026-11-30T10:00:00.000Z', contributors: {} } } };
    expect(readLedger(encodeLedger(message))).toEqual(message);
    const broken = encodeLedger({ full: true, paragraphs: {} }).slice(0, -2);
    expect(() => readLedger(broken)).toThrow();
  });
});
