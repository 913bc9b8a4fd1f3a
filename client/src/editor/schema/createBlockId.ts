const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';

/** A new paragraph id: 12 URL-safe characters (72 random bits), as blockIdSchema wants and the server makes. */
export function createBlockId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  let id = '';
  for (const byte of bytes) id += alphabet[byte & 63];
  return id;
}
