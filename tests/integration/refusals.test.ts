/**
 * Hostile frames against a real server, each sent while a well-behaved client edits the same
 * room and an observer watches it: every refusal must close only its sender, with the documented
 * close code and reason, and change nothing anybody else can see.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { CloseCode, RefusalReason } from '@concord/shared';
import { RawClient, type CloseEvent } from '../utils/RawClient.ts';
import { connectProvider, eventually, whenProviderSynced } from '../utils/providers.ts';
import { startTestServer, type TestServer } from '../utils/startTestServer.ts';
import {
  awarenessFrame,
  concatBytes,
  deleteRangeUpdate,
  encodeUpdate,
  frameOfType,
  gcStructUpdate,
  hugeStructCountFrame,
  queryAwarenessFrame,
  skipStructUpdate,
  syncFrame,
  syncStep1Frame,
  syncStep2Frame,
  truncated,
  updateFrame,
  updatesWithMissingDependencies,
  varUint,
} from '../utils/maliciousFrames.ts';

const refusalReasons: readonly string[] = Object.values(RefusalReason);

interface ServerView {
  stateVector: Uint8Array;
  text: string;
  snapshot: Y.Snapshot;
}

/** A room with a well-behaved writer and an observer, both synced on a short text. */
interface EditedRoom {
  documentId: string;
  honest: RawClient;
  observer: RawClient;
  close(): void;
}

