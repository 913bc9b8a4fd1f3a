import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { inspectUpdate, type UpdateLimits } from './inspectUpdate.ts';

const limits: UpdateLimits = { maxStructs: 10_000, maxClients: 64, maxDeleteRanges: 10_000, maxAnyDepth: 16, maxClockAdvance: 1 << 24 };

function docWithId(clientID: number): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  return doc;
}

/** The update `change` makes on `doc`. */
function edit(doc: Y.Doc, change: (text: Y.Text) => void): Uint8Array {
  const before = Y.encodeStateVector(doc);
  change(doc.getText('text'));
  return Y.encodeStateAsUpdate(doc, before);
}

function syncFrom(target: Y.Doc, ...updates: Uint8Array[]): void {
  for (const update of updates) Y.applyUpdate(target, update);
}

function expectAccepted(server: Y.Doc, update: Uint8Array): void {
  const result = inspectUpdate(server, update, limits);
  expect(result.ok ? 'accepted' : `${result.reason}: ${result.detail}`).toBe('accepted');
  Y.applyUpdate(server, update);
}

describe('origins that were adjacent for their author', () => {
  it('accepts concurrent inserts into the same gap, in either arrival order, and replicas converge', () => {
    for (const order of [0, 1]) {
      const server = docWithId(1);
      const author = docWithId(10);
      const base = edit(author, (text) => text.insert(0, 'ag'));
      const first = docWithId(20);
      const second = docWithId(30);
      syncFrom(server, base);
      syncFrom(first, base);
      syncFrom(second, base);
      const fromFirst = edit(first, (text) => text.insert(1, 'b'));
      const fromSecond = edit(second, (text) => text.insert(1, 'c'));
      const arrivals = order === 0 ? [fromFirst, fromSecond] : [fromSecond, fromFirst];
      for (const update of arrivals) expectAccepted(server, update);
      const fresh = new Y.Doc();
      Y.applyUpdate(fresh, Y.encodeStateAsUpdate(server));
      expect(fresh.getText('text').toString()).toBe(server.getText('text').toString());
    }
  });

  it('accepts an insert between items that another author concurrently put in a wider gap', () => {
    const server = docWithId(1);
    const author = docWithId(10);
    const base = edit(author, (text) => text.insert(0, 'KR'));
    const wide = docWithId(20);
    const narrow = docWithId(30);
    const late = docWithId(40);
    for (const doc of [server, wide, narrow, late]) syncFrom(doc, base);
    const fromWide = edit(wide, (text) => text.insert(1, 'Z'));
    const fromNarrow = edit(narrow, (text) => text.insert(1, 'L'));
    syncFrom(late, fromNarrow);
    // `late` saw L and R adjacent; on the server Z may lie between them.
    const fromLate = edit(late, (text) => text.insert(2, 'N'));
    for (const update of [fromNarrow, fromWide, fromLate]) expectAccepted(server, update);
    const fresh = new Y.Doc();
    Y.applyUpdate(fresh, Y.encodeStateAsUpdate(server));
    expect(fresh.getText('text').toString()).toBe(server.getText('text').toString());
  });

  it('refuses origins with an item between them that the author must have known', () => {
    const server = docWithId(1);
    const author = docWithId(10);
    syncFrom(server, edit(author, (text) => text.insert(0, 'abcdefgh')));
    // A hand-built insert whose origins are "e" (10:4) and "g" (10:6): "f" (10:5) lies between, and knowing "g" means knowing "f".
    const forger = docWithId(99);
    syncFrom(forger, Y.encodeStateAsUpdate(server));
    const honestInsert = edit(forger, (text) => text.insert(5, 'X'));
    const item = Y.decodeUpdate(honestInsert).structs[0];
    expect(item instanceof Y.Item && item.origin).toEqual(Y.createID(10, 4));
    const forged = forgeRightOrigin(honestInsert, Y.createID(10, 5), Y.createID(10, 6));
    const result = inspectUpdate(server, forged, limits);
    expect(result.ok ? 'accepted' : result.reason).toBe('forged-origins');
    expectAccepted(server, honestInsert);
  });

  it('refuses a right origin that precedes the left origin', () => {
    const server = docWithId(1);
    const author = docWithId(10);
    syncFrom(server, edit(author, (text) => text.insert(0, 'abcd')));
    const forger = docWithId(99);
    syncFrom(forger, Y.encodeStateAsUpdate(server));
    const honestInsert = edit(forger, (text) => text.insert(3, 'X'));
    const forged = forgeRightOrigin(honestInsert, Y.createID(10, 3), Y.createID(10, 1));
    const result = inspectUpdate(server, forged, limits);
    expect(result.ok ? 'accepted' : result.reason).toBe('forged-origins');
  });
});

/** Rewrites the right origin id of the single item in `update` (the bytes of its clock). */
function forgeRightOrigin(update: Uint8Array, from: Y.ID, to: Y.ID): Uint8Array {
  const bytes = [...update];
  for (let index = 0; index + 1 < bytes.length; index++) {
    // The right origin is written as varuint client then varuint clock; clients here are < 128 and clocks < 128.
    if (bytes[index] === from.client && bytes[index + 1] === from.clock) {
      bytes[index] = to.client;
      bytes[index + 1] = to.clock;
      const candidate = Uint8Array.from(bytes);
      const item = Y.decodeUpdate(candidate).structs[0];
      if (item instanceof Y.Item && item.rightOrigin?.clock === to.clock) return candidate;
      bytes[index] = from.client;
      bytes[index + 1] = from.clock;
    }
  }
  throw new Error('right origin not found in the update');
}
