import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '@concord/shared';
import { documentText } from '../utils/draft.ts';
import { RawClient } from '../utils/RawClient.ts';
import { TokenTyper, missingTokens, readDocumentText } from '../utils/cluster.ts';
import { connectProvider, eventually, whenProviderSynced } from '../utils/providers.ts';
import { startRedisServer, type RedisServer } from '../utils/redisServer.ts';
import { startTestServer, type TestServer } from '../utils/startTestServer.ts';

describe('Redis going away while delegates type', () => {
  let redis: RedisServer;
  let server: TestServer;
  beforeAll(async () => {
    redis = await startRedisServer({ appendOnly: true, appendFsync: 'always' });
    server = await startTestServer({ REDIS_URL: redis.url });
  });
  afterAll(async () => {
    await server.stop();
    await redis.stop();
  });

  it('loses nothing confirmed, closes clients with "try again later", and converges once Redis is back', async () => {
    const documentId = await server.createDocument('Outage');
    const providers = [connectProvider(server.url, documentId), connectProvider(server.url, documentId)];
    await Promise.all(providers.map((provider) => whenProviderSynced(provider)));
    const raw = new RawClient(server.url, documentId);
    await raw.whenSynced();
    const typers = [new TokenTyper('p0', providers[0]!.doc), new TokenTyper('p1', providers[1]!.doc), new TokenTyper('raw', raw.doc, raw)];
    for (const typer of typers) typer.start(15);
    await delay(300);

    redis.kill();
    await redis.exited;
    const closed = await raw.closed;
    expect(closed.code).toBe(CloseCode.tryAgainLater);
    const confirmedBeforeOutage = typers[2]!.confirmed();
    expect(confirmedBeforeOutage.length).toBeGreaterThan(0);
    await delay(300); // keep typing with the store gone
    for (const typer of typers) typer.stop();

    redis = await startRedisServer({ appendOnly: true, appendFsync: 'always', directory: redis.directory, port: redis.port });
    // Everything confirmed before the outage is in the store.
    const stored = await readWhenAvailable(server.url, documentId);
    expect(missingTokens(stored, confirmedBeforeOutage)).toEqual([]);

    // The raw client comes back with the same document; the providers reconnect by themselves.
    const returning = new RawClient(server.url, documentId, { doc: raw.doc });
    await returning.whenSynced();
    const everyToken = typers.flatMap((typer) => typer.typed);
    const docs = [...providers.map((provider) => provider.doc), returning.doc];
    await eventually(() => docs.every((doc) => missingTokens(documentText(doc), everyToken).length === 0), 20_000, 'every token everywhere');
    const reference = documentText(docs[0]!);
    for (const doc of docs) expect(documentText(doc)).toBe(reference);
    await returning.whenStored();
    const late = new RawClient(server.url, documentId);
    await late.whenSynced();
    expect(Y.encodeStateVector(late.doc)).toEqual(Y.encodeStateVector(returning.doc));
    expect(late.text).toBe(reference);
    for (const provider of providers) provider.destroy();
    returning.destroy();
    late.destroy();
  });
});

/** The document's text as a new client sees it, retrying while the server answers 503. */
async function readWhenAvailable(serverUrl: string, documentId: string): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await readDocumentText(serverUrl, documentId);
    } catch (error) {
      if (attempt > 50) throw error;
      await delay(100);
    }
  }
}
