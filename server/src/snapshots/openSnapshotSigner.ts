import { readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Redis } from 'ioredis';
import { isProduction, type Config } from '../config.ts';
import { SnapshotSigner, generateSigningKeyPem } from './SnapshotSigner.ts';

/** The Redis key of a development key shared by instances (never used in production). */
export const developmentSigningKey = 'concord:snapshot-signing-key';

/** The key file made in DATA_DIR when none is configured (embedded store only). */
export const generatedKeyFileName = 'snapshot-signing-key.pem';

/** Thrown when no usable signing key can be had; the message says what to do. */
export class SigningKeyError extends Error {
  override name = 'SigningKeyError';
}

/**
 * The key that signs snapshots: SNAPSHOT_SIGNING_KEY_FILE when set. Otherwise, with the embedded store, one made
 * at first start and kept (mode 0600) in DATA_DIR; with Redis outside production, one made by the first instance
 * and shared through Redis. Production with Redis needs the file: several instances must sign with one key, and
 * a private key does not belong in the database.
 */
export async function openSnapshotSigner(config: Pick<Config, 'SNAPSHOT_SIGNING_KEY_FILE' | 'DATA_DIR' | 'REDIS_URL' | 'NODE_ENV'>): Promise<SnapshotSigner> {
  if (config.SNAPSHOT_SIGNING_KEY_FILE !== undefined) {
    const file = path.resolve(config.SNAPSHOT_SIGNING_KEY_FILE);
    const pem = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      throw new SigningKeyError(`SNAPSHOT_SIGNING_KEY_FILE: cannot read ${file} (${error.code ?? error.message})`);
    });
    return signerOf(pem, `SNAPSHOT_SIGNING_KEY_FILE (${file})`);
  }
  if (config.REDIS_URL) {
    if (isProduction(config)) {
      throw new SigningKeyError(
        'Refusing to start with NODE_ENV=production and Redis without SNAPSHOT_SIGNING_KEY_FILE: every instance must sign snapshots with the same key. ' +
          'Make one with `openssl genpkey -algorithm ed25519 -out snapshot-signing-key.pem` and point SNAPSHOT_SIGNING_KEY_FILE at it.',
      );
    }
    return signerOf(await sharedDevelopmentKey(config.REDIS_URL), `the development key in Redis (${developmentSigningKey})`);
  }
  const file = path.resolve(config.DATA_DIR, generatedKeyFileName);
  await mkdir(path.dirname(file), { recursive: true });
  // 'wx' fails if the file exists, so a key once made is never replaced.
  await writeFile(file, generateSigningKeyPem(), { mode: 0o600, flag: 'wx' }).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw new SigningKeyError(`cannot create the snapshot signing key ${file} (${error.code ?? error.message})`);
  });
  return signerOf(await readFile(file, 'utf8'), file);
}

function signerOf(pem: string, source: string): SnapshotSigner {
  try {
    return new SnapshotSigner(pem);
  } catch (error) {
    throw new SigningKeyError(`${source}: ${(error as Error).message}`);
  }
}

async function sharedDevelopmentKey(url: string): Promise<string> {
  const redis = new Redis(url, { maxRetriesPerRequest: 2, commandTimeout: 5_000, lazyConnect: true });
  try {
    await redis.connect();
    await redis.set(developmentSigningKey, generateSigningKeyPem(), 'NX');
    const pem = await redis.get(developmentSigningKey);
    if (pem === null) throw new SigningKeyError(`the development signing key vanished from Redis (${developmentSigningKey})`);
    return pem;
  } finally {
    redis.disconnect();
  }
}
