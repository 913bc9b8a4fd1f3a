import { describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { isUpdateBearingFrame } from './updateFrames.ts';

function syncFrame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

describe('isUpdateBearingFrame', () => {
  const doc = new Y.Doc();
  doc.getXmlFragment('default').insert(0, [new Y.XmlElement('paragraph')]);

  it('counts sync step 2 and update frames as the server does', () => {
    expect(isUpdateBearingFrame(syncFrame((encoder) => syncProtocol.writeSyncStep2(encoder, doc)))).toBe(true);
    expect(isUpdateBearingFrame(syncFrame((encoder) => syncProtocol.writeUpdate(encoder, Y.encodeStateAsUpdate(doc))))).toBe(true);
    expect(isUpdateBearingFrame(syncFrame((encoder) => syncProtocol.writeSyncStep2(encoder, doc)).buffer)).toBe(true);
  });

  it('ignores sync step 1, awareness, custom messages and malformed data', () => {
    expect(isUpdateBearingFrame(syncFrame((encoder) => syncProtocol.writeSyncStep1(encoder, doc)))).toBe(false);
    expect(isUpdateBearingFrame(new Uint8Array([1, 2, 0]))).toBe(false);
    expect(isUpdateBearingFrame(new Uint8Array([102, 1]))).toBe(false);
    expect(isUpdateBearingFrame(new Uint8Array([0]))).toBe(false);
    expect(isUpdateBearingFrame('text')).toBe(false);
  });
});
