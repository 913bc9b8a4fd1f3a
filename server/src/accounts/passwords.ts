import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** scrypt's cost parameters: memory and time grow with `N * r`, time also with `p`. */
export interface ScryptCost {
  /** CPU/memory cost, a power of two. */
  N: number;
  /** Block size. */
  r: number;
  /** Parallelisation. */
  p: number;
}

/** OWASP's recommendation for scrypt (N=2^17, r=8, p=1): about 128 MiB per hash. */
export const defaultScryptCost: Readonly<ScryptCost> = { N: 2 ** 17, r: 8, p: 1 };

const saltBytes = 16;
const keyBytes = 32;
const encodedPattern = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9+/]+={0,2})\$([A-Za-z0-9+/]+={0,2})$/;

interface ParsedHash {
  cost: ScryptCost;
  salt: Buffer;
  hash: Buffer;
}

/**
 * Hashes a password as `scrypt$N$r$p$saltB64$hashB64`: the string names its own cost, so the cost
 * can rise later and older hashes still verify (see needsRehash).
 */
export async function hashPassword(password: string, cost: ScryptCost = defaultScryptCost): Promise<string> {
  checkCost(cost);
  const salt = randomBytes(saltBytes);
  const hash = await derive(password, salt, keyBytes, cost);
  return `scrypt$${cost.N}$${cost.r}$${cost.p}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

/** True when `password` matches; compares in constant time. Throws when `encoded` is not a hash made by hashPassword. */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const parsed = parseHash(encoded);
  const candidate = await derive(password, parsed.salt, parsed.hash.length, parsed.cost);
  return timingSafeEqual(candidate, parsed.hash);
}

/** True when the hash was made with another cost (or key length) than `cost`: hash again at the next sign-in. */
export function needsRehash(encoded: string, cost: ScryptCost = defaultScryptCost): boolean {
  const parsed = parseHash(encoded);
  return parsed.cost.N !== cost.N || parsed.cost.r !== cost.r || parsed.cost.p !== cost.p || parsed.hash.length !== keyBytes;
}

const dummySalt = randomBytes(saltBytes);

/**
 * Spends the time of one verification and answers false: used when there is no account (or no
 * password) to check, so the answer's timing does not tell whether the account exists.
 */
export async function dummyVerify(password: string, cost: ScryptCost = defaultScryptCost): Promise<false> {
  const candidate = await derive(password, dummySalt, keyBytes, cost);
  timingSafeEqual(candidate, candidate);
  return false;
}

function parseHash(encoded: string): ParsedHash {
  const match = encodedPattern.exec(encoded);
  if (match === null) throw new Error('not an scrypt password hash');
  const [, N, r, p, salt, hash] = match;
  const cost = { N: Number(N), r: Number(r), p: Number(p) };
  checkCost(cost);
  const parsed = { cost, salt: Buffer.from(salt ?? '', 'base64'), hash: Buffer.from(hash ?? '', 'base64') };
  if (parsed.salt.length < 8 || parsed.hash.length < 16) throw new Error('scrypt password hash too short');
  return parsed;
}

/** Bounds the parameters, so a corrupted hash cannot ask for gigabytes. */
function checkCost(cost: ScryptCost): void {
  const powerOfTwo = Number.isInteger(cost.N) && cost.N >= 2 && (cost.N & (cost.N - 1)) === 0;
  if (!powerOfTwo || cost.N > 2 ** 20) throw new Error(`scrypt N must be a power of two up to 2^20, not ${cost.N}`);
  if (!Number.isInteger(cost.r) || cost.r < 1 || cost.r > 32) throw new Error(`scrypt r must be 1-32, not ${cost.r}`);
  if (!Number.isInteger(cost.p) || cost.p < 1 || cost.p > 16) throw new Error(`scrypt p must be 1-16, not ${cost.p}`);
}

function derive(password: string, salt: Buffer, length: number, cost: ScryptCost): Promise<Buffer> {
  // scrypt needs 128 * N * r bytes; Node refuses anything above maxmem (32 MiB by default).
  const options: ScryptOptions = { N: cost.N, r: cost.r, p: cost.p, maxmem: 256 * cost.N * cost.r };
  // NFKC: the same passphrase typed on another keyboard or OS must give the same bytes (NIST SP 800-63B).
  const normalized = password.normalize('NFKC');
  return new Promise((resolve, reject) => {
    scrypt(normalized, salt, length, options, (error, key) => (error === null ? resolve(key) : reject(error)));
  });
}
