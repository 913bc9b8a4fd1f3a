import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CloseCode } from '@concord/shared';
import { ServerAtFixedPort, TokenTyper, createDocumentAt, missingTokens, readDocumentText } from '../utils/cluster.ts';
import { websocketHeaders } from '../utils/credentials.ts';
import { documentText } from '../utils/draft.ts';
import { connectProvider, eventually, whenProviderSynced } from '../utils/providers.ts';
import { RawClient } from '../utils/RawClient.ts';
import { trackClients } from '../utils/trackClients.ts';
import { startRedisServer, type RedisServer } from '../utils/redisServer.ts';
import { startTestServer } from '../utils/startTestServer.ts';

/** Where a Concord process keeps its documents, and how that holder goes down with the server. */
interface Backend {
  environment: Record<string, string>;
  /** Runs once the Concord process has ended, before the next one starts on the same data. */
  afterServerEnded(signal: 'SIGTERM' | 'SIGKILL'): Promise<void>;
  close(): Promise<void>;
}

async function sqliteBackend(): Promise<Backend> {
  const directory = mkdtempSync(path.join(tmpdir(), 'concord-restart-'));
  return {
    environment: { DATA_DIR: directory },
    afterServerEnded: async () => {},
    close: async () => rmSync(directory, { recursive: true, force: true }),
  };
}

/** On Redis the store is the redis-server itself, so it goes down (the same way) and comes back too. */
async function redisBackend(): Promise<Backend> {
  const persistence = { appendOnly: true, appendFsync: 'always' } as const;
  let redis: RedisServer = await startRedisServer(persistence);
  return {
    environment: { REDIS_URL: redis.url },
    async afterServerEnded(signal) {
      if (signal === 'SIGKILL') {
        redis.kill();
        await redis.exited;
      } else {
        await redis.stop();
      }
      redis = await startRedisServer({ ...persistence, directory: redis.directory, port: redis.port });
    },
    async close() {
      await redis.stop();
      rmSync(redis.directory, { recursive: true, force: true });
    },
  };
}

const { cleanups, track } = trackClients();

