/**
 * More than 10,000 malformed or mutated frames against one real server while a well-behaved
 * delegate keeps editing the same room. Each frame is the first one its socket sends, or follows
 * frames the server accepted, so every one of them reaches the server's parser. The frames come from
 * another signed-in delegate and start from real edits of the document (paragraphs, marks, headings),
 * some outside its schema. Whatever the server accepts must keep everyone converged; whatever it
 * refuses must change nothing.
 *
 * Reproduce a run with FUZZ_SEED=<seed> (the seed is in the test name).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as prng from 'lib0/prng';
import * as decoding from 'lib0/decoding';
import { CloseCode, MessageType, RefusalReason, documentField } from '@concord/shared';
import { protocol } from '@concord/server';
import { RawClient } from '../utils/RawClient.ts';
import { websocketHeaders } from '../utils/credentials.ts';
import { draftText } from '../utils/draft.ts';
import { startTestServer, type TestServer } from '../utils/startTestServer.ts';
import {
  awarenessFrame,
  concatBytes,
  draftParagraph,
  encodeUpdate,
  queryAwarenessFrame,
  syncFrame,
  syncStep1Frame,
  syncStep2Frame,
  textInsertUpdate,
  typeId,
  updateFrame,
  varUint,
  type ItemContent,
  type StructSpec,
} from '../utils/maliciousFrames.ts';

const seed = Number(process.env.FUZZ_SEED ?? 20_240_917);
const rounds = 21;
const framesPerRound = 500;
const socketsInFlight = 16;

type Category =
  | 'captured'
  | 'random-bytes'
  | 'truncation'
  | 'bit-flip'
  | 'byte-edit'
  | 'huge-varint'
  | 'garbage-payload'
  | 'splice'
  | 'random-update'
  | 'pending-dependency';

interface FuzzFrame {
  category: Category;
  frame: Uint8Array;
}

interface Corpus {
  /** Frames a real client could send: updates, sync steps, awareness. */
  captured: Uint8Array[];
  /** Real updates of a client whose first update is never sent. */
  pending: Uint8Array[];
  /** Clients and the clocks they may have on the server, for updates that refer to existing items. */
  knownIds: Array<{ client: number; clockEnd: number }>;
  /** Ids of the items holding the document's paragraph texts when the corpus was built. */
  textIds: Y.ID[];
}

/** Mostly the document's root; the others are outside the schema. */
const rootNames = [documentField, documentField, documentField, 'text', 'meta', 'list', 'xml'];
/** Node names of the schema, and some that are not. */
const nodeNames = ['paragraph', 'paragraph', 'heading', 'bulletList', 'listItem', 'hardBreak', 'p', 'script'];
/** Block attributes of the schema, and some that are not. */
const attributeKeys = ['id', 'status', 'role', 'level', 'alternativeOf', 'style'];

const hugeVarints = [
  varUint(2 ** 53 - 1),
  varUint(2 ** 32),
  varUint(2 ** 31),
  varUint(2 ** 25),
  Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f), // beyond 2^53
  Uint8Array.of(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00), // zero-padded
  Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01), // overflows
  Uint8Array.of(0xff, 0xff, 0xff, 0xff), // never ends
];

const integer = (gen: prng.PRNG, min: number, max: number): number => prng.int53(gen, min, max);
const pick = <T,>(gen: prng.PRNG, list: readonly T[]): T => list[integer(gen, 0, list.length - 1)]!;

function randomAny(gen: prng.PRNG, depth = 0): unknown {
  switch (integer(gen, 0, depth > 2 ? 4 : 6)) {
    case 0:
      return integer(gen, -1_000_000, 1_000_000);
    case 1:
      return prng.word(gen, 0, 10);
    case 2:
      return prng.bool(gen);
    case 3:
      return null;
    case 4:
      return prng.real53(gen) * 1e6;
    case 5:
      return Array.from({ length: integer(gen, 0, 3) }, () => randomAny(gen, depth + 1));
    default:
      return Object.fromEntries(Array.from({ length: integer(gen, 0, 3) }, () => [prng.word(gen, 1, 6), randomAny(gen, depth + 1)]));
  }
}

