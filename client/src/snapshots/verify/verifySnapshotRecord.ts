import { canonicalJson, type Snapshot, type SignedSnapshot } from '@concord/shared';
import { base64Bytes, Ed25519UnavailableError, sha256Hex, verifyEd25519 } from './signatureCrypto.ts';
import type { VerifyingKey } from './verifyExportFile.ts';

/** What the browser found of a snapshot: intact (hash and signature hold), broken, or not checkable here. */
export type SnapshotCheck = 'verified' | 'not-verified' | 'unsupported';

/** The part of a snapshot its hash and signature cover: all of it but themselves. */
function signedPartOf({ id, documentId, number, name, createdAt, createdBy, content }: Snapshot): SignedSnapshot {
  return { id, documentId, number, name, createdAt, createdBy, content };
}

/**
 * Checks a snapshot as the server sent it, in the browser: its SHA-256 is that of canonicalJson(its signed part),
 * it was signed with this key, and the Ed25519 signature of the same text holds. So the list does not rest on the
 * server's word alone.
 */
export async function verifySnapshotRecord(snapshot: Snapshot, key: VerifyingKey, subtle: SubtleCrypto = globalThis.crypto.subtle): Promise<SnapshotCheck> {
  const text = canonicalJson(signedPartOf(snapshot));
  if (snapshot.keyId !== key.keyId || (await sha256Hex(new TextEncoder().encode(text), subtle)) !== snapshot.sha256) return 'not-verified';
  const rawKey = base64Bytes(key.publicKey);
  const signature = base64Bytes(snapshot.signature);
  if (rawKey === null || signature === null) return 'not-verified';
  try {
    return (await verifyEd25519(rawKey, signature, text, subtle)) ? 'verified' : 'not-verified';
  } catch (error) {
    return error instanceof Ed25519UnavailableError ? 'unsupported' : 'not-verified';
  }
}
