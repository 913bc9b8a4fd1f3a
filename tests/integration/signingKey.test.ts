/** Where the snapshot signing key comes from, and the clear refusals when it cannot be had. */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatedKeyFileName, openSnapshotSigner } from '../../server/src/snapshots/openSnapshotSigner.ts';
import { generateSigningKeyPem } from '../../server/src/snapshots/SnapshotSigner.ts';
import { startRedisServer, type RedisServer } from '../utils/redisServer.ts';
import { runToExit } from '../utils/runServerScript.ts';

describe('openSnapshotSigner', () => {
  let directory: string;
  let redis: RedisServer;
  beforeAll(async () => {
    directory = mkdtempSync(path.join(tmpdir(), 'concord-key-'));
    redis = await startRedisServer();
  });
  afterAll(async () => {
    rmSync(directory, { recursive: true, force: true });
    await redis.stop();
  });

  it('makes a key once in DATA_DIR, readable by its owner only, and keeps it', async () => {
    const dataDirectory = path.join(directory, 'data');
    const first = await openSnapshotSigner({ DATA_DIR: dataDirectory, NODE_ENV: 'production' });
    const file = path.join(dataDirectory, generatedKeyFileName);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const second = await openSnapshotSigner({ DATA_DIR: dataDirectory, NODE_ENV: 'production' });
    expect(second.publicKey).toEqual(first.publicKey);
    expect(readFileSync(file, 'utf8')).toContain('BEGIN PRIVATE KEY');
  });

  it('reads SNAPSHOT_SIGNING_KEY_FILE, and says what is wrong with a bad one', async () => {
    const keyFile = path.join(directory, 'key.pem');
    writeFileSync(keyFile, generateSigningKeyPem());
    const signer = await openSnapshotSigner({ SNAPSHOT_SIGNING_KEY_FILE: keyFile, DATA_DIR: directory, NODE_ENV: 'production', REDIS_URL: redis.url });
    expect(signer.publicKey.keyId).toMatch(/^[0-9a-f]{16}$/);
    await expect(openSnapshotSigner({ SNAPSHOT_SIGNING_KEY_FILE: path.join(directory, 'missing.pem'), DATA_DIR: directory, NODE_ENV: 'development' })).rejects.toThrow(/cannot read .*missing\.pem \(ENOENT\)/);
    const rsaFile = path.join(directory, 'rsa.pem');
    writeFileSync(rsaFile, generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ format: 'pem', type: 'pkcs8' }));
    await expect(openSnapshotSigner({ SNAPSHOT_SIGNING_KEY_FILE: rsaFile, DATA_DIR: directory, NODE_ENV: 'development' })).rejects.toThrow(/rsa, not Ed25519/);
  });

  it('shares one development key through Redis, and refuses production on Redis without a key file', async () => {
    const [one, two] = await Promise.all([
      openSnapshotSigner({ DATA_DIR: directory, NODE_ENV: 'development', REDIS_URL: redis.url }),
      openSnapshotSigner({ DATA_DIR: directory, NODE_ENV: 'development', REDIS_URL: redis.url }),
    ]);
    expect(one.publicKey.keyId).toBe(two.publicKey.keyId);
    await expect(openSnapshotSigner({ DATA_DIR: directory, NODE_ENV: 'production', REDIS_URL: redis.url })).rejects.toThrow(/Refusing to start with NODE_ENV=production and Redis without SNAPSHOT_SIGNING_KEY_FILE/);
  });

  it('stops the server at start with that message, not a stack trace', async () => {
    const { code, stderr } = await runToExit('src/main.ts', [], { NODE_ENV: 'production', REDIS_URL: redis.url, PORT: '0', CLIENT_DIR: 'off' });
    expect(code).toBe(1);
    expect(stderr).toContain('Refusing to start with NODE_ENV=production and Redis without SNAPSHOT_SIGNING_KEY_FILE');
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
