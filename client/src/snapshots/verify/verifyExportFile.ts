import { canonicalJson, exportSignatureSchema, type ExportSignature } from '@concord/shared';
import { base64Bytes, Ed25519UnavailableError, keyIdOf, sha256Hex, verifyEd25519 } from './signatureCrypto.ts';

/** The server's public key as /api/snapshots/public-key gives it (raw 32 bytes, base64). */
export interface VerifyingKey {
  keyId: string;
  publicKey: string;
}

/** Why a file did not verify; each reason has its own words on screen. */
export type VerificationFailure =
  | { reason: 'not-json' }
  | { reason: 'not-signature' }
  | { reason: 'other-key'; signedWith: string; serverKey: string }
  | { reason: 'file-changed'; fileSha256: string; signedSha256: string }
  | { reason: 'signature-altered' }
  | { reason: 'bad-public-key' }
  | { reason: 'unsupported' };

export type ExportVerdict = ({ ok: true; signature: ExportSignature; fileSha256: string } | ({ ok: false } & VerificationFailure)) & { keyId: string };

/**
 * Checks an exported file against its signature file and the server's public key, in the browser, the way
 * `concord verify` does on the server: the signature file is Concord's, it names this key, it covers exactly these
 * bytes, and its Ed25519 signature over canonicalJson(everything but `signature`) holds. The first failure is the
 * verdict. `subtle` is the WebCrypto to use (Node's in unit tests).
 */
export async function verifyExportFile(file: Uint8Array, signatureText: string, key: VerifyingKey, subtle: SubtleCrypto = globalThis.crypto.subtle): Promise<ExportVerdict> {
  const rawKey = base64Bytes(key.publicKey);
  // The key id is recomputed from the key itself, so a served key and id that disagree are caught.
  const keyId = rawKey === null || rawKey.length !== 32 ? key.keyId : await keyIdOf(rawKey, subtle);
  const fail = (failure: VerificationFailure): ExportVerdict => ({ ok: false, keyId, ...failure });
  let parsed: unknown;
  try {
    parsed = JSON.parse(signatureText.replace(/^\uFEFF/, ''));
  } catch {
    return fail({ reason: 'not-json' });
  }
  const manifest = exportSignatureSchema.safeParse(parsed);
  if (!manifest.success) return fail({ reason: 'not-signature' });
  if (rawKey === null || rawKey.length !== 32 || keyId !== key.keyId) return fail({ reason: 'bad-public-key' });
  const { signature, ...signed } = manifest.data;
  if (signed.keyId !== keyId) return fail({ reason: 'other-key', signedWith: signed.keyId, serverKey: keyId });
  const fileSha256 = await sha256Hex(file, subtle);
  if (fileSha256 !== signed.fileSha256) return fail({ reason: 'file-changed', fileSha256, signedSha256: signed.fileSha256 });
  const signatureBytes = base64Bytes(signature);
  if (signatureBytes === null) return fail({ reason: 'signature-altered' });
  try {
    if (!(await verifyEd25519(rawKey, signatureBytes, canonicalJson(signed), subtle))) return fail({ reason: 'signature-altered' });
  } catch (error) {
    if (error instanceof Ed25519UnavailableError) return fail({ reason: 'unsupported' });
    // A signature of the wrong length is refused by some engines rather than answered false.
    return fail({ reason: 'signature-altered' });
  }
  return { ok: true, keyId, signature: manifest.data, fileSha256 };
}
