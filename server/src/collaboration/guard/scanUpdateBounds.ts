import * as decoding from 'lib0/decoding';
import { RefusalReason, type RefusalReasonValue } from '@concord/shared';

/** Bounds on what one update may declare, checked before yjs allocates anything for it. */
export interface UpdateLimits {
  maxStructs: number;
  /** Per section: clients with structs, and clients with deletes, are counted separately. */
  maxClients: number;
  maxDeleteRanges: number;
  /** Deepest nesting of arrays and objects inside Any or Doc content. */
  maxAnyDepth: number;
  /** Furthest one update may move a client's clock (checked by inspectUpdate, after decoding). */
  maxClockAdvance: number;
}

export interface UpdateRefusal {
  ok: false;
  reason: RefusalReasonValue;
  detail: string;
}

export interface UpdateBounds {
  ok: true;
  structCount: number;
  clientCount: number;
  deleteRangeCount: number;
}

class ScanRefusal extends Error {
  constructor(
    readonly reason: RefusalReasonValue,
    readonly detail: string,
  ) {
    super(detail);
  }
}

const malformed = (detail: string): ScanRefusal => new ScanRefusal(RefusalReason.malformed, detail);
const overLimit = (detail: string): ScanRefusal => new ScanRefusal(RefusalReason.tooManyStructs, detail);

const bytesLeft = (decoder: decoding.Decoder): number => decoder.arr.length - decoder.pos;

// lib0 returns NaN for long zero-padded varints and unchecked values above 2^53 from the last byte.
function readUint(decoder: decoding.Decoder, what: string): number {
  const value = decoding.readVarUint(decoder);
  if (!Number.isSafeInteger(value)) throw malformed(`${what} is not a safe integer`);
  return value;
}

/** A count of elements that each take at least one byte. */
function readCount(decoder: decoding.Decoder, what: string): number {
  const count = readUint(decoder, what);
  if (count > bytesLeft(decoder)) throw malformed(`${what} ${count} exceeds the ${bytesLeft(decoder)} bytes left`);
  return count;
}

function readByte(decoder: decoding.Decoder, what: string): number {
  if (bytesLeft(decoder) < 1) throw malformed(`truncated before ${what}`);
  return decoding.readUint8(decoder);
}

function skipBytes(decoder: decoding.Decoder, length: number, what: string): void {
  if (length > bytesLeft(decoder)) throw malformed(`${what} of ${length} bytes exceeds the ${bytesLeft(decoder)} bytes left`);
  decoder.pos += length;
}

/** Strings and byte arrays share the encoding: a varUint length, then the bytes. */
const skipString = (decoder: decoding.Decoder, what: string): void => skipBytes(decoder, readUint(decoder, what), what);

/** Mirrors lib0 decoding.readAny; `depth` counts the arrays and objects around the value. */
function scanAny(decoder: decoding.Decoder, depth: number, limits: UpdateLimits): void {
  const type = readByte(decoder, 'an Any value');
  switch (type) {
    case 127: // undefined
    case 126: // null
    case 121: // false
    case 120: // true
      return;
    case 125:
      if (bytesLeft(decoder) < 1) throw malformed('truncated before an Any integer');
      if (!Number.isSafeInteger(decoding.readVarInt(decoder))) throw malformed('Any integer is not a safe integer');
      return;
    case 124:
      return skipBytes(decoder, 4, 'float32');
    case 123:
    case 122:
      return skipBytes(decoder, 8, 'float64 or bigint64');
    case 119:
    case 116:
      return skipString(decoder, 'Any string or bytes');
    case 118:
    case 117: {
      if (depth >= limits.maxAnyDepth) throw overLimit(`Any content nested deeper than ${limits.maxAnyDepth}`);
      const count = readCount(decoder, type === 118 ? 'Any object size' : 'Any array length');
      for (let index = 0; index < count; index++) {
        if (type === 118) skipString(decoder, 'Any object key');
        scanAny(decoder, depth + 1, limits);
      }
      return;
    }
    default:
      throw malformed(`unknown Any type ${type}`);
  }
}

/** Mirrors yjs readItemContent (structs/Item.js contentRefs). */
function scanContent(decoder: decoding.Decoder, contentRef: number, limits: UpdateLimits): void {
  switch (contentRef) {
    case 1: // Deleted
      readUint(decoder, 'deleted length');
      return;
    case 2: {
      const count = readCount(decoder, 'JSON content count');
      for (let index = 0; index < count; index++) skipString(decoder, 'JSON content');
      return;
    }
    case 3: // Binary
    case 4: // String
    case 5: // Embed (JSON text)
      skipString(decoder, 'content');
      return;
    case 6: // Format: key, JSON value
      skipString(decoder, 'format key');
      skipString(decoder, 'format value');
      return;
    case 7: {
      const typeRef = readUint(decoder, 'type ref');
      if (typeRef > 6) throw malformed(`unknown type ref ${typeRef}`);
      if (typeRef === 3 || typeRef === 5) skipString(decoder, 'element name'); // XmlElement, XmlHook
      return;
    }
    case 8: {
      const count = readCount(decoder, 'Any content count');
      for (let index = 0; index < count; index++) scanAny(decoder, 0, limits);
      return;
    }
    case 9: // Doc: guid, options
      skipString(decoder, 'subdocument guid');
      scanAny(decoder, 0, limits);
      return;
    default:
      throw malformed(`unknown content type ${contentRef}`);
  }
}