/** The texts of the document's top-level blocks, in order. */
function blockTexts(doc: Y.Doc): Y.XmlText[] {
  const texts: Y.XmlText[] = [];
  for (const block of doc.getXmlFragment(documentField).toArray()) {
    if (block instanceof Y.XmlElement) for (const child of block.toArray()) if (child instanceof Y.XmlText) texts.push(child);
  }
  return texts;
}

const newBlockId = (gen: prng.PRNG): string => `fuzz-${prng.word(gen, 10, 10)}`;

/**
 * One local edit of a donor document, of any of the kinds the editor produces (text, marks, paragraphs,
 * headings, hard breaks, deleted paragraphs); with `offSchema`, sometimes one the document schema refuses.
 */
function editDonor(gen: prng.PRNG, doc: Y.Doc, offSchema: boolean): void {
  const fragment = doc.getXmlFragment(documentField);
  const texts = blockTexts(doc);
  const text = texts.length === 0 ? null : pick(gen, texts);
  const position = text === null ? 0 : integer(gen, 0, text.length);
  const kind = integer(gen, 0, offSchema ? 11 : 8);
  if (text === null || kind === 4) {
    fragment.insert(integer(gen, 0, fragment.length), [draftParagraph(newBlockId(gen), prng.word(gen, 0, 12))]);
    return;
  }
  switch (kind) {
    case 0:
    case 1:
      text.insert(position, prng.word(gen, 1, 12), prng.bool(gen) ? { italic: {} } : undefined);
      return;
    case 2:
      if (text.length > 2) text.delete(Math.min(position, text.length - 1), integer(gen, 1, Math.max(1, Math.min(5, text.length - position))));
      return;
    case 3:
      if (text.length > 2) text.format(Math.min(position, text.length - 1), 2, { [pick(gen, ['bold', 'underline', 'bracket'])]: prng.bool(gen) ? {} : null });
      return;
    case 5: {
      // y-prosemirror stores a heading's level as a number.
      const heading = new Y.XmlElement<Record<string, string | number>>('heading');
      heading.setAttribute('id', newBlockId(gen));
      heading.setAttribute('status', 'draft');
      heading.setAttribute('level', integer(gen, 1, 3));
      heading.insert(0, [new Y.XmlText(prng.word(gen, 1, 8))]);
      fragment.insert(integer(gen, 0, fragment.length), [heading as Y.XmlElement]);
      return;
    }
    case 6: {
      const block = text.parent;
      if (block instanceof Y.XmlElement && block.nodeName === 'paragraph') block.insert(block.length, [new Y.XmlElement('hardBreak'), new Y.XmlText(prng.word(gen, 1, 6))]);
      return;
    }
    case 7:
      if (fragment.length > 1) fragment.delete(integer(gen, 0, fragment.length - 1), 1);
      return;
    case 8:
      text.format(Math.min(position, Math.max(0, text.length - 1)), 1, { comment: { threadId: `thread-${prng.word(gen, 6, 6)}` } });
      return;
    // Outside the document schema, for a donor whose updates no other donor builds on.
    case 9:
      doc.getMap('meta').set(prng.word(gen, 1, 6), randomAny(gen));
      return;
    case 10:
      text.insertEmbed(position, { footnote: prng.word(gen, 1, 8) });
      return;
    default: {
      const entry = new Y.Map<unknown>();
      entry.set('note', new Y.Text(prng.word(gen, 1, 8)));
      doc.getArray('list').push([entry]);
    }
  }
}

function awarenessFrames(gen: prng.PRNG, doc: Y.Doc): Uint8Array[] {
  const awareness = new awarenessProtocol.Awareness(doc);
  const frames: Uint8Array[] = [];
  awareness.setLocalState({ user: { name: prng.word(gen, 3, 8), color: '#30bced' }, cursor: { anchor: integer(gen, 0, 50), head: integer(gen, 0, 50) } });
  frames.push(awarenessFrame(awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID])));
  awareness.setLocalStateField('cursor', null);
  frames.push(awarenessFrame(awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID])));
  awareness.setLocalState(null);
  frames.push(awarenessFrame(awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID])));
  awareness.destroy();
  return frames;
}

