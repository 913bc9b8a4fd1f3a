import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { canonicalJson } from '@concord/shared';

/** SHA-256 in hex. */
export const sha256Hex = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

/** The public key as it is served: anyone checks a snapshot or an exported file with it. */
export interface PublicKeyInfo {
  algorithm: 'Ed25519';
  keyId: string;
  /** SPKI PEM, for openssl and most libraries. */
  publicKeyPem: string;
  /** The raw 32-byte key, base64. */
  publicKey: string;
}

const rawPublicKey = (key: KeyObject) => Buffer.from(key.export({ format: 'der', type: 'spki' })).subarray(-32);

/** Describes an Ed25519 public key; its id is the first 16 hex digits of the SHA-256 of the raw key. */
export function publicKeyInfo(publicKey: KeyObject): PublicKeyInfo {
  const raw = rawPublicKey(publicKey);
  return { algorithm: 'Ed25519', keyId: sha256Hex(raw).slice(0, 16), publicKeyPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(), publicKey: raw.toString('base64') };
}

/** Reads a PEM public key (SPKI) and checks it is Ed25519. */
export function readPublicKey(pem: string): KeyObject {
  const key = createPublicKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`the public key is ${key.asymmetricKeyType ?? 'not asymmetric'}, not Ed25519`);
  return key;
}

/** Whether `signature` (base64) is `publicKey`'s Ed25519 signature of canonicalJson(value). */
export function verifyCanonical(value: unknown, signature: string, publicKey: KeyObject): boolean {
  try {
    return verify(null, Buffer.from(canonicalJson(value)), publicKey, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

/** Makes a new Ed25519 private key, as PKCS#8 PEM. */
export function generateSigningKeyPem(): string {
  return generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
}

/** Signs snapshots and exports with the server's Ed25519 key: the signature covers canonicalJson of what it signs. */
export class SnapshotSigner {
  private readonly privateKey: KeyObject;
  readonly publicKey: PublicKeyInfo;
  private readonly publicKeyObject: KeyObject;

  /** @param pem a PKCS#8 PEM Ed25519 private key; anything else is refused with a message saying what was found. */
  constructor(pem: string) {
    let key: KeyObject;
    try {
      key = createPrivateKey(pem);
    } catch (error) {
      throw new Error('the snapshot signing key is not a PEM private key', { cause: error });
    }
    if (key.asymmetricKeyType !== 'ed25519') throw new Error(`the snapshot signing key is ${key.asymmetricKeyType ?? 'unknown'}, not Ed25519`);
    this.privateKey = key;
    this.publicKeyObject = createPublicKey(key);
    this.publicKey = publicKeyInfo(this.publicKeyObject);
  }

  /** Base64 Ed25519 signature of canonicalJson(value). */
  sign(value: unknown): string {
    return sign(null, Buffer.from(canonicalJson(value)), this.privateKey).toString('base64');
  }

  verify(value: unknown, signature: string): boolean {
    return verifyCanonical(value, signature, this.publicKeyObject);
  }
}
