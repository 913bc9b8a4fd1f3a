import { setTimeout as delay } from 'node:timers/promises';
import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { RedisStore } from '@concord/server';
import { presenceUserOf } from '@concord/shared';
import { ServerAtFixedPort, TokenTyper, createDocumentAt, missingTokens, readDocumentText } from '../utils/cluster.ts';
import { credentialsFor, websocketHeaders } from '../utils/credentials.ts';
import { documentText } from '../utils/draft.ts';
import { connectProvider, eventually, whenProviderSynced } from '../utils/providers.ts';
import { RawClient } from '../utils/RawClient.ts';
import { trackClients } from '../utils/trackClients.ts';
import { startRedisServer, type RedisServer } from '../utils/redisServer.ts';
import { startTestServer, type TestServer } from '../utils/startTestServer.ts';

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  await redis.stop();
});

const { cleanups, track } = trackClients();

/** Instances in this process, sharing the test's redis-server. */
async function startInstances(count: number, overrides: { COMPACT_AFTER_UPDATES?: number } = {}): Promise<TestServer[]> {
  const instances = await Promise.all(Array.from({ length: count }, () => startTestServer({ REDIS_URL: redis.url, ...overrides })));
  for (const instance of instances) cleanups.push(() => instance.stop());
  return instances;
}

/** Instances as processes of their own, for crashing and stalling one of them. */
async function startProcesses(count: number, environment: Record<string, string> = {}): Promise<ServerAtFixedPort[]> {
  const processes = await Promise.all(Array.from({ length: count }, () => ServerAtFixedPort.start({ REDIS_URL: redis.url, ...environment })));
  for (const instance of processes) cleanups.push(() => instance.kill());
  return processes;
}

function resume(pid: number): void {
  try {
    process.kill(pid, 'SIGCONT');
  } catch {
    // Already gone.
  }
}

function textOf(doc: Y.Doc): string {
  return documentText(doc);
}

/** Waits until `client` holds every token, then says which ones it lacks if it never does. */
async function expectToReceive(client: RawClient, tokens: readonly string[], what: string): Promise<void> {
  await client.waitFor(() => missingTokens(client.text, tokens).length === 0, 10_000, what).catch(() => undefined);
  expect(missingTokens(client.text, tokens), what).toEqual([]);
}

async function expectConvergence(docs: readonly Y.Doc[], tokens: readonly string[]): Promise<string> {
  await eventually(() => docs.every((doc) => missingTokens(textOf(doc), tokens).length === 0), 15_000, 'every client to hold every token').catch(() => undefined);
  for (const doc of docs) expect(missingTokens(textOf(doc), tokens)).toEqual([]);
  const converged = textOf(docs[0]!);
  for (const doc of docs) expect(textOf(doc)).toBe(converged);
  return converged;
}

