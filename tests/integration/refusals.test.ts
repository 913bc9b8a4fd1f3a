/**
 * Hostile frames against a real server, each sent while a well-behaved delegate edits the same
 * room and an observer watches it: every refusal must close only its sender, with the documented
 * close code and reason, and change nothing anybody else can see. The hostile frames come from
 * another signed-in delegate, so that the rules binding clientIDs to users apply to them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { CloseCode, MessageType, RefusalReason, documentField, type Affiliation } from '@concord/shared';
import { RawClient, type CloseEvent } from '../utils/RawClient.ts';
import { websocketHeaders } from '../utils/credentials.ts';
import { documentText, draftText } from '../utils/draft.ts';
import { connectProvider, eventually, whenProviderSynced } from '../utils/providers.ts';
import { startTestServer, type SignedInAs, type TestServer } from '../utils/startTestServer.ts';
import {
  awarenessFrame,
  concatBytes,
  deleteRangeUpdate,
  draftParagraph,
  encodeUpdate,
  frameOfType,
  gcStructUpdate,
  hugeStructCountFrame,
  queryAwarenessFrame,
  skipStructUpdate,
  syncFrame,
  syncStep1Frame,
  SyncType,
  syncStep2Frame,
  truncated,
  typeId,
  updateFrame,
  updatesWithMissingDependencies,
  varUint,
} from '../utils/maliciousFrames.ts';

const refusalReasons: readonly string[] = Object.values(RefusalReason);
/** An update that adds nothing. */
const emptyUpdate = Y.encodeStateAsUpdate(new Y.Doc());
const delegation = (delegationCode: string): Affiliation => ({ kind: 'delegation', delegationCode });

/** Whether a client's update-bearing messages were all stored, or how the server closed it. */
const outcomeOf = (client: RawClient): Promise<'stored' | CloseEvent> => Promise.race([client.whenStored().then(() => 'stored' as const), client.closed]);

interface ServerView {
  stateVector: Uint8Array;
  text: string;
  snapshot: Y.Snapshot;
}

/** A room with a well-behaved delegate and an observer (read-only), both synced on a short first paragraph. */
interface EditedRoom {
  documentId: string;
  honest: RawClient;
  observer: RawClient;
  close(): void;
}

/** A bare websocket that sends whatever it is given and records what the server sends back. */
class HostileSocket {
  private readonly frames: Uint8Array[] = [];
  private closeEvent: CloseEvent | null = null;
  private readonly waiters = new Set<() => void>();

  private constructor(private readonly socket: WebSocket) {
    socket.binaryType = 'nodebuffer';
    socket.on('message', (data: Buffer) => {
      this.frames.push(new Uint8Array(data));
      this.notify();
    });
    socket.on('close', (code, reason) => {
      this.closeEvent = { code, reason: reason.toString() };
      this.notify();
    });
    socket.on('error', () => {});
  }

  static open(url: string, headers: Record<string, string>): Promise<HostileSocket> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, { headers });
      socket.once('open', () => resolve(new HostileSocket(socket)));
      socket.once('unexpected-response', (_request, response) => reject(new Error(`upgrade refused with HTTP ${response.statusCode}`)));
      socket.once('error', reject);
    });
  }

  send(frame: Uint8Array): void {
    this.socket.send(frame);
  }

  /** Sync messages received, by sub-type (0: step 1, 1: step 2, 2: update). */
  syncMessages(syncType: number): number {
    return this.frames.filter((frame) => frame[0] === MessageType.sync && frame[1] === syncType).length;
  }

  /** The highest `stored` count received. */
  get storedCount(): number {
    return Math.max(0, ...this.frames.filter((frame) => frame[0] === MessageType.stored).map((frame) => decoding.readVarUint(decoding.createDecoder(frame.subarray(1)))));
  }

  get isOpen(): boolean {
    return this.closeEvent === null;
  }

  waitFor(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
    if (condition()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!condition()) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        this.socket.terminate();
        reject(new Error(`timed out waiting for ${what}`));
      }, timeoutMs);
      this.waiters.add(check);
    });
  }

  async whenClosed(): Promise<CloseEvent> {
    await this.waitFor(() => this.closeEvent !== null, 'the server to close a socket that sent a hostile frame');
    return this.closeEvent!;
  }

  terminate(): void {
    this.socket.terminate();
  }

  private notify(): void {
    for (const waiter of this.waiters) waiter();
  }
}