/** Mirrors yjs lazyStructReaderGenerator (utils/updates.js) for UpdateDecoderV1. */
function scanStruct(decoder: decoding.Decoder, limits: UpdateLimits): void {
  const info = readByte(decoder, 'a struct');
  const contentRef = info & 0b11111;
  if (contentRef === 0 || info === 10) {
    readUint(decoder, 'GC or Skip length');
    return;
  }
  if (contentRef > 9) throw malformed(`unknown content type ${contentRef}`);
  const hasOrigin = (info & 0b1000_0000) !== 0;
  const hasRightOrigin = (info & 0b0100_0000) !== 0;
  if (hasOrigin) {
    readUint(decoder, 'origin client');
    readUint(decoder, 'origin clock');
  }
  if (hasRightOrigin) {
    readUint(decoder, 'right origin client');
    readUint(decoder, 'right origin clock');
  }
  if (!hasOrigin && !hasRightOrigin) {
    const parentIsRoot = readUint(decoder, 'parent info');
    if (parentIsRoot === 1) {
      skipString(decoder, 'root type name');
    } else if (parentIsRoot === 0) {
      readUint(decoder, 'parent client');
      readUint(decoder, 'parent clock');
    } else {
      throw malformed(`parent info ${parentIsRoot}`);
    }
    if ((info & 0b0010_0000) !== 0) skipString(decoder, 'parent key');
  }
  scanContent(decoder, contentRef, limits);
}

function scan(decoder: decoding.Decoder, limits: UpdateLimits): UpdateBounds {
  const clientCount = readCount(decoder, 'client count');
  if (clientCount > limits.maxClients) throw overLimit(`${clientCount} clients (limit ${limits.maxClients})`);
  const clients = clientCount > 1 ? new Set<number>() : null;
  let structCount = 0;
  for (let clientIndex = 0; clientIndex < clientCount; clientIndex++) {
    const structsOfClient = readCount(decoder, 'struct count');
    structCount += structsOfClient;
    if (structCount > limits.maxStructs) throw overLimit(`more than ${limits.maxStructs} structs`);
    const client = readUint(decoder, 'client');
    // applyUpdate keeps only the last section of a repeated client; decodeUpdate keeps both.
    if (clients !== null) {
      if (clients.has(client)) throw malformed(`client ${client} appears twice`);
      clients.add(client);
    }
    readUint(decoder, 'clock');
    for (let index = 0; index < structsOfClient; index++) scanStruct(decoder, limits);
  }

  const deleteClientCount = readCount(decoder, 'delete set client count');
  if (deleteClientCount > limits.maxClients) throw overLimit(`${deleteClientCount} clients in the delete set (limit ${limits.maxClients})`);
  let deleteRangeCount = 0;
  for (let clientIndex = 0; clientIndex < deleteClientCount; clientIndex++) {
    readUint(decoder, 'delete set client');
    const ranges = readCount(decoder, 'delete range count');
    deleteRangeCount += ranges;
    if (deleteRangeCount > limits.maxDeleteRanges) throw overLimit(`more than ${limits.maxDeleteRanges} delete ranges`);
    for (let index = 0; index < ranges; index++) {
      readUint(decoder, 'delete clock');
      readUint(decoder, 'delete length');
    }
  }
  if (bytesLeft(decoder) !== 0) throw malformed(`${bytesLeft(decoder)} bytes after the delete set`);
  return { ok: true, structCount, clientCount, deleteRangeCount };
}

/**
 * Walks a whole Yjs update (V1 encoding) without decoding its content or allocating by any declared count:
 * every count must fit in the bytes left and within `limits`. Never throws.
 */
export function scanUpdateBounds(update: Uint8Array, limits: UpdateLimits): UpdateBounds | UpdateRefusal {
  try {
    return scan(decoding.createDecoder(update), limits);
  } catch (error) {
    if (error instanceof ScanRefusal) return { ok: false, reason: error.reason, detail: error.detail };
    // lib0 throws on a varint that runs past the end or overflows.
    return { ok: false, reason: RefusalReason.malformed, detail: error instanceof Error ? error.message : String(error) };
  }
}