describe('several instances on one Redis', () => {
  it.each([2, 3])('%i instances: providers and raw clients spread over them converge', async (count) => {
    const instances = await startInstances(count);
    const documentId = await instances[0]!.createDocument();
    const providers = instances.map((instance) => track(connectProvider(instance.url, documentId)));
    const raws = instances.map((instance) => track(new RawClient(instance.url, documentId)));
    await Promise.all([...providers.map((provider) => whenProviderSynced(provider)), ...raws.map((raw) => raw.whenSynced())]);
    const typers = [
      ...providers.map((provider, index) => new TokenTyper(`provider${index}`, provider.doc)),
      ...raws.map((raw, index) => new TokenTyper(`raw${index}`, raw.doc, raw)),
    ];
    for (let round = 0; round < 10; round++) {
      for (const typer of typers) typer.typeOne();
      await delay(10);
    }

    const converged = await expectConvergence(
      typers.map((typer) => typer.doc),
      typers.flatMap((typer) => typer.typed),
    );
    await Promise.all(raws.map((raw) => raw.whenStored()));
    for (const instance of instances) expect(await readDocumentText(instance.url, documentId)).toBe(converged);
  });

  it('an awareness change on a client of one instance reaches a client of another, and so does its departure', async () => {
    const [first, second] = await startInstances(2);
    const documentId = await first!.createDocument();
    const speaker = track(connectProvider(first!.url, documentId));
    const listener = track(connectProvider(second!.url, documentId));
    await Promise.all([whenProviderSynced(speaker), whenProviderSynced(listener)]);
    const speakerAccount = credentialsFor(first!.url)?.user;
    if (speakerAccount === undefined) throw new Error('no session remembered for the first instance');

    speaker.awareness.setLocalStateField('user', { name: 'Delegation of Ireland' });
    speaker.awareness.setLocalStateField('cursor', { paragraph: 3 });
    // The first instance replaces the claimed user with the speaker's account; the other instance relays that.
    const presence = { user: presenceUserOf(speakerAccount, null), cursor: { paragraph: 3 } };
    const speakerId = speaker.doc.clientID;
    await eventually(() => isDeepStrictEqual(listener.awareness.getStates().get(speakerId), presence), 10_000, 'the presence to arrive');
    expect(listener.awareness.getStates().get(speakerId)).toEqual(presence);

    speaker.destroy();
    await eventually(() => !listener.awareness.getStates().has(speakerId), 10_000, 'the departure to arrive');
  });

  it('an instance that opens a document another instance is busy editing gets its current state, and follows it', async () => {
    // Compaction after every update: each of the 20 loads below lands amid the editing instance's compactions.
    const [editing, opening] = await startInstances(2, { COMPACT_AFTER_UPDATES: 1 });
    const documentId = await editing!.createDocument();
    const writers = [0, 1].map(() => track(new RawClient(editing!.url, documentId)));
    await Promise.all(writers.map((writer) => writer.whenSynced()));
    const typers = writers.map((writer, index) => new TokenTyper(`writer${index}`, writer.doc, writer));
    cleanups.push(() => typers.forEach((typer) => typer.stop()));
    for (const typer of typers) typer.start(10);

    const storedNow = async (): Promise<string[]> => {
      const marks = writers.map((writer) => writer.updatesSent);
      await Promise.all(writers.map((writer, index) => writer.waitFor(() => writer.storedCount >= marks[index]!, 10_000, 'the writes so far to be stored')));
      return typers.flatMap((typer) => typer.confirmed());
    };
    for (let attempt = 0; attempt < 20; attempt++) {
      // No room for the document on the opening instance: the next client makes it load from Redis.
      await eventually(() => opening!.collaboration.openDocumentCount === 0, 10_000, 'the opening instance to unload the document');
      const storedBeforeOpening = await storedNow();
      const reader = track(new RawClient(opening!.url, documentId));
      await reader.whenSynced();
      expect(missingTokens(reader.text, storedBeforeOpening), 'text stored before the document was opened').toEqual([]);
      await expectToReceive(reader, await storedNow(), 'text stored after the document was opened');
      await reader.close();
    }

    for (const typer of typers) typer.stop();
    await Promise.all(writers.map((writer) => writer.whenStored()));
    const everyToken = typers.flatMap((typer) => typer.typed);
    const converged = await expectConvergence(
      writers.map((writer) => writer.doc),
      everyToken,
    );
    expect(await readDocumentText(opening!.url, documentId)).toBe(converged);
  });

  it('an instance that stalls while another compacts still receives every update', async () => {
    const [editing, stalled] = await startProcesses(2, { COMPACT_AFTER_UPDATES: '5' });
    const documentId = await createDocumentAt(editing!.url);
    const writer = track(new RawClient(editing!.url, documentId));
    const watcher = track(new RawClient(stalled!.url, documentId));
    await Promise.all([writer.whenSynced(), watcher.whenSynced()]);
    const typer = new TokenTyper('writer', writer.doc, writer);
    typer.typeOne();
    await expectToReceive(watcher, typer.typed, 'the first token, through the other instance');

    // A stopped process stands for a long garbage-collection pause or an overloaded machine.
    const stalledPid = stalled!.process.child.pid;
    if (stalledPid === undefined) throw new Error('the stalled instance has no pid');
    process.kill(stalledPid, 'SIGSTOP');
    cleanups.push(() => resume(stalledPid));
    for (let index = 0; index < 30; index++) {
      typer.typeOne();
      await delay(5);
    }
    await writer.whenStored();
    const store = new RedisStore(redis.url);
    cleanups.push(() => store.close());
    // The editing instance compacts the log behind the stalled one's back.
    const logLength = () => store.countUpdates(documentId);
    for (let polls = 0; polls < 200 && (await logLength()) >= 5; polls++) await delay(20);
    expect(await logLength(), 'log entries left after compaction').toBeLessThan(5);

    resume(stalledPid);
    await expectToReceive(watcher, typer.typed, 'every token once the stalled instance resumes');
  });

  it('killing an instance loses nothing confirmed: its clients move to a survivor, and a new instance sees everything', async () => {
    const [doomed, survivor] = await startProcesses(2);
    const documentId = await createDocumentAt(doomed!.url);
    const doomedRaw = track(new RawClient(doomed!.url, documentId));
    const survivorRaw = track(new RawClient(survivor!.url, documentId));
    const doomedProvider = track(connectProvider(doomed!.url, documentId));
    const survivorProvider = track(connectProvider(survivor!.url, documentId));
    await Promise.all([doomedRaw.whenSynced(), survivorRaw.whenSynced(), whenProviderSynced(doomedProvider), whenProviderSynced(survivorProvider)]);
    const doomedTypers = [new TokenTyper('doomedRaw', doomedRaw.doc, doomedRaw), new TokenTyper('doomedProvider', doomedProvider.doc)];
    const survivorTypers = [new TokenTyper('survivorRaw', survivorRaw.doc, survivorRaw), new TokenTyper('survivorProvider', survivorProvider.doc)];
    const typers = [...doomedTypers, ...survivorTypers];
    cleanups.push(() => typers.forEach((typer) => typer.stop()));
    for (const typer of typers) typer.start(15);
    await Promise.all([doomedRaw, survivorRaw].map((raw) => raw.waitFor(() => raw.storedCount >= 20, 10_000, 'edits to be stored')));

    expect(await doomed!.stop('SIGKILL')).toBeNull();
    await doomedRaw.closed;
    // The stock provider would retry its dead instance forever; the application points it elsewhere.
    doomedProvider.destroy();
    const doomedRawTyper = doomedTypers[0]!;
    const confirmedOnDoomed = doomedRawTyper.confirmed();
    // Relayed only once stored: whatever the doomed instance's client received survives it.
    const relayedByDoomed = doomedRawTyper.receivedFromOthers();
    expect(confirmedOnDoomed.length).toBeGreaterThanOrEqual(19);
    // Checked before the doomed instance's clients come back with their copies.
    const survivorView = track(new RawClient(survivor!.url, documentId));
    await survivorView.whenSynced();
    await expectToReceive(survivorView, [...confirmedOnDoomed, ...relayedByDoomed], 'what the killed instance confirmed or relayed');

    // RawClient counts an update typed before its socket opens without sending it: its typer pauses until then.
    // The provider's typer goes on through the move. Both move with the session they had (the instances share
    // Redis, so it is valid on the survivor too): their clientIDs belong to that user.
    doomedRawTyper.stop();
    const movedHeaders = websocketHeaders(survivor!.url, credentialsFor(doomed!.url));
    const movedRaw = track(new RawClient(survivor!.url, documentId, { doc: doomedRaw.doc, headers: movedHeaders }));
    doomedRawTyper.sender = movedRaw;
    const movedProvider = track(connectProvider(survivor!.url, documentId, doomedProvider.doc, movedHeaders));
    await movedRaw.opened;
    doomedRawTyper.start(15);
    await Promise.all([movedRaw.whenSynced(), whenProviderSynced(movedProvider)]);
    await movedRaw.waitFor(() => movedRaw.storedCount >= 10, 10_000, 'edits on the survivor to be stored');
    for (const typer of typers) typer.stop();

    const converged = await expectConvergence(
      typers.map((typer) => typer.doc),
      typers.flatMap((typer) => typer.typed),
    );
    await Promise.all([movedRaw.whenStored(), survivorRaw.whenStored()]);
    const [lateInstance] = await startProcesses(1);
    expect(await readDocumentText(lateInstance!.url, documentId)).toBe(converged);
  });
});
