/**
 * Builders of hostile y-websocket frames and Yjs updates, written byte by byte with lib0 so that
 * they can say things no Yjs client would (GC or Skip structs, huge lengths, impossible counts).
 * Update layout (Yjs V1): struct sections per client, then the delete set.
 */
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { MessageType, documentField } from '@concord/shared';

/** Sync sub-types of y-protocols. */
export const SyncType = { step1: 0, step2: 1, update: 2 } as const;

export function syncFrame(syncType: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.sync);
  encoding.writeVarUint(encoder, syncType);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

export const updateFrame = (update: Uint8Array): Uint8Array => syncFrame(SyncType.update, update);
export const syncStep1Frame = (stateVector: Uint8Array): Uint8Array => syncFrame(SyncType.step1, stateVector);
export const syncStep2Frame = (update: Uint8Array): Uint8Array => syncFrame(SyncType.step2, update);

export function awarenessFrame(awarenessUpdate: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.awareness);
  encoding.writeVarUint8Array(encoder, awarenessUpdate);
  return encoding.toUint8Array(encoder);
}

export const queryAwarenessFrame = (): Uint8Array => Uint8Array.of(MessageType.queryAwareness);

/** A frame of any message type, followed by `body` as it is. */
export function frameOfType(messageType: number, body: Uint8Array = new Uint8Array(0)): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, messageType);
  encoding.writeUint8Array(encoder, body);
  return encoding.toUint8Array(encoder);
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const joined = new Uint8Array(parts.reduce((sum, part) => sum + part.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.byteLength;
  }
  return joined;
}

/** The first `length` bytes, copied (never a view that could expose the bytes after them). */
export const truncated = (bytes: Uint8Array, length: number): Uint8Array => bytes.slice(0, length);

/** A varUint as lib0 writes it. */
export function varUint(value: number): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, value);
  return encoding.toUint8Array(encoder);
}

export type ItemParent = { root: string } | { id: Y.ID };

export type ItemContent =
  | { kind: 'deleted'; length: number }
  | { kind: 'json'; values: string[] }
  | { kind: 'binary'; bytes: Uint8Array }
  | { kind: 'string'; text: string }
  | { kind: 'embed'; json: string }
  | { kind: 'format'; key: string; json: string }
  /** typeRef: 0 array, 1 map, 2 text, 3 XML element, 4 XML fragment, 5 XML hook, 6 XML text. */
  | { kind: 'type'; typeRef: number; name?: string }
  | { kind: 'any'; values: unknown[] }
  | { kind: 'doc'; guid: string; options: Record<string, unknown> };

export type StructSpec =
  | { kind: 'gc'; length: number }
  | { kind: 'skip'; length: number }
  /** Without origins, `parent` is written (the document's root fragment unless given). */
  | { kind: 'item'; origin?: Y.ID; rightOrigin?: Y.ID; parent?: ItemParent; parentSub?: string; content: ItemContent };

export interface ClientSection {
  client: number;
  clock: number;
  structs: StructSpec[];
  /** Declared struct count; defaults to structs.length (a lie is how impossible counts are built). */
  declaredCount?: number;
}

export interface DeleteRange {
  client: number;
  clock: number;
  length: number;
}

const contentRefs = { deleted: 1, json: 2, binary: 3, string: 4, embed: 5, format: 6, type: 7, any: 8, doc: 9 } as const;

function writeId(encoder: encoding.Encoder, id: Y.ID): void {
  encoding.writeVarUint(encoder, id.client);
  encoding.writeVarUint(encoder, id.clock);
}

function writeContent(encoder: encoding.Encoder, content: ItemContent): void {
  switch (content.kind) {
    case 'deleted':
      return encoding.writeVarUint(encoder, content.length);
    case 'json':
      encoding.writeVarUint(encoder, content.values.length);
      for (const value of content.values) encoding.writeVarString(encoder, value);
      return;
    case 'binary':
      return encoding.writeVarUint8Array(encoder, content.bytes);
    case 'string':
      return encoding.writeVarString(encoder, content.text);
    case 'embed':
      return encoding.writeVarString(encoder, content.json);
    case 'format':
      encoding.writeVarString(encoder, content.key);
      encoding.writeVarString(encoder, content.json);
      return;
    case 'type':
      encoding.writeVarUint(encoder, content.typeRef);
      if (content.typeRef === 3 || content.typeRef === 5) encoding.writeVarString(encoder, content.name ?? 'p');
      return;
    case 'any':
      encoding.writeVarUint(encoder, content.values.length);
      for (const value of content.values) encoding.writeAny(encoder, value as Parameters<typeof encoding.writeAny>[1]);
      return;
    case 'doc':
      encoding.writeVarString(encoder, content.guid);
      encoding.writeAny(encoder, content.options as Parameters<typeof encoding.writeAny>[1]);
      return;
  }
}