describe('refusals: hostile frames close their sender and change nothing', () => {
  let server: TestServer;
  let collaborationUrl: (documentId: string) => string;

  beforeAll(async () => {
    server = await startTestServer();
    collaborationUrl = (documentId) => `${server.url.replace(/^http/, 'ws')}/collab/${documentId}`;
  });
  afterAll(async () => {
    await server.stop();
  });

  async function openEditedRoom(): Promise<EditedRoom> {
    const documentId = await server.createDocument();
    const honest = new RawClient(server.url, documentId);
    const observer = new RawClient(server.url, documentId);
    await Promise.all([honest.whenSynced(), observer.whenSynced()]);
    honest.doc.getText('text').insert(0, 'The States Parties to this Treaty, ');
    await honest.whenStored();
    await observer.waitFor(() => observer.text === honest.text, 10_000, 'the observer to see the first edit');
    return {
      documentId,
      honest,
      observer,
      close() {
        honest.destroy();
        observer.destroy();
      },
    };
  }

  /** What a client that connects now receives. */
  async function serverView(documentId: string): Promise<ServerView> {
    const fresh = new RawClient(server.url, documentId);
    try {
      await fresh.whenSynced();
      // The server never keeps updates it could not integrate, so a fresh copy has none either.
      expect(fresh.doc.store.pendingStructs).toBeNull();
      expect(fresh.doc.store.pendingDs).toBeNull();
      return { stateVector: Y.encodeStateVector(fresh.doc), text: fresh.text, snapshot: Y.snapshot(fresh.doc) };
    } finally {
      fresh.destroy();
    }
  }

  async function expectUnchanged(room: EditedRoom, before: ServerView): Promise<void> {
    const after = await serverView(room.documentId);
    expect(after.text).toBe(before.text);
    expect(after.stateVector).toEqual(before.stateVector);
    expect(Y.equalSnapshots(after.snapshot, before.snapshot)).toBe(true);
    for (const client of [room.honest, room.observer]) {
      expect(client.text).toBe(before.text);
      expect(Y.encodeStateVector(client.doc)).toEqual(before.stateVector);
    }
  }

  /** The well-behaved client's next edit is stored and reaches the observer. */
  async function expectHonestEditArrives(room: EditedRoom, marker: string): Promise<void> {
    const text = room.honest.doc.getText('text');
    text.insert(text.length, marker);
    await room.honest.whenStored();
    await room.observer.waitFor(() => room.observer.text === room.honest.text, 10_000, `the observer to receive ${marker}`);
    expect(room.observer.text.endsWith(marker)).toBe(true);
  }

  /** Opens a bare websocket, sends `frames` once it is open, and resolves with how the server closed it. */
  function sendOnFreshSocket(documentId: string, frames: Uint8Array[]): Promise<CloseEvent> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(collaborationUrl(documentId));
      const timer = setTimeout(() => {
        socket.terminate();
        reject(new Error('the server did not close a socket that sent a hostile frame'));
      }, 20_000);
      socket.on('open', () => {
        for (const frame of frames) socket.send(frame);
      });
      socket.on('error', () => {});
      socket.on('close', (code, reason) => {
        clearTimeout(timer);
        resolve({ code, reason: reason.toString() });
      });
    });
  }

  async function refusedCount(reason: string): Promise<number> {
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    const line = metrics.split('\n').find((candidate) => candidate.startsWith(`concord_refused_messages_total{reason="${reason}"}`));
    return line === undefined ? 0 : Number(line.split(' ').at(-1));
  }

  it('closes the sender of an unknown message type with malformedMessage', async () => {
    const room = await openEditedRoom();
    const before = await serverView(room.documentId);
    const frames = [
      frameOfType(2, Uint8Array.of(0)), // auth: the server does not take it from clients
      frameOfType(4),
      frameOfType(100, varUint(1)), // a client sending the server's own `stored` message
      frameOfType(127, Uint8Array.of(1, 2, 3)),
      frameOfType(2 ** 20),
      syncFrame(3, Uint8Array.of(0, 0)), // unknown sync sub-type
    ];
    for (const frame of frames) {
      expect(await sendOnFreshSocket(room.documentId, [frame]), `frame ${Buffer.from(frame).toString('hex')}`).toEqual({ code: CloseCode.malformedMessage, reason: RefusalReason.malformed });
    }
    await expectUnchanged(room, before);
    await expectHonestEditArrives(room, 'Article I.');
    room.close();
  });

  it('closes the sender of a truncated sync message with malformedMessage', async () => {
    const room = await openEditedRoom();
    const before = await serverView(room.documentId);
    const frames = [
      Uint8Array.of(0), // sync, nothing else
      Uint8Array.of(0, 2), // update without its length
      Uint8Array.of(0, 2, 50, 1, 1, 5), // declares 50 bytes, carries 3
      Uint8Array.of(0, 1, 0x80), // a varint that never ends
      Uint8Array.of(1, 9, 1), // awareness declaring 9 bytes
      Uint8Array.of(0, 0, 0xff, 0xff, 0xff, 0xff, 0x0f), // state vector declaring 2^32 bytes
    ];
    for (const frame of frames) {
      expect(await sendOnFreshSocket(room.documentId, [frame]), `frame ${Buffer.from(frame).toString('hex')}`).toEqual({ code: CloseCode.malformedMessage, reason: RefusalReason.malformed });
    }
    await expectUnchanged(room, before);
    await expectHonestEditArrives(room, 'Article II.');
    room.close();
  });

  it('closes the sender of a frame with trailing bytes with malformedMessage, without applying the message before them', async () => {
    const room = await openEditedRoom();
    const before = await serverView(room.documentId);
    const foreign = new Y.Doc();
    foreign.getText('text').insert(0, 'SMUGGLED');
    const validUpdate = Y.encodeStateAsUpdate(foreign);
    const frames = [
      concatBytes(updateFrame(validUpdate), Uint8Array.of(0)),
      concatBytes(syncStep2Frame(validUpdate), updateFrame(validUpdate)), // two messages in one frame
      concatBytes(queryAwarenessFrame(), Uint8Array.of(0)),
      concatBytes(awarenessFrame(Uint8Array.of(0)), Uint8Array.of(1, 2)),
      updateFrame(concatBytes(validUpdate, Uint8Array.of(0))), // trailing bytes inside the update
    ];
    for (const frame of frames) {
      const closed = await sendOnFreshSocket(room.documentId, [frame]);
      expect([CloseCode.malformedMessage, CloseCode.refusedUpdate], `frame ${Buffer.from(frame).toString('hex')}`).toContain(closed.code);
      expect(refusalReasons).toContain(closed.reason);
    }
    await expectUnchanged(room, before);
    expect(room.observer.text).not.toContain('SMUGGLED');
    await expectHonestEditArrives(room, 'Article III.');
    foreign.destroy();
    room.close();
  });

  it('refuses a truncated real update whole, wherever it is cut, and accepts the same update uncut', async () => {
    const room = await openEditedRoom();
    const before = await serverView(room.documentId);
    // A real multi-part update under the attacker's own clientID: inserts, a format, a delete, a map entry.
    const attackerDoc = new Y.Doc();
    Y.applyUpdate(attackerDoc, Y.encodeStateAsUpdate(room.honest.doc));
    const attackerBefore = Y.encodeStateVector(attackerDoc);
    attackerDoc.transact(() => {
      const text = attackerDoc.getText('text');
      text.insert(4, 'High Contracting ');
      text.format(0, 3, { bold: true });
      text.delete(text.length - 2, 1);
      text.insert(text.length, ' hereby agree');
      attackerDoc.getMap('meta').set('status', { stage: 'draft', round: 3 });
    });
    const update = Y.encodeStateAsUpdate(attackerDoc, attackerBefore);
    const cuts = [...new Set([1, 2, 3, 5, 8, Math.floor(update.length / 4), Math.floor(update.length / 2), Math.floor((3 * update.length) / 4), update.length - 3, update.length - 2, update.length - 1])];
    for (const cut of cuts) {
      // Cut inside a well-formed frame, and cut frame and all.
      for (const frame of [updateFrame(truncated(update, cut)), truncated(updateFrame(update), cut + 3)]) {
        const closed = await sendOnFreshSocket(room.documentId, [frame]);
        expect([CloseCode.malformedMessage, CloseCode.refusedUpdate], `update cut at ${cut} of ${update.length}`).toContain(closed.code);
        expect(refusalReasons).toContain(closed.reason);
      }
    }
    await expectUnchanged(room, before);

    // Control: uncut, the same bytes are a valid update that everyone receives.
    const attacker = new RawClient(server.url, room.documentId, { doc: new Y.Doc() });
    await attacker.whenSynced();
    attacker.sendUpdate(update);
    await attacker.whenStored();
    await room.observer.waitFor(() => room.observer.text.includes('hereby agree'), 10_000, 'the uncut update');
    expect(room.honest.text).toBe(attackerDoc.getText('text').toString());
    attacker.destroy();
    attackerDoc.destroy();
    room.close();
  });

  it('refuses a GC struct claiming 2^40 clocks of another client (gc-struct), and that client keeps editing', async () => {
    const room = await openEditedRoom();
    const before = await serverView(room.documentId);
    const victim = room.honest.doc.clientID;
    const victimClock = Y.getState(room.honest.doc.store, victim);
    for (const clock of [victimClock, 0]) {
      expect(await sendOnFreshSocket(room.documentId, [updateFrame(gcStructUpdate(victim, clock, 2 ** 40))])).toEqual({
        code: CloseCode.refusedUpdate,
        reason: RefusalReason.gcStruct,
      });
    }
    await expectUnchanged(room, before);
    await expectHonestEditArrives(room, 'Article IV.');
    await expectHonestEditArrives(room, ' Each Party undertakes');
    expect((await serverView(room.documentId)).text).toBe(room.honest.text);
    room.close();
  });

  it('refuses a delete range of 2^50 clocks (delete-beyond-clock), and the text stays intact', async () => {
    const room = await openEditedRoom();
    const before = await serverView(room.documentId);
    for (const client of [room.honest.doc.clientID, 0x7fff_fff0]) {
      expect(await sendOnFreshSocket(room.documentId, [updateFrame(deleteRangeUpdate(client, 0, 2 ** 50))])).toEqual({
        code: CloseCode.refusedUpdate,
        reason: RefusalReason.deleteBeyondClock,
      });
    }
    await expectUnchanged(room, before);
    await expectHonestEditArrives(room, 'Article V.');
    room.close();
  });

  it('refuses a Skip struct (skip-struct), alone or in front of a valid insert', async () => {
    const room = await openEditedRoom();
    const before = await serverView(room.documentId);
    const attacker = 0x2000_0001;
    const updates = [
      skipStructUpdate(attacker, 0, 5),
      encodeUpdate([{ client: attacker, clock: 0, structs: [{ kind: 'skip', length: 3 }, { kind: 'item', parent: { root: 'text' }, content: { kind: 'string', text: 'after a hole' } }] }]),
    ];
    for (const update of updates) {
      expect(await sendOnFreshSocket(room.documentId, [updateFrame(update)])).toEqual({ code: CloseCode.refusedUpdate, reason: RefusalReason.skipStruct });
    }
    await expectUnchanged(room, before);
    await expectHonestEditArrives(room, 'Article VI.');
    room.close();
  });

  it('refuses updates whose dependencies are missing (missing-dependencies)', async () => {
    const room = await openEditedRoom();
    const before = await serverView(room.documentId);
    for (const update of updatesWithMissingDependencies(3, 0x3000_0000)) {
      expect(await sendOnFreshSocket(room.documentId, [updateFrame(update)])).toEqual({ code: CloseCode.refusedUpdate, reason: RefusalReason.missingDependencies });
    }
    await expectUnchanged(room, before);
    await expectHonestEditArrives(room, 'Article VII.');
    room.close();
  });

  it('stays responsive after a flood of 8,000 updates with missing dependencies, each inspected on its own connection', async () => {
    const room = await openEditedRoom();
    const before = await serverView(room.documentId);
    const refusedBefore = await refusedCount(RefusalReason.missingDependencies);
    const flood = updatesWithMissingDependencies(8_000, 0x4000_0000).map((update) => updateFrame(update));
    const closes = new Map<string, number>();
    let next = 0;
    // Each refusal closes its sender, so every update gets its own connection; 32 are in flight at a time.
    const sender = async () => {
      for (let index = next++; index < flood.length; index = next++) {
        const { code, reason } = await sendOnFreshSocket(room.documentId, [flood[index]!]);
        closes.set(`${code} ${reason}`, (closes.get(`${code} ${reason}`) ?? 0) + 1);
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: 32 }, sender));
    console.log(`flood of ${flood.length} refused updates took ${Math.round(performance.now() - started)} ms`);

    expect(Object.fromEntries(closes)).toEqual({ [`${CloseCode.refusedUpdate} ${RefusalReason.missingDependencies}`]: 8_000 });
    // The server really inspected every one of them.
    expect((await refusedCount(RefusalReason.missingDependencies)) - refusedBefore).toBe(8_000);
    await expectUnchanged(room, before);
    await expectHonestEditArrives(room, 'Article VIII.');
    room.close();
  });

  it('refuses 14-byte frames declaring 2^25 structs, ranges or entries without allocating for them', async () => {
    const room = await openEditedRoom();
    const before = await serverView(room.documentId);
    const frames = [
      hugeStructCountFrame(),
      syncStep2Frame(hugeStructCountFrame().subarray(3)),
      updateFrame(concatBytes(varUint(0), varUint(1), varUint(7), varUint(2 ** 25), Uint8Array.of(0, 1))), // delete set with 2^25 ranges
      updateFrame(concatBytes(varUint(2 ** 25), Uint8Array.of(1, 7, 0, 4))), // 2^25 clients
      syncStep1Frame(concatBytes(varUint(2 ** 25), Uint8Array.of(1, 1, 2, 2))), // state vector with 2^25 entries
      awarenessFrame(concatBytes(varUint(2 ** 25), Uint8Array.of(1, 1, 2, 0x7b, 0x7d))), // 2^25 awareness entries
    ];
    const rssBefore = process.memoryUsage().rss;
    let rssPeak = rssBefore;
    for (let round = 0; round < 5; round++) {
      for (const frame of frames) {
        const closed = await sendOnFreshSocket(room.documentId, [frame]);
        expect([CloseCode.malformedMessage, CloseCode.refusedUpdate], `frame ${Buffer.from(frame).toString('hex')}`).toContain(closed.code);
        expect([RefusalReason.malformed, RefusalReason.tooManyStructs]).toContain(closed.reason);
        rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
      }
    }
    const growthMegabytes = (rssPeak - rssBefore) / 2 ** 20;
    console.log(`RSS growth while refusing huge declared counts: ${growthMegabytes.toFixed(1)} MB`);
    expect(growthMegabytes).toBeLessThan(100);
    await expectUnchanged(room, before);
    await expectHonestEditArrives(room, 'Article IX.');
    room.close();
  });

  it('closes a client writing under a connected client\'s clientID with clientIdTaken, leaving the owner\'s text alone', async () => {
    const room = await openEditedRoom();
    const before = await serverView(room.documentId);
    const impostorDoc = new Y.Doc();
    const impostor = new RawClient(server.url, room.documentId, { doc: impostorDoc });
    await impostor.whenSynced();
    // Taken after syncing: Yjs itself would pick a new clientID if it saw its own arrive from the server.
    impostorDoc.clientID = room.honest.doc.clientID;
    impostorDoc.getText('text').insert(0, 'FORGED ');
    expect(await impostor.closed).toEqual({ code: CloseCode.clientIdTaken, reason: RefusalReason.clientIdTaken });
    await expectUnchanged(room, before);
    await expectHonestEditArrives(room, 'Article X.');
    expect(room.honest.text).not.toContain('FORGED');
    impostor.destroy();
    impostorDoc.destroy();
    room.close();
  });

  it('lets a client that reconnects with the same clientID back in, with its offline edits', async () => {
    const room = await openEditedRoom();
    const doc = new Y.Doc();
    const text = doc.getText('text');

    // A clean close, then offline edits, then a new connection with the same Y.Doc.
    const first = new RawClient(server.url, room.documentId, { doc });
    await first.whenSynced();
    text.insert(text.length, ' [online 1]');
    await first.whenStored();
    await first.close();
    text.insert(text.length, ' [offline 1]');
    const second = new RawClient(server.url, room.documentId, { doc });
    await second.whenSynced();
    await second.whenStored();
    await room.observer.waitFor(() => room.observer.text.includes('[offline 1]'), 10_000, 'the first offline edit');

    // A dropped connection (no closing handshake), then the same again.
    text.insert(text.length, ' [online 2]');
    await second.whenStored();
    second.socket.terminate();
    await second.closed;
    text.insert(text.length, ' [offline 2]');
    const third = new RawClient(server.url, room.documentId, { doc });
    await third.whenSynced();
    await third.whenStored();
    await room.observer.waitFor(() => room.observer.text.includes('[offline 2]'), 10_000, 'the second offline edit');

    // The stock provider going offline and coming back.
    third.destroy();
    first.destroy();
    second.destroy();
    const provider = connectProvider(server.url, room.documentId, doc);
    await whenProviderSynced(provider);
    provider.disconnect();
    text.insert(text.length, ' [offline 3]');
    provider.connect();
    await eventually(() => room.observer.text.includes('[offline 3]'), 10_000, 'the provider\'s offline edit');

    expect(room.observer.text).toBe(text.toString());
    expect((await serverView(room.documentId)).text).toBe(text.toString());
    expect(room.honest.text).toBe(text.toString());
    provider.destroy();
    doc.destroy();
    room.close();
  });
});