/**
 * Three donors edit copies of the document, now and then exchanging updates so that theirs refer to each
 * other's items. The third also makes edits outside the schema, and gives its updates to nobody.
 */
function buildCorpus(gen: prng.PRNG, base: Y.Doc): Corpus {
  const captured: Uint8Array[] = [queryAwarenessFrame(), syncStep1Frame(Uint8Array.of(0))];
  const donors = [0, 1, 2].map(() => {
    const doc = new Y.Doc();
    doc.clientID = integer(gen, 1, 0x7fff_ffff);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
    doc.on('update', (update: Uint8Array) => captured.push(updateFrame(update), syncStep2Frame(update)));
    return doc;
  });
  const rogue = donors[2]!;
  for (let step = 0; step < 120; step++) {
    const donor = pick(gen, donors);
    editDonor(gen, donor, donor === rogue);
    if (step % 15 === 14) {
      const other = pick(gen, donors);
      if (other !== donor && donor !== rogue) Y.applyUpdate(other, Y.encodeStateAsUpdate(donor, Y.encodeStateVector(other)));
    }
  }
  for (const donor of donors) {
    captured.push(syncStep1Frame(Y.encodeStateVector(donor)), syncStep2Frame(Y.encodeStateAsUpdate(donor)), updateFrame(Y.encodeStateAsUpdateV2(donor)));
    captured.push(...awarenessFrames(gen, donor));
  }
  const knownIds = [...Y.decodeStateVector(Y.encodeStateVector(base))].map(([client, clockEnd]) => ({ client, clockEnd }));
  knownIds.push(...donors.map((donor) => ({ client: donor.clientID, clockEnd: Y.getState(donor.store, donor.clientID) })));
  const textIds = blockTexts(base).map((text) => typeId(text));
  for (const donor of donors) donor.destroy();

  const future = new Y.Doc();
  future.clientID = integer(gen, 1, 0x7fff_ffff);
  Y.applyUpdate(future, Y.encodeStateAsUpdate(base));
  future.getXmlFragment(documentField).insert(0, [draftParagraph(newBlockId(gen), 'this first update is never sent')]);
  const pending: Uint8Array[] = [];
  future.on('update', (update: Uint8Array) => pending.push(update));
  for (let step = 0; step < 150; step++) editDonor(gen, future, false);
  future.destroy();
  return { captured, pending, knownIds, textIds };
}

function randomContent(gen: prng.PRNG): ItemContent {
  switch (integer(gen, 0, 12)) {
    case 0:
      return { kind: 'deleted', length: pick(gen, [1, 3, 2 ** 20, 2 ** 40]) };
    case 1:
      return { kind: 'json', values: Array.from({ length: integer(gen, 0, 2) }, () => pick(gen, ['1', '"a"', 'undefined', '{"a":', 'null'])) };
    case 2:
      return { kind: 'binary', bytes: prng.uint8Array(gen, integer(gen, 0, 8)) };
    case 3:
      return { kind: 'embed', json: pick(gen, ['{"image":"seal.png"}', '[', '3']) };
    case 4:
      return { kind: 'format', key: pick(gen, ['bold', 'italic', 'comment', 'bracket', 'highlight']), json: pick(gen, ['{}', 'true', 'null', '{"id":1}', '{"threadId":"thread-one"}', '{']) };
    case 5:
      return { kind: 'type', typeRef: integer(gen, 0, 7), name: pick(gen, nodeNames) };
    case 6:
      return { kind: 'any', values: Array.from({ length: integer(gen, 0, 3) }, () => (prng.bool(gen) ? pick(gen, ['draft', 'agreed', 'preambular', 2, null, 'fuzz-block-one']) : randomAny(gen))) };
    case 7:
      return { kind: 'doc', guid: prng.word(gen, 1, 8), options: prng.bool(gen) ? {} : { gc: false } };
    default:
      return { kind: 'string', text: prng.word(gen, 0, 10) };
  }
}

