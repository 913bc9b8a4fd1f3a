import { describe, expect, it } from 'vitest';
import { defaultScryptCost, dummyVerify, hashPassword, needsRehash, verifyPassword, type ScryptCost } from './passwords.ts';

const fastCost: ScryptCost = { N: 2 ** 14, r: 8, p: 1 };
const password = 'correct horse battery staple';

describe('passwords', () => {
  it('encodes the cost, salt and hash in a self-describing string', async () => {
    const encoded = await hashPassword(password, fastCost);
    expect(encoded).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
    expect(encoded).not.toContain(password);
  });

  it('verifies the right password and refuses a wrong one', async () => {
    const encoded = await hashPassword(password, fastCost);
    expect(await verifyPassword(password, encoded)).toBe(true);
    expect(await verifyPassword(`${password}!`, encoded)).toBe(false);
    expect(await verifyPassword('', encoded)).toBe(false);
  });

  it('salts every hash, so equal passwords give different hashes', async () => {
    const first = await hashPassword(password, fastCost);
    const second = await hashPassword(password, fastCost);
    expect(first).not.toBe(second);
    expect(await verifyPassword(password, second)).toBe(true);
  });

  it('treats Unicode spellings of the same passphrase alike (NFKC)', async () => {
    const composed = 'caf\u00e9 au lait sur la terrasse';
    const decomposed = 'cafe\u0301 au lait sur la terrasse';
    const encoded = await hashPassword(composed, fastCost);
    expect(await verifyPassword(decomposed, encoded)).toBe(true);
  });

  it('verifies a hash of another cost and says it needs rehashing', async () => {
    const cheap = await hashPassword(password, { N: 2 ** 10, r: 8, p: 1 });
    expect(await verifyPassword(password, cheap)).toBe(true);
    expect(needsRehash(cheap, fastCost)).toBe(true);
    expect(needsRehash(await hashPassword(password, fastCost), fastCost)).toBe(false);
  });

  it('uses the OWASP cost by default', async () => {
    expect(defaultScryptCost).toEqual({ N: 2 ** 17, r: 8, p: 1 });
    const encoded = await hashPassword(password);
    expect(encoded.startsWith('scrypt$131072$8$1$')).toBe(true);
    expect(needsRehash(encoded)).toBe(false);
    expect(await verifyPassword(password, encoded)).toBe(true);
  });

  it('refuses malformed hashes and unreasonable costs instead of answering false', async () => {
    await expect(verifyPassword(password, 'plaintext')).rejects.toThrow(/not an scrypt password hash/);
    const encoded = await hashPassword(password, fastCost);
    await expect(verifyPassword(password, encoded.replace('$16384$', '$1000$'))).rejects.toThrow(/power of two/);
    await expect(verifyPassword(password, encoded.replace('$16384$', `$${2 ** 24}$`))).rejects.toThrow(/power of two/);
    await expect(hashPassword(password, { N: 2 ** 14, r: 0, p: 1 })).rejects.toThrow(/scrypt r/);
  });

  it('dummyVerify answers false whatever the password', async () => {
    expect(await dummyVerify(password, fastCost)).toBe(false);
    expect(await dummyVerify('', fastCost)).toBe(false);
  });
});