function writeStruct(encoder: encoding.Encoder, struct: StructSpec): void {
  if (struct.kind === 'gc') {
    encoding.writeUint8(encoder, 0);
    encoding.writeVarUint(encoder, struct.length);
    return;
  }
  if (struct.kind === 'skip') {
    encoding.writeUint8(encoder, 10);
    encoding.writeVarUint(encoder, struct.length);
    return;
  }
  const hasOrigin = struct.origin !== undefined;
  const hasRightOrigin = struct.rightOrigin !== undefined;
  const writesParent = !hasOrigin && !hasRightOrigin;
  const info = contentRefs[struct.content.kind] | (hasOrigin ? 0x80 : 0) | (hasRightOrigin ? 0x40 : 0) | (writesParent && struct.parentSub !== undefined ? 0x20 : 0);
  encoding.writeUint8(encoder, info);
  if (struct.origin !== undefined) writeId(encoder, struct.origin);
  if (struct.rightOrigin !== undefined) writeId(encoder, struct.rightOrigin);
  if (writesParent) {
    const parent = struct.parent ?? { root: documentField };
    if ('root' in parent) {
      encoding.writeVarUint(encoder, 1);
      encoding.writeVarString(encoder, parent.root);
    } else {
      encoding.writeVarUint(encoder, 0);
      writeId(encoder, parent.id);
    }
    if (struct.parentSub !== undefined) encoding.writeVarString(encoder, struct.parentSub);
  }
  writeContent(encoder, struct.content);
}

/** Encodes a Yjs V1 update exactly as specified, however wrong. */
export function encodeUpdate(sections: ClientSection[], deletes: DeleteRange[] = []): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, sections.length);
  for (const section of sections) {
    encoding.writeVarUint(encoder, section.declaredCount ?? section.structs.length);
    encoding.writeVarUint(encoder, section.client);
    encoding.writeVarUint(encoder, section.clock);
    for (const struct of section.structs) writeStruct(encoder, struct);
  }
  const byClient = new Map<number, DeleteRange[]>();
  for (const range of deletes) byClient.set(range.client, [...(byClient.get(range.client) ?? []), range]);
  encoding.writeVarUint(encoder, byClient.size);
  for (const [client, ranges] of byClient) {
    encoding.writeVarUint(encoder, client);
    encoding.writeVarUint(encoder, ranges.length);
    for (const range of ranges) {
      encoding.writeVarUint(encoder, range.clock);
      encoding.writeVarUint(encoder, range.length);
    }
  }
  return encoding.toUint8Array(encoder);
}

/** One GC struct: "this client's clocks [clock, clock + length) were collected". */
export const gcStructUpdate = (client: number, clock: number, length: number): Uint8Array => encodeUpdate([{ client, clock, structs: [{ kind: 'gc', length }] }]);

/** One Skip struct: a hole that Yjs would keep waiting to be filled. */
export const skipStructUpdate = (client: number, clock: number, length: number): Uint8Array => encodeUpdate([{ client, clock, structs: [{ kind: 'skip', length }] }]);

/** No structs, one delete range. */
export const deleteRangeUpdate = (client: number, clock: number, length: number): Uint8Array => encodeUpdate([], [{ client, clock, length }]);

/**
 * An insert at the start of the text `parent` (a paragraph's Y.XmlText, named by its item's id), under `client`
 * at `clock` (a gap when clock > 0).
 */
export const textInsertUpdate = (parent: ItemParent, client: number, clock: number, text = 'x'): Uint8Array =>
  encodeUpdate([{ client, clock, structs: [{ kind: 'item', parent, content: { kind: 'string', text } }] }]);

/** The id of the item holding a shared type (a paragraph's Y.XmlText), for structs that name it as their parent. */
export function typeId(type: { _item: Y.Item | null }): Y.ID {
  if (type._item === null) throw new Error('a root type has no item id');
  return type._item.id;
}

/** A new draft paragraph as the editor makes it: a unique id, a status, a role, and its text. */
export function draftParagraph(id: string, text = ''): Y.XmlElement {
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.setAttribute('id', id);
  paragraph.setAttribute('status', 'draft');
  paragraph.setAttribute('role', 'text');
  paragraph.insert(0, [new Y.XmlText(text)]);
  return paragraph;
}

/**
 * A 14-byte update frame that declares 2^25 structs for one client: an allocation of that size
 * before reading them would cost hundreds of MB.
 */
export function hugeStructCountFrame(): Uint8Array {
  const header = concatBytes(varUint(1), varUint(2 ** 25), varUint(7), varUint(0));
  const oneStruct = Uint8Array.of(4 /* string content, no origins */, 1 /* root parent */, 1, 0x74 /* "t" */);
  const frame = updateFrame(concatBytes(header, oneStruct));
  if (frame.byteLength !== 14) throw new Error(`expected a 14-byte frame, built ${frame.byteLength}`);
  return frame;
}

/**
 * Updates the receiver cannot integrate, in three shapes: a real Yjs update of a client whose
 * first update (a new paragraph) was never sent (a clock gap), the same with its origin inside the
 * missing part, and a first insert whose origin lies in a client nobody has heard of. Once what they
 * depend on arrived, each would fit the document schema.
 */
export function updatesWithMissingDependencies(count: number, clientIdBase: number): Uint8Array[] {
  const updates: Uint8Array[] = [];
  for (let index = 0; index < count; index++) {
    const client = clientIdBase + index;
    if (index % 3 === 2) {
      const origin = Y.createID(client + 1_000_000, 4);
      updates.push(encodeUpdate([{ client, clock: 0, structs: [{ kind: 'item', origin, content: { kind: 'string', text: 'y' } }] }]));
      continue;
    }
    const doc = new Y.Doc();
    doc.clientID = client;
    const paragraph = draftParagraph(`unsent-${client}`, 'never sent');
    doc.getXmlFragment(documentField).insert(0, [paragraph]);
    const text = paragraph.get(0) as Y.XmlText;
    const before = Y.encodeStateVector(doc);
    if (index % 3 === 0) text.insert(text.length, '!');
    else text.insert(3, '?');
    updates.push(Y.encodeStateAsUpdate(doc, before));
    doc.destroy();
  }
  return updates;
}