describe('refusals: hostile frames close their sender and change nothing', () => {
  let server: TestServer;
  let collaborationUrl: (documentId: string) => string;
  /** The well-behaved writer, the observer, and the sender of every hostile frame: three different users. */
  let honestUser: SignedInAs;
  let observerUser: SignedInAs;
  let attackerUser: SignedInAs;
  const as = (user: SignedInAs): Record<string, string> => websocketHeaders(server.url, user);

  beforeAll(async () => {
    server = await startTestServer();
    collaborationUrl = (documentId) => `${server.url.replace(/^http/, 'ws')}/collab/${documentId}`;
    honestUser = await server.asRole('delegate', delegation('EGY'));
    observerUser = await server.asRole('observer');
    attackerUser = await server.asRole('delegate', delegation('IRN'));
  });
  afterAll(async () => {
    await server.stop();
  });

  async function openEditedRoom(): Promise<EditedRoom> {
    const documentId = await server.createDocument();
    const honest = new RawClient(server.url, documentId, { headers: as(honestUser) });
    const observer = new RawClient(server.url, documentId, { headers: as(observerUser) });
    await Promise.all([honest.whenSynced(), observer.whenSynced()]);
    draftText(honest.doc).insert(0, 'The States Parties to this Treaty, ');
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

  /** The well-behaved client's next edit, at the end of the first paragraph, is stored and reaches the observer. */
  async function expectHonestEditArrives(room: EditedRoom, marker: string): Promise<void> {
    const text = draftText(room.honest.doc);
    text.insert(text.length, marker);
    await room.honest.whenStored();
    await room.observer.waitFor(() => room.observer.text === room.honest.text, 10_000, `the observer to receive ${marker}`);
    expect(draftText(room.observer.doc).toString().endsWith(marker)).toBe(true);
  }

  /** A bare websocket of the attacker. */
  function openHostileSocket(documentId: string, acknowledgements = false): Promise<HostileSocket> {
    return HostileSocket.open(`${collaborationUrl(documentId)}${acknowledgements ? '?acks=1' : ''}`, as(attackerUser));
  }

  /** Opens a bare websocket, sends `frames` once it is open, and resolves with how the server closed it. */
  async function sendOnFreshSocket(documentId: string, frames: Uint8Array[]): Promise<CloseEvent> {
    const socket = await openHostileSocket(documentId);
    for (const frame of frames) socket.send(frame);
    return socket.whenClosed();
  }

  async function refusedCount(reason: string): Promise<number> {
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    const line = metrics.split('\n').find((candidate) => candidate.startsWith(`concord_refused_messages_total{reason="${reason}"}`));
    return line === undefined ? 0 : Number(line.split(' ').at(-1));
  }

  it('does not count the stock provider echoing the presence it receives as a refusal', async () => {
    const documentId = await server.createDocument();
    // Two users: each provider echoes a state that belongs to someone else.
    const [franceUser, kuwaitUser] = await Promise.all([server.asRole('delegate', delegation('FRA')), server.asRole('delegate', delegation('KWT'))]);
    const france = connectProvider(server.url, documentId, new Y.Doc(), as(franceUser));
    const kuwait = connectProvider(server.url, documentId, new Y.Doc(), as(kuwaitUser));
    await Promise.all([whenProviderSynced(france), whenProviderSynced(kuwait)]);
    const refusedBefore = await refusedCount(RefusalReason.awarenessNotOwned);
    france.awareness.setLocalStateField('user', { name: 'Delegate of France' });
    kuwait.awareness.setLocalStateField('user', { name: 'Delegate of Kuwait' });
    // The server replaces `user` with who the session says the sender is.
    await eventually(() => JSON.stringify([...kuwait.awareness.getStates().values()]).includes(franceUser.user.id), 10_000, 'France in Kuwait\'s presence');
    await eventually(() => JSON.stringify([...france.awareness.getStates().values()]).includes(kuwaitUser.user.id), 10_000, 'Kuwait in France\'s presence');
    // Each provider has echoed the other's state back by now (y-websocket re-broadcasts every change it applies).
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await refusedCount(RefusalReason.awarenessNotOwned)).toBe(refusedBefore);
    france.destroy();
    kuwait.destroy();
  });

  it('drops awareness entries about another user\'s clientID, keeping the sender connected', async () => {
    const room = await openEditedRoom();
    room.honest.awareness.setLocalState({ cursor: { anchor: 4, head: 9 } });
    room.honest.sendAwareness();
    const ownerId = room.honest.doc.clientID;
    await room.observer.waitFor(() => room.observer.awareness.getStates().get(ownerId) !== undefined, 10_000, 'the honest presence');
    const honestPresence = room.observer.awareness.getStates().get(ownerId);
    expect(honestPresence).toMatchObject({ cursor: { anchor: 4, head: 9 }, user: { id: honestUser.user.id } });
    const refusedBefore = await refusedCount(RefusalReason.awarenessNotOwned);

    const spoofer = new RawClient(server.url, room.documentId, { headers: as(attackerUser) });
    await spoofer.whenSynced();
    // The spoofer announces itself and, in the same message, moves and then clears the honest client's cursor.
    const spoofDoc = new Y.Doc();
    spoofDoc.clientID = ownerId;
    const forged = new awarenessProtocol.Awareness(spoofDoc);
    forged.setLocalState({ cursor: { anchor: 0, head: 35 }, impersonated: true });
    forged.setLocalState({ cursor: { anchor: 0, head: 35 }, impersonated: true, again: true });
    spoofer.awareness.setLocalState({ cursor: { anchor: 1, head: 1 } });
    const combined = awarenessProtocol.encodeAwarenessUpdate(forged, [ownerId]);
    spoofer.send(awarenessFrame(combined));
    spoofer.sendAwareness();
    await room.observer.waitFor(() => room.observer.awareness.getStates().get(spoofer.doc.clientID) !== undefined, 10_000, 'the spoofer presence');
    expect(room.observer.awareness.getStates().get(spoofer.doc.clientID)).toMatchObject({ user: { id: attackerUser.user.id } });
    expect(room.observer.awareness.getStates().get(ownerId)).toEqual(honestPresence);
    expect(await refusedCount(RefusalReason.awarenessNotOwned)).toBe(refusedBefore + 1);
    expect(spoofer.socket.readyState).toBe(spoofer.socket.OPEN);
    spoofer.destroy();
    forged.destroy();
    await room.observer.waitFor(() => room.observer.awareness.getStates().get(spoofer.doc.clientID) === undefined, 10_000, 'the spoofer to leave');
    expect(room.observer.awareness.getStates().get(ownerId)).toEqual(honestPresence);
    room.close();
  });

  it('closes the sender of an unknown message type with malformedMessage', async () => {
    const room = await openEditedRoom();
    const before = await serverView(room.documentId);
    const frames = [
      frameOfType(2, Uint8Array.of(0)), // auth: the server does not take it from clients
      frameOfType(4),
      frameOfType(MessageType.stored, varUint(1)), // a client sending the server's own `stored` message
      frameOfType(MessageType.ledger, concatBytes(varUint(2), Uint8Array.of(0x7b, 0x7d))), // and its `ledger` message
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
      Uint8Array.of(MessageType.speaker, 9, 0x7b), // speaker declaring 9 bytes of JSON
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
    // An edit the attacker may make: sent alone, it would be stored.
    const foreign = new Y.Doc();
    Y.applyUpdate(foreign, Y.encodeStateAsUpdate(room.honest.doc));
    const foreignBefore = Y.encodeStateVector(foreign);
    draftText(foreign).insert(0, 'SMUGGLED');
    const validUpdate = Y.encodeStateAsUpdate(foreign, foreignBefore);
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
    // A real multi-part update under the attacker's own clientID: inserts, a format, a delete, a new paragraph.
    const attackerDoc = new Y.Doc();
    Y.applyUpdate(attackerDoc, Y.encodeStateAsUpdate(room.honest.doc));
    const attackerBefore = Y.encodeStateVector(attackerDoc);
    attackerDoc.transact(() => {
      const text = draftText(attackerDoc);
      text.insert(4, 'High Contracting ');
      text.format(0, 3, { bold: {} });
      text.delete(text.length - 2, 1);
      text.insert(text.length, ' hereby agree');
      const fragment = attackerDoc.getXmlFragment(documentField);
      fragment.insert(fragment.length, [draftParagraph('article-one', 'Article 1. Each nuclear-weapon State Party')]);
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
    const attacker = new RawClient(server.url, room.documentId, { doc: new Y.Doc(), headers: as(attackerUser) });
    await attacker.whenSynced();
    attacker.sendUpdate(update);
    await attacker.whenStored();
    await room.observer.waitFor(() => room.observer.text.includes('Article 1.'), 10_000, 'the uncut update');
    expect(room.observer.text).toContain('hereby agree');
    expect(room.honest.text).toBe(documentText(attackerDoc));
    attacker.destroy();
    attackerDoc.destroy();
    room.close();
  });

  it('refuses a GC struct claiming 2^40 clocks of another client (clock-jump), and that client keeps editing', async () => {
    const room = await openEditedRoom();
    const before = await serverView(room.documentId);
    const victim = room.honest.doc.clientID;
    const victimClock = Y.getState(room.honest.doc.store, victim);
    for (const clock of [victimClock, 0]) {
      expect(await sendOnFreshSocket(room.documentId, [updateFrame(gcStructUpdate(victim, clock, 2 ** 40))])).toEqual({
        code: CloseCode.refusedUpdate,
        reason: RefusalReason.clockJump,
      });
    }
    // A short one passes the guard, and then belongs to someone else.
    expect(await sendOnFreshSocket(room.documentId, [updateFrame(gcStructUpdate(victim, victimClock, 5))])).toEqual({
      code: CloseCode.clientIdTaken,
      reason: RefusalReason.clientIdTaken,
    });
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
    const paragraphText = { id: typeId(draftText(room.honest.doc)) };
    const updates = [
      skipStructUpdate(attacker, 0, 5),
      encodeUpdate([{ client: attacker, clock: 0, structs: [{ kind: 'skip', length: 3 }, { kind: 'item', parent: paragraphText, content: { kind: 'string', text: 'after a hole' } }] }]),
    ];
    for (const update of updates) {
      expect(await sendOnFreshSocket(room.documentId, [updateFrame(update)])).toEqual({ code: CloseCode.refusedUpdate, reason: RefusalReason.skipStruct });
    }
    await expectUnchanged(room, before);
    await expectHonestEditArrives(room, 'Article VI.');
    room.close();
  });

  it('drops an update whose dependencies are missing: not applied, not acknowledged, and a resync is asked for', async () => {
    const room = await openEditedRoom();
    const before = await serverView(room.documentId);
    for (const gapUpdate of updatesWithMissingDependencies(3, 0x3000_0000)) {
      const socket = await openHostileSocket(room.documentId, true);
      socket.send(updateFrame(gapUpdate)); // update-bearing message 1: dropped
      socket.send(updateFrame(emptyUpdate)); // 2: adds nothing, so it would be acknowledged at once
      socket.send(syncStep1Frame(Uint8Array.of(0))); // answered only after the two above
      await socket.waitFor(() => socket.syncMessages(SyncType.step2) === 1 || !socket.isOpen, 'the answer to the sync step 1');
      expect(socket.isOpen).toBe(true);
      // The server's own sync step 1 on connect, then the one asking for what is missing.
      expect(socket.syncMessages(SyncType.step1)).toBe(2);
      expect(socket.storedCount).toBe(0);
      socket.terminate();
    }
    await expectUnchanged(room, before);
    await expectHonestEditArrives(room, 'Article VII.');
    room.close();
  });

  it('stores a dropped update once a sync step 2 brings what it depends on (the provider after a reconnect)', async () => {
    const room = await openEditedRoom();
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(room.honest.doc));
    const serverState = Y.encodeStateVector(doc);
    draftText(doc).insert(0, '[typed offline] ');
    const afterOffline = Y.encodeStateVector(doc);
    draftText(doc).insert(0, '[typed on reconnect] ');
    const socket = await openHostileSocket(room.documentId, true);
    socket.send(updateFrame(Y.encodeStateAsUpdate(doc, afterOffline))); // 1: depends on the offline edit
    socket.send(syncStep2Frame(Y.encodeStateAsUpdate(doc, serverState))); // 2: both edits
    await socket.waitFor(() => socket.storedCount >= 2 || !socket.isOpen, 'both messages to be stored');
    expect(socket.isOpen).toBe(true);
    await room.observer.waitFor(() => room.observer.text === documentText(doc), 10_000, 'both edits');
    expect(room.observer.text).toContain('[typed on reconnect] [typed offline] The States Parties');
    expect((await serverView(room.documentId)).text).toBe(documentText(doc));
    socket.terminate();
    doc.destroy();
    room.close();
  });

  it('stays responsive after a flood of 8,000 updates with missing dependencies, then refuses each sender (missing-dependencies)', async () => {
    const room = await openEditedRoom();
    const before = await serverView(room.documentId);
    const refusedBefore = await refusedCount(RefusalReason.missingDependencies);
    // A connection may have 100 updates dropped while it owes a sync step 2; its 101st is refused.
    const connections = 80;
    const flood = updatesWithMissingDependencies(connections * 101, 0x4000_0000).map((update) => updateFrame(update));
    const closes = new Map<string, number>();
    const resyncRequests = new Map<number, number>();
    let next = 0;
    const sender = async () => {
      for (let connection = next++; connection < connections; connection = next++) {
        const socket = await openHostileSocket(room.documentId);
        for (const frame of flood.slice(connection * 101, (connection + 1) * 101)) socket.send(frame);
        const { code, reason } = await socket.whenClosed();
        closes.set(`${code} ${reason}`, (closes.get(`${code} ${reason}`) ?? 0) + 1);
        const requests = socket.syncMessages(SyncType.step1);
        resyncRequests.set(requests, (resyncRequests.get(requests) ?? 0) + 1);
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: 8 }, sender));
    console.log(`flood of ${flood.length} updates with missing dependencies took ${Math.round(performance.now() - started)} ms`);

    expect(Object.fromEntries(closes)).toEqual({ [`${CloseCode.refusedUpdate} ${RefusalReason.missingDependencies}`]: connections });
    // One refusal per connection: the server inspected and dropped the 100 before it.
    expect((await refusedCount(RefusalReason.missingDependencies)) - refusedBefore).toBe(connections);
    // Each connection was asked once for a resync, not once per dropped update.
    expect(Object.fromEntries(resyncRequests)).toEqual({ 2: connections });
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

  it('refuses a write to any root but the document\'s (schema-violation), whole, and nobody sees it', async () => {
    const room = await openEditedRoom();
    const before = await serverView(room.documentId);
    const writes: Array<[string, (doc: Y.Doc) => void]> = [
      ['a map root', (doc) => doc.getMap('meta').set('status', { stage: 'adopted', round: 3 })],
      ['a text root', (doc) => doc.getText('text').insert(0, 'OUTSIDE THE DOCUMENT')],
      ['an array root', (doc) => doc.getArray('list').push(['OUTSIDE THE DOCUMENT'])],
      ['another XML fragment', (doc) => doc.getXmlFragment('annex').insert(0, [draftParagraph('annex-one', 'OUTSIDE THE DOCUMENT')])],
      // A valid edit in the same update does not carry the rest through.
      [
        'a paragraph edit and a map root in one update',
        (doc) =>
          doc.transact(() => {
            draftText(doc).insert(0, 'OUTSIDE THE DOCUMENT ');
            doc.getMap('meta').set('adopted', true);
          }),
      ],
    ];
    for (const [what, write] of writes) {
      const writer = new RawClient(server.url, room.documentId, { headers: as(attackerUser) });
      await writer.whenSynced();
      write(writer.doc);
      expect(await outcomeOf(writer), what).toEqual({ code: CloseCode.refusedUpdate, reason: RefusalReason.schemaViolation });
      writer.destroy();
    }
    await expectUnchanged(room, before);
    for (const client of [room.honest, room.observer]) {
      expect([...client.doc.share.keys()]).toEqual([documentField]);
      expect(client.text).not.toContain('OUTSIDE');
    }
    await expectHonestEditArrives(room, 'Article IX bis.');
    room.close();
  });

  it('keeps clients that join later converged with connected ones after inserts with forged origins', async () => {
    const documentId = await server.createDocument();
    // Fixed clientIDs: where concurrent inserts land depends on how the clientIDs compare.
    const honestDoc = new Y.Doc();
    honestDoc.clientID = 1000;
    const honest = new RawClient(server.url, documentId, { doc: honestDoc, headers: as(honestUser) });
    const observer = new RawClient(server.url, documentId, { headers: as(observerUser) });
    await Promise.all([honest.whenSynced(), observer.whenSynced()]);
    draftText(honestDoc).insert(0, 'abcdefgh');
    await honest.whenStored();
    await observer.waitFor(() => observer.text === 'abcdefgh', 10_000, 'the first edit');

    // Each insert names an origin and a right origin that were never neighbours ("e" and "g" with "f"
    // between them since the start); no client can produce that, and Yjs then orders by arrival.
    const forged = [
      encodeUpdate([{ client: 2000, clock: 0, structs: [{ kind: 'item', origin: Y.createID(1000, 4), rightOrigin: Y.createID(1000, 6), content: { kind: 'string', text: 'XY' } }] }]),
      encodeUpdate([{ client: 2002, clock: 0, structs: [{ kind: 'item', origin: Y.createID(1000, 2), rightOrigin: Y.createID(1000, 5), content: { kind: 'string', text: 'Z' } }] }]),
    ];
    for (const update of forged) {
      const attacker = new RawClient(server.url, documentId, { headers: as(attackerUser) });
      await attacker.whenSynced();
      attacker.sendUpdate(update);
      const outcome = await outcomeOf(attacker);
      if (outcome !== 'stored') expect([CloseCode.malformedMessage, CloseCode.refusedUpdate]).toContain(outcome.code);
      attacker.destroy();
    }
    const lateJoiner = await serverView(documentId);
    await observer.waitFor(() => Buffer.from(Y.encodeStateVector(observer.doc)).equals(lateJoiner.stateVector), 10_000, 'the observer to receive what was stored');
    await honest.waitFor(() => Buffer.from(Y.encodeStateVector(honestDoc)).equals(lateJoiner.stateVector), 10_000, 'the honest client to receive what was stored');
    // Connected clients applied the updates as they came; a late joiner (and the server after a restart) loads the encoded state.
    expect(lateJoiner.text).toBe(observer.text);
    expect(lateJoiner.text).toBe(honest.text);
    honest.destroy();
    observer.destroy();
  });

  it('closes a user writing under a connected user\'s clientID with clientIdTaken, leaving the owner\'s text alone', async () => {
    const room = await openEditedRoom();
    const before = await serverView(room.documentId);
    const impostorDoc = new Y.Doc();
    const impostor = new RawClient(server.url, room.documentId, { doc: impostorDoc, headers: as(attackerUser) });
    await impostor.whenSynced();
    // Taken after syncing: Yjs itself would pick a new clientID if it saw its own arrive from the server.
    impostorDoc.clientID = room.honest.doc.clientID;
    draftText(impostorDoc).insert(0, 'FORGED ');
    expect(await impostor.closed).toEqual({ code: CloseCode.clientIdTaken, reason: RefusalReason.clientIdTaken });
    await expectUnchanged(room, before);
    await expectHonestEditArrives(room, 'Article X.');
    expect(room.honest.text).not.toContain('FORGED');
    impostor.destroy();
    impostorDoc.destroy();
    room.close();
  });

  it('never acknowledges offline edits that an impostor overwrote under their clientID while their author was away', async () => {
    const room = await openEditedRoom();
    const ownerUser = await server.asRole('delegate', delegation('MEX'));
    const ownerDoc = new Y.Doc();
    const owner = new RawClient(server.url, room.documentId, { doc: ownerDoc, headers: as(ownerUser) });
    await owner.whenSynced();
    const text = draftText(ownerDoc);
    text.insert(text.length, 'Article 1. ');
    await owner.whenStored();
    // A presence, so that the observer sees when the server has seen the owner leave.
    owner.awareness.setLocalState({ cursor: null });
    owner.sendAwareness();
    await room.observer.waitFor(() => room.observer.awareness.getStates().has(ownerDoc.clientID), 10_000, 'the owner\'s presence');
    await owner.close();
    await room.observer.waitFor(() => !room.observer.awareness.getStates().has(ownerDoc.clientID), 10_000, 'the owner to leave');
    text.insert(text.length, 'OFFLINE AMENDMENT');

    // Every clientID is visible to every reader of the document. It stays its author's while the author is away.
    const impostorDoc = new Y.Doc();
    const impostor = new RawClient(server.url, room.documentId, { doc: impostorDoc, headers: as(attackerUser) });
    await impostor.whenSynced();
    impostorDoc.clientID = ownerDoc.clientID;
    draftText(impostorDoc).insert(0, 'IMPOSTOR ');
    expect(await outcomeOf(impostor)).toEqual({ code: CloseCode.clientIdTaken, reason: RefusalReason.clientIdTaken });
    impostor.destroy();
    impostorDoc.destroy();

    // The owner comes back with the same clientID: its offline edit is stored as it wrote it.
    const back = new RawClient(server.url, room.documentId, { doc: ownerDoc, headers: as(ownerUser) });
    await back.whenSynced();
    expect(await outcomeOf(back)).toBe('stored');
    await room.observer.waitFor(() => room.observer.text === documentText(ownerDoc), 10_000, 'the owner\'s offline edit');
    expect((await serverView(room.documentId)).text).toBe(documentText(ownerDoc));
    expect(documentText(ownerDoc)).toContain('Article 1. OFFLINE AMENDMENT');
    expect(documentText(ownerDoc)).not.toContain('IMPOSTOR');
    owner.destroy();
    back.destroy();
    ownerDoc.destroy();
    room.close();
  });

  it('lets a client that reconnects with the same clientID back in, with its offline edits', async () => {
    const room = await openEditedRoom();
    const returning = as(await server.asRole('delegate', delegation('BRA')));
    const doc = new Y.Doc();

    // A clean close, then offline edits, then a new connection of the same user with the same Y.Doc.
    const first = new RawClient(server.url, room.documentId, { doc, headers: returning });
    await first.whenSynced();
    const text = draftText(doc);
    text.insert(text.length, ' [online 1]');
    await first.whenStored();
    await first.close();
    text.insert(text.length, ' [offline 1]');
    const second = new RawClient(server.url, room.documentId, { doc, headers: returning });
    await second.whenSynced();
    await second.whenStored();
    await room.observer.waitFor(() => room.observer.text.includes('[offline 1]'), 10_000, 'the first offline edit');

    // A dropped connection (no closing handshake), then the same again.
    text.insert(text.length, ' [online 2]');
    await second.whenStored();
    second.socket.terminate();
    await second.closed;
    text.insert(text.length, ' [offline 2]');
    const third = new RawClient(server.url, room.documentId, { doc, headers: returning });
    await third.whenSynced();
    await third.whenStored();
    await room.observer.waitFor(() => room.observer.text.includes('[offline 2]'), 10_000, 'the second offline edit');

    // The stock provider going offline and coming back.
    third.destroy();
    first.destroy();
    second.destroy();
    const provider = connectProvider(server.url, room.documentId, doc, returning);
    await whenProviderSynced(provider);
    provider.disconnect();
    text.insert(text.length, ' [offline 3]');
    provider.connect();
    await eventually(() => room.observer.text.includes('[offline 3]'), 10_000, 'the provider\'s offline edit');

    expect(room.observer.text).toBe(documentText(doc));
    expect((await serverView(room.documentId)).text).toBe(documentText(doc));
    await room.honest.waitFor(() => room.honest.text === documentText(doc), 10_000, 'the honest client to receive the offline edits');
    provider.destroy();
    doc.destroy();
    room.close();
  });
});