const contentLength = (content: ItemContent): number => {
  switch (content.kind) {
    case 'string':
      return content.text.length;
    case 'deleted':
      return content.length;
    case 'json':
    case 'any':
      return content.values.length;
    default:
      return 1;
  }
};

/** A well-formed update with plausible, often wrong, references: the guard's structural checks decide. */
function randomUpdate(gen: prng.PRNG, corpus: Corpus): Uint8Array {
  const client = integer(gen, 1, 0x7fff_ffff);
  const startClock = integer(gen, 0, 9) === 0 ? integer(gen, 1, 5) : 0;
  let clock = startClock;
  const reference = (): Y.ID => {
    const kind = integer(gen, 0, 9);
    if (kind < 6) {
      const known = pick(gen, corpus.knownIds);
      return Y.createID(known.client, integer(gen, 0, known.clockEnd - 1 + (kind === 0 ? 3 : 0)));
    }
    if (kind < 9 && clock > startClock) return Y.createID(client, integer(gen, startClock, clock - 1 + (kind === 8 ? 2 : 0)));
    return Y.createID(integer(gen, 1, 0x7fff_ffff), integer(gen, 0, 50));
  };
  const structs: StructSpec[] = [];
  for (let index = integer(gen, 1, 4); index > 0; index--) {
    const content = randomContent(gen);
    const shape = integer(gen, 0, 4);
    structs.push({
      kind: 'item',
      content,
      origin: shape === 0 || shape === 2 ? reference() : undefined,
      rightOrigin: shape === 1 || shape === 2 ? reference() : undefined,
      parent: shape >= 3 ? (prng.bool(gen) ? { root: pick(gen, rootNames) } : { id: reference() }) : undefined,
      parentSub: shape === 4 && prng.bool(gen) ? (prng.bool(gen) ? pick(gen, attributeKeys) : prng.word(gen, 1, 5)) : undefined,
    });
    clock += contentLength(content);
  }
  const deletes = integer(gen, 0, 3) === 0 ? [{ ...((known) => ({ client: known.client, clock: integer(gen, 0, known.clockEnd) }))(pick(gen, corpus.knownIds)), length: pick(gen, [1, 2, 10, 2 ** 30]) }] : [];
  return encodeUpdate([{ client, clock: startClock, structs }], deletes);
}

function mutate(gen: prng.PRNG, corpus: Corpus, category: Category): Uint8Array {
  const base = (): Uint8Array => pick(gen, corpus.captured);
  switch (category) {
    case 'captured':
      return base();
    case 'random-bytes':
      return prng.uint8Array(gen, integer(gen, 0, 64));
    case 'truncation': {
      const frame = base();
      return frame.slice(0, integer(gen, 0, frame.length - 1));
    }
    case 'bit-flip': {
      const frame = base().slice();
      for (let flips = integer(gen, 1, 4); flips > 0; flips--) {
        const index = integer(gen, 0, frame.length - 1);
        frame[index] = frame[index]! ^ (1 << integer(gen, 0, 7));
      }
      return frame;
    }
    case 'byte-edit': {
      let frame = base();
      for (let edits = integer(gen, 1, 3); edits > 0; edits--) {
        const index = integer(gen, 0, frame.length);
        const action = integer(gen, 0, 2);
        const replacement = action === 1 ? new Uint8Array(0) : prng.uint8Array(gen, integer(gen, 1, 3));
        frame = concatBytes(frame.subarray(0, index), replacement, frame.subarray(Math.min(frame.length, index + (action === 0 ? 0 : 1))));
      }
      return frame;
    }
    case 'huge-varint': {
      const frame = base();
      const index = integer(gen, 0, frame.length);
      const replaced = integer(gen, 0, 2);
      return concatBytes(frame.subarray(0, index), pick(gen, hugeVarints), frame.subarray(Math.min(frame.length, index + replaced)));
    }
    case 'garbage-payload': {
      const garbage = prng.uint8Array(gen, integer(gen, 0, 40));
      const declared = integer(gen, 0, 4) === 0 ? integer(gen, 0, 80) : garbage.length;
      if (prng.bool(gen)) return concatBytes(Uint8Array.of(0, integer(gen, 0, 2)), varUint(declared), garbage);
      return concatBytes(Uint8Array.of(1), varUint(declared), garbage);
    }
    case 'splice': {
      const first = base();
      const second = base();
      return concatBytes(first.subarray(0, integer(gen, 0, first.length)), second.subarray(integer(gen, 0, second.length)));
    }
    case 'random-update':
      return syncFrame(prng.bool(gen) ? 2 : 1, randomUpdate(gen, corpus));
    case 'pending-dependency':
      return prng.bool(gen) ? updateFrame(pick(gen, corpus.pending)) : updateFrame(textInsertUpdate({ id: pick(gen, corpus.textIds) }, integer(gen, 1, 0x7fff_ffff), integer(gen, 1, 2 ** 20)));
  }
}

