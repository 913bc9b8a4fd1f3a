/** The WebCrypto pieces both checks use: SHA-256 in hex, base64 to bytes, an Ed25519 signature check. */

/** SHA-256 of some bytes, as 64 lowercase hex digits. */
export async function sha256Hex(bytes: Uint8Array, subtle: SubtleCrypto = globalThis.crypto.subtle): Promise<string> {
  const digest = new Uint8Array(await subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** The bytes of a base64 text, or null when it is not base64. */
export function base64Bytes(text: string): Uint8Array | null {
  try {
    return Uint8Array.from(atob(text), (character) => character.charCodeAt(0));
  } catch {
    return null;
  }
}

/** The key id the server gives a public key: the first 16 hex digits of the SHA-256 of its raw 32 bytes. */
export async function keyIdOf(rawPublicKey: Uint8Array, subtle: SubtleCrypto = globalThis.crypto.subtle): Promise<string> {
  return (await sha256Hex(rawPublicKey, subtle)).slice(0, 16);
}

/** The browser cannot check Ed25519 signatures (older browsers): the verdict then says so rather than "altered". */
export class Ed25519UnavailableError extends Error {
  constructor(cause: unknown) {
    super(`this browser cannot check Ed25519 signatures: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'Ed25519UnavailableError';
  }
}

/** Whether `signature` is the Ed25519 signature of `text` (UTF-8) by the raw public key. */
export async function verifyEd25519(rawPublicKey: Uint8Array, signature: Uint8Array, text: string, subtle: SubtleCrypto = globalThis.crypto.subtle): Promise<boolean> {
  let key: CryptoKey;
  try {
    key = await subtle.importKey('raw', rawPublicKey as Uint8Array<ArrayBuffer>, { name: 'Ed25519' }, false, ['verify']);
  } catch (error) {
    throw new Ed25519UnavailableError(error);
  }
  return subtle.verify({ name: 'Ed25519' }, key, signature as Uint8Array<ArrayBuffer>, new TextEncoder().encode(text));
}
