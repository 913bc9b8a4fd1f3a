/**
 * The authority rules hold when a user's sockets and the change that revokes them are on different
 * instances sharing Redis.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode, RefusalReason } from '@concord/shared';
import { RawClient } from '../utils/RawClient.ts';
import { ServerAtFixedPort, createDocumentAt } from '../utils/cluster.ts';
import { delegateOf, provisionAccount, signInOverHttp, websocketHeaders, type Credentials } from '../utils/credentials.ts';
import { draftText } from '../utils/draft.ts';
import { startRedisServer, type RedisServer } from '../utils/redisServer.ts';

let redis: RedisServer;
let first: ServerAtFixedPort;
let second: ServerAtFixedPort;
let environment: Record<string, string>;

beforeAll(async () => {
  redis = await startRedisServer();
  environment = { REDIS_URL: redis.url };
  [first, second] = await Promise.all([ServerAtFixedPort.start(environment), ServerAtFixedPort.start(environment)]);
});

afterAll(async () => {
  await Promise.all([first?.kill(), second?.kill()]);
  await redis?.stop();
});

async function connect(serverUrl: string, documentId: string, who: Credentials): Promise<RawClient> {
  const client = new RawClient(serverUrl, documentId, { headers: websocketHeaders(serverUrl, who) });
  await client.opened;
  await client.whenSynced();
  return client;
}

describe('authority across instances', () => {
  it('closes a disabled account’s socket on the other instance, which then refuses it', async () => {
    const delegate = await provisionAccount(environment, delegateOf('IRL'));
    const secretariat = await provisionAccount(environment, { role: 'secretariat', affiliation: { kind: 'secretariat' } });
    const documentId = await createDocumentAt(first.url, 'Revocation');
    const onSecond = await signInOverHttp(second.url, delegate.email);
    const client = await connect(second.url, documentId, onSecond);

    const admin = await signInOverHttp(first.url, secretariat.email);
    const response = await fetch(`${first.url}/api/users/${delegate.id}`, {
      method: 'PATCH',
      headers: { ...admin.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ disabled: true }),
    });
    expect(response.status).toBe(200);
    expect((await client.closed).code).toBe(CloseCode.reauthenticate);
    const retry = new RawClient(second.url, documentId, { headers: websocketHeaders(second.url, onSecond) });
    await expect(retry.opened).rejects.toThrow(/HTTP 401/);
    retry.destroy();
  });

  it('keeps a clientID bound to its user on every instance', async () => {
    const owner = await signInOverHttp(first.url, (await provisionAccount(environment, delegateOf('FRA'))).email);
    const other = await signInOverHttp(second.url, (await provisionAccount(environment, delegateOf('EGY'))).email);
    const documentId = await createDocumentAt(first.url, 'Bindings');
    const ownerClient = await connect(first.url, documentId, owner);
    draftText(ownerClient.doc).insert(0, 'Owned text');
    await ownerClient.whenStored();

    const impostor = await connect(second.url, documentId, other);
    await impostor.waitFor(() => impostor.text === 'Owned text', 10_000, 'the owner’s text on the second instance');
    // yjs renames a document whose clientID arrives in a remote update, so the forged edit is made on a copy.
    const forged = new Y.Doc();
    Y.applyUpdate(forged, Y.encodeStateAsUpdate(impostor.doc));
    forged.clientID = ownerClient.doc.clientID;
    draftText(forged).insert(0, 'Forged ');
    impostor.sendUpdate(Y.encodeStateAsUpdate(forged, Y.encodeStateVector(impostor.doc)));
    expect(await impostor.closed).toEqual({ code: CloseCode.clientIdTaken, reason: RefusalReason.clientIdTaken });
    ownerClient.destroy();
  });
});
