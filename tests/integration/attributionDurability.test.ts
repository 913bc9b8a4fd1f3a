/**
 * Attribution is derived by the server from its own log, so it must read the same after a restart, after a
 * crash (rebuilt from the log entries, not from a snapshot) and on every instance that shares the store.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParagraphAttribution } from '@concord/shared';
import { RawClient } from '../utils/RawClient.ts';
import { ServerAtFixedPort, createDocumentAt } from '../utils/cluster.ts';
import { delegateOf, provisionAccount, signInOverHttp, testPassword, websocketHeaders, type Credentials } from '../utils/credentials.ts';
import { draftText } from '../utils/draft.ts';
import { startRedisServer, type RedisServer } from '../utils/redisServer.ts';
import { startTestServer } from '../utils/startTestServer.ts';

async function connect(serverUrl: string, documentId: string, who: Credentials): Promise<RawClient> {
  const client = new RawClient(serverUrl, documentId, { headers: websocketHeaders(serverUrl, who), ledger: true });
  await client.opened;
  await client.whenSynced();
  return client;
}

/** Types `text` at the end of the first paragraph and waits until the server has stored it. */
async function type(client: RawClient, text: string): Promise<void> {
  const paragraph = draftText(client.doc);
  paragraph.insert(paragraph.length, text);
  await client.whenStored();
}

/** What a new client is told about the first paragraph. */
async function attributionSeenBy(serverUrl: string, documentId: string, who: Credentials): Promise<ParagraphAttribution> {
  const reader = await connect(serverUrl, documentId, who);
  try {
    await reader.waitFor(() => reader.ledger.size > 0, 10_000, 'the ledger');
    return [...reader.ledger.values()][0]!;
  } finally {
    reader.destroy();
  }
}

const speakersOf = (attribution: ParagraphAttribution) =>
  Object.fromEntries(Object.entries(attribution.contributors).map(([speaker, contribution]) => [speaker, contribution.edits]));

describe('attribution on one instance', () => {
  it('reads the same after a clean restart (from the snapshot written at shutdown)', async () => {
    const dataDirectory = mkdtempSync(path.join(tmpdir(), 'concord-attribution-'));
    try {
      const first = await startTestServer({ DATA_DIR: dataDirectory });
      const { user } = await first.createUser({ role: 'delegate', affiliation: { kind: 'delegation', delegationCode: 'FRA' }, password: testPassword });
      const france = await first.signIn(user.email, testPassword);
      const china = await first.asRole('delegate', { kind: 'delegation', delegationCode: 'CHN' });
      const documentId = await first.createDocument('Restarted');
      const fra = await connect(first.url, documentId, { ...france, headers: {} });
      await type(fra, 'Recalls');
      const chn = await connect(first.url, documentId, china);
      await type(chn, ' resolution 984 (1995)');
      await type(chn, ' of the Security Council');
      const before = await attributionSeenBy(first.url, documentId, china);
      // CHN's two updates, a moment apart, are one edit (a run with no pause over a minute).
      expect(speakersOf(before)).toEqual({ FRA: 1, CHN: 1 });
      expect(before.originator).toBe('FRA');
      fra.destroy();
      chn.destroy();
      await first.shutdown();

      const second = await startTestServer({ DATA_DIR: dataDirectory });
      try {
        const again = await second.signIn(user.email, testPassword);
        expect(await attributionSeenBy(second.url, documentId, { ...again, headers: {} })).toEqual(before);
      } finally {
        await second.shutdown();
      }
    } finally {
      rmSync(dataDirectory, { recursive: true, force: true });
    }
  });
});

describe('attribution across a crash and across instances', () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it('is rebuilt from the log after kill -9 (SQLite), exactly as it was', async () => {
    const dataDirectory = mkdtempSync(path.join(tmpdir(), 'concord-attribution-crash-'));
    const environment = { DATA_DIR: dataDirectory, COMPACT_AFTER_UPDATES: '100000' };
    const instance = await ServerAtFixedPort.start(environment);
    try {
      const france = await signInOverHttp(instance.url, (await provisionAccount(environment, delegateOf('FRA'))).email);
      const egypt = await signInOverHttp(instance.url, (await provisionAccount(environment, delegateOf('EGY'))).email);
      const documentId = await createDocumentAt(instance.url, 'Crash');
      const fra = await connect(instance.url, documentId, france);
      await type(fra, 'Urges');
      const egy = await connect(instance.url, documentId, egypt);
      await type(egy, ' all States');
      const before = await attributionSeenBy(instance.url, documentId, france);
      expect(speakersOf(before)).toEqual({ FRA: 1, EGY: 1 });
      expect(before.originator).toBe('FRA');
      fra.destroy();
      egy.destroy();

      expect(await instance.stop('SIGKILL')).toBeNull();
      await instance.restart();
      const stillSignedIn = await signInOverHttp(instance.url, france.user.email);
      expect(await attributionSeenBy(instance.url, documentId, stillSignedIn)).toEqual(before);
    } finally {
      await instance.kill();
      rmSync(dataDirectory, { recursive: true, force: true });
    }
  });

  it('reads the same on two instances sharing Redis, for edits made on either', async () => {
    const environment = { REDIS_URL: redis.url };
    const [first, second] = await Promise.all([ServerAtFixedPort.start(environment), ServerAtFixedPort.start(environment)]);
    try {
      const usa = await provisionAccount(environment, delegateOf('USA'));
      const mexico = await provisionAccount(environment, delegateOf('MEX'));
      const usaOnFirst = await signInOverHttp(first!.url, usa.email);
      const mexicoOnSecond = await signInOverHttp(second!.url, mexico.email);
      const documentId = await createDocumentAt(first!.url, 'Two instances');
      const onFirst = await connect(first!.url, documentId, usaOnFirst);
      const onSecond = await connect(second!.url, documentId, mexicoOnSecond);
      await type(onFirst, 'Decides');
      await onSecond.waitFor(() => onSecond.text.startsWith('Decides'), 10_000, 'the first edit on the second instance');
      await type(onSecond, ' to establish');
      await onFirst.waitFor(() => onFirst.text === 'Decides to establish', 10_000, 'the second edit on the first instance');
      await onFirst.waitFor(() => [...onFirst.ledger.values()].some((entry) => entry.contributors.MEX !== undefined), 10_000, 'MEX on the first instance');
      await onSecond.waitFor(() => [...onSecond.ledger.values()].some((entry) => entry.contributors.USA !== undefined), 10_000, 'USA on the second instance');
      const seenOnFirst = [...onFirst.ledger.values()][0]!;
      const seenOnSecond = [...onSecond.ledger.values()][0]!;
      expect(seenOnFirst).toEqual(seenOnSecond);
      expect(seenOnFirst.originator).toBe('USA');
      expect(speakersOf(seenOnFirst)).toEqual({ USA: 1, MEX: 1 });
      onFirst.destroy();
      onSecond.destroy();
    } finally {
      await Promise.all([first?.kill(), second?.kill()]);
    }
  });
});
