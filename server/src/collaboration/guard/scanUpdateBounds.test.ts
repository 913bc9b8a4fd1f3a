import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { scanUpdateBounds, type UpdateLimits } from './scanUpdateBounds.ts';

const limits: UpdateLimits = { maxStructs: 10_000, maxClients: 64, maxDeleteRanges: 10_000, maxAnyDepth: 16, maxClockAdvance: 1 << 24 };

function craft(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

const writeUints = (encoder: encoding.Encoder, ...values: number[]): void => values.forEach((value) => encoding.writeVarUint(encoder, value));

/** One client section of one struct whose content is written by `writeContent`, parent the root type `text`. */
const oneItem = (info: number, writeContent: (encoder: encoding.Encoder) => void): Uint8Array =>
  craft((encoder) => {
    writeUints(encoder, 1, 1, 5, 0);
    encoding.writeUint8(encoder, info);
    writeUints(encoder, 1);
    encoding.writeVarString(encoder, 'text');
    writeContent(encoder);
    writeUints(encoder, 0);
  });

const reasonOf = (update: Uint8Array, custom: UpdateLimits = limits): string | null => {
  const result = scanUpdateBounds(update, custom);
  return result.ok ? null : result.reason;
};

/** A document holding every kind of content yjs writes today, with deletes, from two clients. */
function richUpdate(): Uint8Array {
  const first = new Y.Doc();
  first.clientID = 1;
  const second = new Y.Doc();
  second.clientID = 2;
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.setAttribute('status', 'draft');
  paragraph.insert(0, [new Y.XmlText('Some text')]);
  first.getXmlFragment('default').insert(0, [paragraph]);
  first.getText('notes').insert(0, 'notes', { bold: true });
  first.getText('notes').insertEmbed(0, { image: 'a.png' });
  first.getMap('meta').set('settings', { levels: [1, 2.5, -3, null, true, false, 'x', undefined], big: 2n ** 40n, bytes: new Uint8Array([1, 2]) });
  first.getMap('meta').set('attachment', new Y.Doc({ guid: 'attachment' }));
  first.getArray('list').insert(0, [new Uint8Array([9]), 'item', new Y.XmlHook('footnote')]);
  Y.applyUpdate(second, Y.encodeStateAsUpdate(first));
  second.getText('notes').delete(1, 3);
  second.getText('notes').insert(0, 'more');
  return Y.encodeStateAsUpdate(second);
}

describe('scanUpdateBounds', () => {
  it('walks a real update and counts its structs, clients and delete ranges like yjs', () => {
    const update = richUpdate();
    const decoded = Y.decodeUpdate(update);
    const deleteRanges = [...decoded.ds.clients.values()].reduce((sum, ranges) => sum + ranges.length, 0);
    expect(deleteRanges).toBeGreaterThan(0);
    expect(scanUpdateBounds(update, limits)).toEqual({ ok: true, structCount: decoded.structs.length, clientCount: 2, deleteRangeCount: deleteRanges });
    expect(scanUpdateBounds(new Uint8Array([0, 0]), limits)).toEqual({ ok: true, structCount: 0, clientCount: 0, deleteRangeCount: 0 });
  });

  it('walks JSON, GC and Skip structs, which yjs no longer writes but still reads', () => {
    expect(reasonOf(oneItem(2, (encoder) => writeUints(encoder, 1000, 1, 0x31)))).toBe('malformed');
    const json = oneItem(2, (encoder) => {
      writeUints(encoder, 2);
      encoding.writeVarString(encoder, '1');
      encoding.writeVarString(encoder, '"a"');
    });
    expect(scanUpdateBounds(json, limits).ok).toBe(true);
    const gcAndSkip = craft((encoder) => {
      writeUints(encoder, 1, 2, 5, 0);
      encoding.writeUint8(encoder, 0);
      writeUints(encoder, 2 ** 40);
      encoding.writeUint8(encoder, 10);
      writeUints(encoder, 3, 0);
    });
    expect(scanUpdateBounds(gcAndSkip, limits)).toMatchObject({ ok: true, structCount: 2 });
  });

  it('refuses a 14-byte frame declaring 2^25 structs without allocating for them', () => {
    const update = craft((encoder) => {
      writeUints(encoder, 1, 2 ** 25, 5, 0);
      encoding.writeUint8(encoder, 4);
      writeUints(encoder, 1);
      encoding.writeVarString(encoder, 't');
      encoding.writeVarString(encoder, 'x');
      writeUints(encoder, 0);
    });
    expect(update.length).toBe(14);
    // Refused from the declared count against the bytes left, before any array is sized by it.
    expect(scanUpdateBounds(update, { ...limits, maxStructs: 2 ** 30 })).toMatchObject({ ok: false, reason: 'malformed', detail: expect.stringMatching(/exceeds the \d+ bytes left/) });
  });

  it('refuses counts over the limits', () => {
    const update = richUpdate();
    const bounds = scanUpdateBounds(update, limits);
    if (!bounds.ok) throw new Error(bounds.detail);
    const { structCount, deleteRangeCount } = bounds;
    expect(reasonOf(update, { ...limits, maxStructs: structCount - 1 })).toBe('too-many-structs');
    expect(reasonOf(update, { ...limits, maxClients: 1 })).toBe('too-many-structs');
    expect(reasonOf(update, { ...limits, maxDeleteRanges: deleteRangeCount - 1 })).toBe('too-many-structs');
    expect(reasonOf(update, { ...limits, maxAnyDepth: 1 })).toBe('too-many-structs');
  });

  it('refuses huge, padded and truncated varints', () => {
    const clockOf = (bytes: number[]): Uint8Array => new Uint8Array([1, 1, 5, ...bytes, 4, 1, 1, 116, 1, 120, 0]);
    expect(reasonOf(clockOf([3]))).toBeNull();
    expect(reasonOf(clockOf([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]))).toBe('malformed');
    // lib0 returns NaN for a long zero-padded varint and 2^55 unchecked when only the last byte is large
    expect(reasonOf(clockOf([...new Array<number>(200).fill(0x80), 0]))).toBe('malformed');
    expect(reasonOf(clockOf([0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7f]))).toBe('malformed');
    expect(reasonOf(new Uint8Array([1, 1, 5, 0x80]))).toBe('malformed');
    const negativeAny = oneItem(8, (encoder) => {
      writeUints(encoder, 1);
      encoding.writeUint8(encoder, 125);
      encoding.writeUint8(encoder, 0xc0);
      for (let index = 0; index < 200; index++) encoding.writeUint8(encoder, 0x80);
      encoding.writeUint8(encoder, 0);
    });
    expect(reasonOf(negativeAny)).toBe('malformed');
  });

  it('bounds nested Any content by depth, without recursing through it', () => {
    const nested = (depth: number): Uint8Array =>
      oneItem(8, (encoder) => {
        writeUints(encoder, 1);
        for (let level = 0; level < depth; level++) writeUints(encoder, 117, 1);
        encoding.writeUint8(encoder, 126);
      });
    expect(reasonOf(nested(limits.maxAnyDepth))).toBeNull();
    expect(reasonOf(nested(limits.maxAnyDepth + 1))).toBe('too-many-structs');
    expect(reasonOf(nested(100_000))).toBe('too-many-structs');
  });

  it('refuses what yjs cannot read', () => {
    const stringItem = (info: number): Uint8Array => oneItem(info, (encoder) => encoding.writeVarString(encoder, 'x'));
    expect(reasonOf(stringItem(4))).toBeNull();
    expect(reasonOf(stringItem(11))).toBe('malformed');
    expect(reasonOf(stringItem(0x2a))).toBe('malformed');
    expect(reasonOf(oneItem(7, (encoder) => writeUints(encoder, 7)))).toBe('malformed');
    expect(reasonOf(oneItem(8, (encoder) => writeUints(encoder, 1, 50)))).toBe('malformed');
    expect(reasonOf(oneItem(8, (encoder) => writeUints(encoder, 1, 124, 1)))).toBe('malformed');
    const parentInfoTwo = craft((encoder) => {
      writeUints(encoder, 1, 1, 5, 0, 4, 2, 0, 0);
      encoding.writeVarString(encoder, 'x');
      writeUints(encoder, 0);
    });
    expect(reasonOf(parentInfoTwo)).toBe('malformed');
  });

  it('refuses a client that appears twice, trailing bytes, and strings running past the end', () => {
    const twice = craft((encoder) => {
      writeUints(encoder, 2, 1, 5, 0, 4, 1);
      encoding.writeVarString(encoder, 'text');
      encoding.writeVarString(encoder, 'a');
      writeUints(encoder, 1, 5, 1, 4, 1);
      encoding.writeVarString(encoder, 'text');
      encoding.writeVarString(encoder, 'b');
      writeUints(encoder, 0);
    });
    expect(reasonOf(twice)).toBe('malformed');
    const update = richUpdate();
    expect(reasonOf(Uint8Array.of(...update, 0))).toBe('malformed');
    const stringItem = oneItem(4, (encoder) => encoding.writeVarString(encoder, 'hello'));
    const inLargerBuffer = new Uint8Array(64);
    inLargerBuffer.set(stringItem);
    expect(reasonOf(inLargerBuffer.subarray(0, stringItem.length - 3))).toBe('malformed');
  });

  it('refuses every truncation of a real update, and never throws on any byte value at any offset', () => {
    const update = richUpdate();
    for (let length = 0; length < update.length; length++) expect(reasonOf(update.subarray(0, length))).not.toBeNull();
    for (let offset = 0; offset < update.length; offset += 7) {
      for (let value = 0; value < 256; value++) {
        const damaged = update.slice();
        damaged[offset] = value;
        expect(() => scanUpdateBounds(damaged, limits)).not.toThrow();
      }
    }
  });
});
