import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SnapshotSigner, generateSigningKeyPem, sha256Hex } from './SnapshotSigner.ts';
import { verifyExport } from './verifyExport.ts';

const signer = new SnapshotSigner(generateSigningKeyPem());
const publicKey = createPublicKey(signer.publicKey.publicKeyPem);
const file = new TextEncoder().encode('1. Calls upon the nuclear-weapon States to reaffirm their commitments;');

function signatureFor(bytes: Uint8Array, overrides: Record<string, unknown> = {}) {
  const unsigned = {
    concordExportSignature: 1 as const,
    snapshotId: 'snap-000001',
    snapshotSha256: 'b'.repeat(64),
    documentId: 'doc-000001',
    format: 'markdown' as const,
    mode: 'agreed' as const,
    language: 'en' as const,
    fileName: 'NPT-NSA-2027-OPT-1_agreed_en.md',
    fileSha256: sha256Hex(bytes),
    keyId: signer.publicKey.keyId,
    ...overrides,
  };
  return { ...unsigned, signature: signer.sign(unsigned) };
}

describe('verifyExport', () => {
  it('verifies an untouched file against its signature', () => {
    const result = verifyExport(file, JSON.stringify(signatureFor(file)), publicKey);
    expect(result).toEqual({ ok: true, signature: expect.objectContaining({ snapshotId: 'snap-000001' }) });
  });

  it('refuses a file changed by one byte', () => {
    const tampered = Uint8Array.from(file);
    tampered[3] = 'K'.charCodeAt(0);
    const result = verifyExport(tampered, JSON.stringify(signatureFor(file)), publicKey);
    expect(result).toEqual({ ok: false, reason: expect.stringContaining('not the one signed') });
  });

  it('refuses a signature file whose content was altered to match another file', () => {
    const other = new TextEncoder().encode('1. Urges the nuclear-weapon States to reaffirm their commitments;');
    const forged = { ...signatureFor(file), fileSha256: sha256Hex(other) };
    expect(verifyExport(other, JSON.stringify(forged), publicKey)).toEqual({ ok: false, reason: expect.stringContaining('altered') });
  });

  it('refuses another key, a file that is not a signature, and a signature by another key claiming this key id', () => {
    const otherKey = generateKeyPairSync('ed25519').publicKey;
    expect(verifyExport(file, JSON.stringify(signatureFor(file)), otherKey)).toEqual({ ok: false, reason: expect.stringContaining('signed with key') });
    expect(verifyExport(file, 'not json', publicKey)).toEqual({ ok: false, reason: 'the signature file is not JSON' });
    expect(verifyExport(file, '{"hello":1}', publicKey)).toEqual({ ok: false, reason: expect.stringContaining('not a Concord export signature') });
    const impostor = new SnapshotSigner(generateSigningKeyPem());
    const unsigned = { ...signatureFor(file), signature: undefined };
    const claimed = { ...unsigned, signature: impostor.sign({ ...unsigned, signature: undefined }) };
    expect(verifyExport(file, JSON.stringify(claimed), publicKey)).toEqual({ ok: false, reason: expect.stringContaining('altered') });
  });

  it('refuses a key that is not Ed25519', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    expect(() => new SnapshotSigner(rsa)).toThrow(/rsa, not Ed25519/);
    expect(() => new SnapshotSigner('not a key')).toThrow(/not a PEM private key/);
  });
});
