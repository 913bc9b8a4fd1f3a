import { beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson, type ExportSignature, type Snapshot } from '@concord/shared';
import { sha256Hex } from './signatureCrypto.ts';
import { verifyExportFile, type VerifyingKey } from './verifyExportFile.ts';
import { verifySnapshotRecord } from './verifySnapshotRecord.ts';

// Node's WebCrypto, as the browser's: Ed25519 keys made here sign what the server would.
const { subtle } = globalThis.crypto;
const base64 = (bytes: ArrayBuffer | Uint8Array) => Buffer.from(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes)).toString('base64');

interface Signer {
  key: VerifyingKey;
  sign(value: unknown): Promise<string>;
}

async function newSigner(): Promise<Signer> {
  const pair = (await subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])) as CryptoKeyPair;
  const raw = new Uint8Array(await subtle.exportKey('raw', pair.publicKey));
  return {
    key: { keyId: (await sha256Hex(raw)).slice(0, 16), publicKey: base64(raw) },
    sign: async (value) => base64(await subtle.sign({ name: 'Ed25519' }, pair.privateKey, new TextEncoder().encode(canonicalJson(value)))),
  };
}

const file = new TextEncoder().encode('<!DOCTYPE html><p>1. The nuclear-weapon States reaffirm their assurances.</p>');

async function signatureFor(signer: Signer, bytes: Uint8Array, overrides: Partial<ExportSignature> = {}): Promise<ExportSignature> {
  const unsigned: Omit<ExportSignature, 'signature'> = {
    concordExportSignature: 1,
    snapshotId: 'snap_123456',
    snapshotSha256: 'a'.repeat(64),
    documentId: 'doc_1',
    format: 'html',
    mode: 'agreed',
    language: 'fr',
    fileName: 'NPT-CONF.2026-WP.1-S1-agreed-fr.html',
    fileSha256: await sha256Hex(bytes),
    keyId: signer.key.keyId,
    ...overrides,
  };
  return { ...unsigned, signature: await signer.sign(unsigned) };
}

describe('verifyExportFile', () => {
  let signer: Signer;
  let other: Signer;
  let signature: ExportSignature;
  beforeAll(async () => {
    signer = await newSigner();
    other = await newSigner();
    signature = await signatureFor(signer, file);
  });

  it('verifies the file its signature covers, naming the snapshot, format, mode, language and key', async () => {
    const verdict = await verifyExportFile(file, JSON.stringify(signature, null, 2), signer.key, subtle);
    expect(verdict).toEqual({ ok: true, keyId: signer.key.keyId, signature, fileSha256: signature.fileSha256 });
  });

  it('refuses a file changed by one byte, giving both hashes', async () => {
    const tampered = file.slice();
    tampered[tampered.length - 6] = 'X'.charCodeAt(0);
    const verdict = await verifyExportFile(tampered, JSON.stringify(signature), signer.key, subtle);
    expect(verdict).toEqual({ ok: false, keyId: signer.key.keyId, reason: 'file-changed', fileSha256: await sha256Hex(tampered), signedSha256: signature.fileSha256 });
  });

  it('refuses a signature file whose content was altered (another language claimed)', async () => {
    const altered = { ...signature, language: 'en' };
    expect(await verifyExportFile(file, JSON.stringify(altered), signer.key, subtle)).toMatchObject({ ok: false, reason: 'signature-altered' });
  });

  it('refuses a signature value that was altered', async () => {
    const bytes = Buffer.from(signature.signature, 'base64');
    bytes[0] = bytes[0]! ^ 1;
    expect(await verifyExportFile(file, JSON.stringify({ ...signature, signature: bytes.toString('base64') }), signer.key, subtle)).toMatchObject({ ok: false, reason: 'signature-altered' });
    expect(await verifyExportFile(file, JSON.stringify({ ...signature, signature: 'not base64 at all!' }), signer.key, subtle)).toMatchObject({ ok: false, reason: 'signature-altered' });
  });

  it('refuses a file signed with another key, naming both keys', async () => {
    const foreign = await signatureFor(other, file);
    expect(await verifyExportFile(file, JSON.stringify(foreign), signer.key, subtle)).toEqual({ ok: false, keyId: signer.key.keyId, reason: 'other-key', signedWith: other.key.keyId, serverKey: signer.key.keyId });
  });

  it('refuses a signature that claims this key but was made with another', async () => {
    const forged = await signatureFor(other, file, { keyId: signer.key.keyId });
    expect(await verifyExportFile(file, JSON.stringify(forged), signer.key, subtle)).toMatchObject({ ok: false, reason: 'signature-altered' });
  });

  it('says when the second file is not a signature file at all', async () => {
    expect(await verifyExportFile(file, '<!DOCTYPE html>', signer.key, subtle)).toMatchObject({ ok: false, reason: 'not-json' });
    expect(await verifyExportFile(file, '{"snapshotId":"x"}', signer.key, subtle)).toMatchObject({ ok: false, reason: 'not-signature' });
    expect(await verifyExportFile(file, JSON.stringify({ ...signature, extra: true }), signer.key, subtle)).toMatchObject({ ok: false, reason: 'not-signature' });
  });

  it('refuses to trust a served key whose id does not match the key', async () => {
    expect(await verifyExportFile(file, JSON.stringify(signature), { ...signer.key, keyId: other.key.keyId }, subtle)).toMatchObject({ ok: false, reason: 'bad-public-key' });
    expect(await verifyExportFile(file, JSON.stringify(signature), { ...signer.key, publicKey: 'AAAA' }, subtle)).toMatchObject({ ok: false, reason: 'bad-public-key' });
  });

  it('accepts a signature file saved with a byte-order mark', async () => {
    expect(await verifyExportFile(file, `\uFEFF${JSON.stringify(signature)}`, signer.key, subtle)).toMatchObject({ ok: true });
  });
});

describe('verifySnapshotRecord', () => {
  let signer: Signer;
  let snapshot: Snapshot;
  beforeAll(async () => {
    signer = await newSigner();
    const signed = {
      id: 'snap_123456',
      documentId: 'doc_1',
      number: 2,
      name: 'After the second reading',
      createdAt: '2026-05-04T10:00:00.000Z',
      createdBy: { userId: 'user_12345678', name: 'Chair', affiliation: 'KWT' },
      content: { documentId: 'doc_1', title: 'Draft recommendations', kind: 'phase1-options-report' as const, session: '2026', blocks: [] },
    };
    snapshot = { ...signed, sha256: await sha256Hex(new TextEncoder().encode(canonicalJson(signed))), signature: await signer.sign(signed), keyId: signer.key.keyId };
  });

  it('verifies an intact snapshot', async () => {
    expect(await verifySnapshotRecord(snapshot, signer.key, subtle)).toBe('verified');
  });

  it('finds a renamed snapshot, a re-hashed one and one from another key not verified', async () => {
    expect(await verifySnapshotRecord({ ...snapshot, name: 'Final' }, signer.key, subtle)).toBe('not-verified');
    const renamed = { ...snapshot, name: 'Final' };
    const { sha256: _old, signature: _signature, keyId: _key, ...signedPart } = renamed;
    expect(await verifySnapshotRecord({ ...renamed, sha256: await sha256Hex(new TextEncoder().encode(canonicalJson(signedPart))) }, signer.key, subtle)).toBe('not-verified');
    const other = await newSigner();
    expect(await verifySnapshotRecord(snapshot, other.key, subtle)).toBe('not-verified');
  });
});