describe.each([
  { name: 'SQLite', openBackend: sqliteBackend },
  { name: 'Redis (appendonly, appendfsync always)', openBackend: redisBackend },
])('restarting a server on $name', ({ openBackend }) => {
  async function startServer(): Promise<{ server: ServerAtFixedPort; backend: Backend }> {
    const backend = await openBackend();
    cleanups.push(() => backend.close());
    const server = await ServerAtFixedPort.start(backend.environment);
    cleanups.push(() => server.kill());
    return { server, backend };
  }

  it('a clean restart keeps every stored edit, and reconnecting providers converge with what they typed offline', async () => {
    const { server, backend } = await startServer();
    const storedDocument = await createDocumentAt(server.url, 'Written by raw clients');
    const sharedDocument = await createDocumentAt(server.url, 'Edited through providers');

    // Raw clients alone on their document: once they are gone, only the store can give their text back.
    const writers = [track(new RawClient(server.url, storedDocument)), track(new RawClient(server.url, storedDocument))];
    await Promise.all(writers.map((writer) => writer.whenSynced()));
    const writerTypers = writers.map((writer, index) => new TokenTyper(`writer${index}`, writer.doc, writer));
    for (let round = 0; round < 20; round++) for (const typer of writerTypers) typer.typeOne();
    await Promise.all(writers.map((writer) => writer.whenStored()));

    const providers = [track(connectProvider(server.url, sharedDocument)), track(connectProvider(server.url, sharedDocument))];
    await Promise.all(providers.map((provider) => whenProviderSynced(provider)));
    const providerTypers = providers.map((provider, index) => new TokenTyper(`provider${index}`, provider.doc));
    for (let round = 0; round < 10; round++) for (const typer of providerTypers) typer.typeOne();
    const typedBeforeRestart = providerTypers.flatMap((typer) => typer.typed);
    await eventually(() => providers.every((provider) => missingTokens(documentText(provider.doc), typedBeforeRestart).length === 0), 10_000, 'providers to converge');

    expect(await server.stop('SIGTERM')).toBe(0);
    for (const writer of writers) expect((await writer.closed).code).toBe(CloseCode.goingAway);
    await backend.afterServerEnded('SIGTERM');
    await eventually(() => providers.every((provider) => !provider.wsconnected), 10_000, 'providers to notice the server is gone');
    for (let round = 0; round < 5; round++) for (const typer of providerTypers) typer.typeOne();

    await server.restart();
    const recovered = await readDocumentText(server.url, storedDocument);
    expect(missingTokens(recovered, writerTypers.flatMap((typer) => typer.typed))).toEqual([]);

    // The providers reconnect by themselves to the same address and send what they typed offline.
    await Promise.all(providers.map((provider) => whenProviderSynced(provider, 20_000)));
    const everyProviderToken = providerTypers.flatMap((typer) => typer.typed);
    await eventually(
      () => providers.every((provider) => missingTokens(documentText(provider.doc), everyProviderToken).length === 0),
      10_000,
      'providers to converge after the restart',
    );
    const converged = documentText(providers[0]!.doc);
    expect(documentText(providers[1]!.doc)).toBe(converged);
    // Each provider holds the other's edits, which the server relays only once stored: a newcomer gets them all.
    expect(await readDocumentText(server.url, sharedDocument)).toBe(converged);
  });

  it('kill -9 mid-edit loses no acknowledged edit, and every client then converges with everything it typed', async () => {
    const { server, backend } = await startServer();
    const documentId = await createDocumentAt(server.url, 'Crash');
    // The restarted server signs in an account of its own: the clients come back with the session they had, whose user owns their clientIDs.
    const headers = websocketHeaders(server.url);
    const raws = [0, 1, 2].map(() => track(new RawClient(server.url, documentId)));
    const providers = [0, 1].map(() => track(connectProvider(server.url, documentId)));
    await Promise.all([...raws.map((raw) => raw.whenSynced()), ...providers.map((provider) => whenProviderSynced(provider))]);
    const rawTypers = raws.map((raw, index) => new TokenTyper(`raw${index}`, raw.doc, raw));
    const providerTypers = providers.map((provider, index) => new TokenTyper(`provider${index}`, provider.doc));
    const typers = [...rawTypers, ...providerTypers];
    cleanups.push(() => typers.forEach((typer) => typer.stop()));
    for (const typer of typers) typer.start(15);
    await Promise.all(raws.map((raw) => raw.waitFor(() => raw.storedCount >= 20, 10_000, 'edits to be stored')));

    expect(await server.stop('SIGKILL')).toBeNull();
    await Promise.all(raws.map((raw) => raw.closed));
    // Held offline until the store has been read: they hold everyone's text and would mask a loss.
    for (const provider of providers) provider.disconnect();
    await backend.afterServerEnded('SIGKILL');
    const confirmed = rawTypers.flatMap((typer) => typer.confirmed());
    // The server relays an update only once it is stored, so whatever a raw client received must survive too.
    const relayed = rawTypers.flatMap((typer) => typer.receivedFromOthers());
    // Each raw client saw 20 acknowledgements: its sync step 2 and at least 19 tokens.
    expect(confirmed.length).toBeGreaterThanOrEqual(3 * 19);

    // The clients go on typing while the server is down.
    await server.restart();
    const recovered = await readDocumentText(server.url, documentId);
    expect(missingTokens(recovered, confirmed)).toEqual([]);
    expect(missingTokens(recovered, relayed)).toEqual([]);

    // Raw clients reconnect with their documents and send what the server lacks in sync step 2. RawClient
    // counts an update typed before its socket opens without sending it, so they pause until it is open.
    for (const typer of rawTypers) typer.stop();
    const reconnected = raws.map((raw) => track(new RawClient(server.url, documentId, { doc: raw.doc, headers })));
    rawTypers.forEach((typer, index) => (typer.sender = reconnected[index] ?? null));
    // The providers go on typing while they reconnect.
    for (const provider of providers) provider.connect();
    await Promise.all(reconnected.map((raw) => raw.opened));
    for (const typer of rawTypers) typer.start(15);
    await Promise.all([...reconnected.map((raw) => raw.whenSynced()), ...providers.map((provider) => whenProviderSynced(provider))]);
    await Promise.all(reconnected.map((raw) => raw.waitFor(() => raw.storedCount >= 10, 10_000, 'edits after the restart to be stored')));
    for (const typer of typers) typer.stop();

    const everyToken = typers.flatMap((typer) => typer.typed);
    const docs = typers.map((typer) => typer.doc);
    await eventually(() => docs.every((doc) => missingTokens(documentText(doc), everyToken).length === 0), 15_000, 'every client to hold every token');
    const converged = documentText(docs[0]!);
    for (const doc of docs) expect(documentText(doc)).toBe(converged);
    await Promise.all(reconnected.map((raw) => raw.whenStored()));
    expect(await readDocumentText(server.url, documentId)).toBe(converged);
  });
});

describe('a provider reconnecting with offline edits', () => {
  it('is not refused when it types before its sync step 2 reaches the server', async () => {
    const server = await startTestServer();
    cleanups.push(() => server.stop());
    const documentId = await server.createDocument();
    const observer = track(new RawClient(server.url, documentId));
    const provider = track(connectProvider(server.url, documentId));
    await Promise.all([observer.whenSynced(), whenProviderSynced(provider)]);
    const typer = new TokenTyper('delegate', provider.doc);
    typer.typeOne();
    await observer.waitFor(() => missingTokens(observer.text, typer.typed).length === 0, 10_000, 'the first token');

    provider.disconnect();
    typer.typeOne();
    typer.typeOne();
    // The stock provider sends a keystroke made as it reconnects at once: it reaches the server before the
    // sync step 2 that carries the offline edits, so it refers to clocks the server does not have yet.
    const typeOnReconnect = ({ status }: { status: string }) => {
      if (status !== 'connected') return;
      provider.off('status', typeOnReconnect);
      typer.typeOne();
    };
    provider.on('status', typeOnReconnect);
    const refused = new Promise<never>((_resolve, reject) =>
      provider.on('connection-close', (event) => {
        // The stock provider never reconnects after a 44xx close: the delegate would be cut off for good.
        if (event !== null && event.code >= 4000) reject(new Error(`closed by the server with ${event.code} ${event.reason}`));
      }),
    );
    refused.catch(() => undefined);
    provider.connect();

    await Promise.race([whenProviderSynced(provider), refused]);
    await Promise.race([observer.waitFor(() => missingTokens(observer.text, typer.typed).length === 0, 10_000, 'every token'), refused]);
    expect(observer.text).toBe(documentText(provider.doc));
  });
});
