import type { KeyObject } from 'node:crypto';
import { exportSignatureSchema, type ExportSignature } from '@concord/shared';
import { publicKeyInfo, sha256Hex, verifyCanonical } from './SnapshotSigner.ts';

export type ExportVerification = { ok: true; signature: ExportSignature } | { ok: false; reason: string };

/**
 * Checks an exported file against its signature file and the server's public key: the signature file is Concord's,
 * names this key, covers exactly these bytes, and its Ed25519 signature holds. Each failure says which.
 */
export function verifyExport(file: Uint8Array, signatureText: string, publicKey: KeyObject): ExportVerification {
  let parsed: unknown;
  try {
    parsed = JSON.parse(signatureText);
  } catch {
    return { ok: false, reason: 'the signature file is not JSON' };
  }
  const manifest = exportSignatureSchema.safeParse(parsed);
  if (!manifest.success) return { ok: false, reason: 'the signature file is not a Concord export signature' };
  const { signature, ...signed } = manifest.data;
  const key = publicKeyInfo(publicKey);
  if (signed.keyId !== key.keyId) return { ok: false, reason: `the file was signed with key ${signed.keyId}, not with this key (${key.keyId})` };
  const fileSha256 = sha256Hex(file);
  if (fileSha256 !== signed.fileSha256) return { ok: false, reason: `the file is not the one signed: its SHA-256 is ${fileSha256}, the signature covers ${signed.fileSha256}` };
  if (!verifyCanonical(signed, signature, publicKey)) return { ok: false, reason: 'the signature does not match its content: the signature file was altered' };
  return { ok: true, signature: manifest.data };
}