const weights: Array<[Category, number]> = [
  ['captured', 4],
  ['random-bytes', 10],
  ['truncation', 12],
  ['bit-flip', 16],
  ['byte-edit', 10],
  ['huge-varint', 10],
  ['garbage-payload', 10],
  ['splice', 5],
  ['random-update', 25],
  ['pending-dependency', 8],
];

function framesForRound(gen: prng.PRNG, corpus: Corpus, round: number): FuzzFrame[] {
  const totalWeight = weights.reduce((sum, [, weight]) => sum + weight, 0);
  return Array.from({ length: framesPerRound }, () => {
    // Every fifth round is mostly a flood of updates the server cannot integrate.
    if (round % 5 === 2 && integer(gen, 0, 9) < 8) return { category: 'pending-dependency', frame: mutate(gen, corpus, 'pending-dependency') };
    let draw = integer(gen, 0, totalWeight - 1);
    const [category] = weights.find(([, weight]) => (draw -= weight) < 0)!;
    return { category, frame: mutate(gen, corpus, category) };
  });
}

/** How the server reads a frame (null: malformed), to know what it owes and what it applied. */
function readAsServer(frame: Uint8Array): protocol.IncomingMessage | null {
  try {
    return protocol.readMessage(frame);
  } catch {
    return null;
  }
}

/** refused: the server closed the socket; applied: an update it stored (or found nothing new in); dropped: an update it set aside for a resync. */
type Outcome = { kind: 'accepted' | 'applied' | 'dropped' } | { kind: 'refused'; code: number; reason: string };

/**
 * A bare websocket (with `stored` acknowledgements) that sends one fuzz frame at a time, each followed
 * by a sync step 1 "barrier": the server answers it with a sync step 2 only if it accepted everything
 * before it, and acknowledges an applied update before that answer.
 */
class FuzzSocket {
  private readonly socket: WebSocket;
  private answers = 0;
  private updateBearingSent = 0;
  private stored = 0;
  private closeEvent: { code: number; reason: string } | null = null;
  private wake: () => void = () => {};

  private constructor(socket: WebSocket) {
    this.socket = socket;
    socket.binaryType = 'nodebuffer';
    socket.on('message', (data: Buffer) => {
      if (data[0] === MessageType.sync && data[1] === 1) this.answers++;
      if (data[0] === MessageType.stored) this.stored = Math.max(this.stored, decoding.readVarUint(decoding.createDecoder(data.subarray(1))));
      this.wake();
    });
    socket.on('close', (code, reason) => {
      this.closeEvent = { code, reason: reason.toString() };
      this.wake();
    });
    socket.on('error', () => {});
  }

  static open(url: string, headers: Record<string, string>): Promise<FuzzSocket> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(`${url}?acks=1`, { headers });
      socket.once('open', () => resolve(new FuzzSocket(socket)));
      socket.once('unexpected-response', (_request, response) => reject(new Error(`upgrade refused with HTTP ${response.statusCode}`)));
      socket.once('error', reject);
    });
  }

  get open(): boolean {
    return this.closeEvent === null && this.socket.readyState === WebSocket.OPEN;
  }

  async deliver(frame: Uint8Array, barrier: Uint8Array, describe: () => string): Promise<Outcome> {
    const kind = readAsServer(frame)?.kind;
    const owed = this.answers + 1 + (kind === 'sync-step-1' ? 1 : 0);
    const sequence = kind === 'update' || kind === 'sync-step-2' ? ++this.updateBearingSent : null;
    this.socket.send(frame);
    this.socket.send(barrier);
    const deadline = Date.now() + 15_000;
    while (this.closeEvent === null && this.answers < owed) {
      if (Date.now() > deadline) throw new Error(`no answer and no close within 15 s for ${describe()}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 1_000);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    if (this.answers < owed) return { kind: 'refused', ...this.closeEvent! };
    if (sequence === null) return { kind: 'accepted' };
    return { kind: this.stored >= sequence ? 'applied' : 'dropped' };
  }

  close(): void {
    this.socket.terminate();
  }
}

/** What documentOrder reads of a Yjs shared type. */
interface SharedType {
  _start: Y.Item | null;
  _map: Map<string, Y.Item>;
}

/**
 * Every item of every shared type, in document order, with its deletion: equal for two documents
 * exactly when they show the same content (whatever the struct splitting).
 */
function documentOrder(doc: Y.Doc): string {
  const lines: string[] = [];
  const visit = (type: SharedType, label: string): void => {
    // Runs of consecutive clocks of one client, so that how yjs happened to split items does not matter.
    const runs: Array<{ client: number; clock: number; length: number; deleted: boolean }> = [];
    const nested: Array<[SharedType, string]> = [];
    for (let item = type._start; item !== null; item = item.right) {
      const last = runs.at(-1);
      if (last && last.client === item.id.client && last.clock + last.length === item.id.clock && last.deleted === item.deleted) last.length += item.length;
      else runs.push({ client: item.id.client, clock: item.id.clock, length: item.length, deleted: item.deleted });
      if (item.content instanceof Y.ContentType) nested.push([item.content.type, `${label}/${item.id.client}:${item.id.clock}`]);
    }
    lines.push(`${label} [${runs.map((run) => `${run.client}:${run.clock}+${run.length}${run.deleted ? 'd' : ''}`).join(' ')}]`);
    for (const [key, entry] of [...type._map].sort(([first], [second]) => first.localeCompare(second))) {
      const history: string[] = [];
      for (let item: Y.Item | null = entry; item !== null; item = item.left) history.push(`${item.id.client}:${item.id.clock}${item.deleted ? 'd' : ''}`);
      lines.push(`${label}.${key} {${history.join(' ')}}`);
      if (entry.content instanceof Y.ContentType) nested.push([entry.content.type, `${label}.${key}`]);
    }
    for (const [child, childLabel] of nested) visit(child, childLabel);
  };
  // Roots without content are only names some update mentioned.
  for (const [name, type] of [...doc.share].sort(([first], [second]) => first.localeCompare(second))) if (type._start !== null || type._map.size > 0) visit(type, name);
  return lines.join('\n');
}

/** The first line where two documentOrder results differ, around the first differing item. */
function firstDifference(expected: string, actual: string): string {
  const expectedLines = expected.split('\n');
  const actualLines = actual.split('\n');
  const line = expectedLines.findIndex((candidate, index) => candidate !== actualLines[index]);
  const expectedItems = (expectedLines[line] ?? '').split(' ');
  const actualItems = (actualLines[line] ?? '').split(' ');
  const item = expectedItems.findIndex((candidate, index) => candidate !== actualItems[index]);
  const around = (items: string[]) => `${items[0]} … ${items.slice(Math.max(1, item - 3), item + 6).join(' ')}`;
  return `connected: ${around(expectedItems)}\njoiner:    ${around(actualItems)}`;
}

describe(`fuzz: malformed and mutated frames (FUZZ_SEED=${seed})`, () => {
  let server: TestServer;
  beforeAll(async () => {
    // A high rate limit so that the sockets whose frames are accepted can go on sending.
    server = await startTestServer({ MAX_MESSAGES_PER_SECOND: 100_000 });
  });
  afterAll(async () => {
    await server.stop();
  });

  async function refusalTotal(): Promise<number> {
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    let total = 0;
    for (const match of metrics.matchAll(/^concord_refused_messages_total\{reason="[^"]+"\} (\d+)$/gm)) total += Number(match[1]);
    return total;
  }

  it(`keeps serving, converged and unchanged by refusals, through ${rounds * framesPerRound} frames (seed ${seed})`, async () => {
    const gen = prng.create(seed);
    const editing = prng.create(seed + 1);
    const documentId = await server.createDocument();
    const url = `${server.url.replace(/^http/, 'ws')}/collab/${documentId}`;
    // Two delegates: the well-behaved one, and the one every fuzz frame comes from.
    const [honestUser, fuzzerUser] = await Promise.all([
      server.asRole('delegate', { kind: 'delegation', delegationCode: 'EGY' }),
      server.asRole('delegate', { kind: 'delegation', delegationCode: 'IRN' }),
    ]);
    const fuzzerHeaders = websocketHeaders(server.url, fuzzerUser);

    const honestDoc = new Y.Doc();
    honestDoc.clientID = integer(gen, 1, 0x7fff_ffff);
    const honest = new RawClient(server.url, documentId, { doc: honestDoc, headers: websocketHeaders(server.url, honestUser) });
    await honest.whenSynced();
    let honestClosed: { code: number; reason: string } | null = null;
    void honest.closed.then((event) => (honestClosed = event));
    draftText(honestDoc).insert(0, 'The States Parties to this Treaty, considering the devastation that would be visited upon all mankind, ');
    honestDoc.getXmlFragment(documentField).push([draftParagraph('honest-second', 'Believing that the proliferation of nuclear weapons would seriously enhance the danger of nuclear war, ')]);
    honest.awareness.setLocalState({ user: { name: 'Delegate', color: '#ee6352' } });
    honest.sendAwareness();
    await honest.whenStored();
    const corpus = buildCorpus(gen, honestDoc);

    // The well-behaved client edits throughout, at a human pace, in whichever paragraph is left.
    const editTimer = setInterval(() => {
      const texts = blockTexts(honestDoc);
      if (texts.length === 0) return;
      const text = pick(editing, texts);
      if (text.length > 40 && integer(editing, 0, 3) === 0) text.delete(integer(editing, 0, text.length - 10), integer(editing, 1, 5));
      else text.insert(integer(editing, 0, text.length), prng.word(editing, 1, 6));
    }, 40);

    /** The honest client's own updates and the fuzz updates the server stored, in the order they happened. */
    const appliedUpdates: Uint8Array[] = [Y.encodeStateAsUpdate(honestDoc)];
    honestDoc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== honest) appliedUpdates.push(update);
    });
    const outcomes = new Map<string, number>();
    const count = (key: string) => outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
    const closeCodes = new Map<string, number>();
    let delivered = 0;
    let refused = 0;
    const refusalsBefore = await refusalTotal();
    const rssBefore = process.memoryUsage().rss;
    let rssPeak = rssBefore;
    const started = performance.now();

    try {
      for (let round = 0; round < rounds; round++) {
        const frames = framesForRound(gen, corpus, round);
        const barrier = syncStep1Frame(Y.encodeStateVector(honestDoc));
        let next = 0;
        const worker = async () => {
          let socket: FuzzSocket | null = null;
          for (let index = next++; index < frames.length; index = next++) {
            const { category, frame } = frames[index]!;
            if (socket === null || !socket.open) socket = await FuzzSocket.open(url, fuzzerHeaders);
            const describeFrame = () => `round ${round} frame ${index} (${category}) ${Buffer.from(frame).toString('hex').slice(0, 200)} [FUZZ_SEED=${seed}]`;
            const outcome = await socket.deliver(frame, barrier, describeFrame);
            delivered++;
            count(`${category} ${outcome.kind}`);
            if (outcome.kind === 'applied') {
              const message = readAsServer(frame);
              if (message?.kind === 'update' || message?.kind === 'sync-step-2') appliedUpdates.push(message.update.slice());
            } else if (outcome.kind === 'dropped') {
              // Its acknowledgements now stop short of the dropped update: start afresh.
              socket.close();
              socket = null;
            } else if (outcome.kind === 'refused') {
              refused++;
              const key = `${outcome.code} ${outcome.reason}`;
              closeCodes.set(key, (closeCodes.get(key) ?? 0) + 1);
              socket = null;
            }
          }
          socket?.close();
        };
        await Promise.all(Array.from({ length: socketsInFlight }, worker));

        const health = await fetch(`${server.url}/healthz`);
        expect(health.status, `GET /healthz after round ${round} [FUZZ_SEED=${seed}]`).toBe(200);
        rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
        expect(honestClosed, `the well-behaved client was disconnected during round ${round} [FUZZ_SEED=${seed}]`).toBeNull();
      }
    } finally {
      clearInterval(editTimer);
    }
    const seconds = (performance.now() - started) / 1000;
    const growthMegabytes = (rssPeak - rssBefore) / 2 ** 20;
    console.log(
      [
        `FUZZ_SEED=${seed}: ${delivered} frames delivered in ${seconds.toFixed(1)} s, ${refused} refused, ${appliedUpdates.length} updates applied (the honest client's included), RSS growth ${growthMegabytes.toFixed(1)} MB`,
        `outcomes: ${JSON.stringify(Object.fromEntries([...outcomes].sort()))}`,
        `close codes: ${JSON.stringify(Object.fromEntries(closeCodes))}`,
      ].join('\n'),
    );

    expect(delivered).toBeGreaterThanOrEqual(10_000);
    // The server counted each refusal we saw, so it really parsed those frames.
    expect((await refusalTotal()) - refusalsBefore).toBe(refused);
    const allowedRefusals = [CloseCode.malformedMessage, CloseCode.refusedUpdate, CloseCode.forbidden, CloseCode.clientIdTaken].flatMap((code) => Object.values(RefusalReason).map((reason) => `${code} ${reason}`));
    expect([...closeCodes.keys()].filter((key) => !allowedRefusals.includes(key)), `unexpected close codes [FUZZ_SEED=${seed}]`).toEqual([]);
    expect(growthMegabytes).toBeLessThan(300);
    expect(honestClosed).toBeNull();

    // The server holds exactly the honest client's edits plus the updates it acknowledged: nothing
    // from a refused or dropped frame, nothing left pending (state vectors do not depend on order).
    await honest.whenStored();
    const expected = new Y.Doc();
    for (const update of appliedUpdates) Y.applyUpdate(expected, update);
    expect(expected.store.pendingStructs).toBeNull();
    const expectedStateVector = Y.encodeStateVector(expected);
    await honest.waitFor(() => Buffer.from(Y.encodeStateVector(honestDoc)).equals(expectedStateVector), 15_000, `the honest client to hold every stored update [FUZZ_SEED=${seed}]`);
    const fresh = new RawClient(server.url, documentId);
    await fresh.whenSynced();
    expect(fresh.doc.store.pendingStructs, `the server kept structs it could not integrate [FUZZ_SEED=${seed}]`).toBeNull();
    expect(fresh.doc.store.pendingDs).toBeNull();
    expect(Y.encodeStateVector(fresh.doc), `state vector [FUZZ_SEED=${seed}]`).toEqual(expectedStateVector);

    // A client that connects now sees the document the connected client sees, and so would the server
    // after a restart: both load the encoded state instead of replaying the updates in their order.
    const joinerView = documentOrder(fresh.doc);
    const connectedView = documentOrder(honestDoc);
    expect(joinerView === connectedView, `a late joiner's document differs from the connected client's [FUZZ_SEED=${seed}]\n${firstDifference(connectedView, joinerView)}`).toBe(true);
    expect(Y.equalSnapshots(Y.snapshot(fresh.doc), Y.snapshot(honestDoc)), `deleted items [FUZZ_SEED=${seed}]`).toBe(true);
    expect(fresh.text).toBe(honest.text);
    // No deletion from a refused or dropped frame either.
    expect(Y.equalSnapshots(Y.snapshot(honestDoc), Y.snapshot(expected)), `deleted items of the stored updates only [FUZZ_SEED=${seed}]`).toBe(true);

    fresh.destroy();
    honest.destroy();
    expected.destroy();
    honestDoc.destroy();
  }, 120_000);
});
