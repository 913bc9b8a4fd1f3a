import { MessageType } from '@concord/shared';

/** Sync sub-types that carry document content (y-protocols): sync step 2 and update. */
const syncStep2 = 1;
const syncUpdate = 2;

/**
 * Whether a frame the provider sends is one the server counts in `stored` acknowledgements: a sync message
 * (type 0) of sub-type sync step 2 or update. Both varuints are below 128, so each is one byte.
 */
export function isUpdateBearingFrame(data: unknown): boolean {
  const bytes = data instanceof Uint8Array ? data : data instanceof ArrayBuffer ? new Uint8Array(data) : null;
  if (bytes === null || bytes.length < 2) return false;
  return bytes[0] === MessageType.sync && (bytes[1] === syncStep2 || bytes[1] === syncUpdate);
}
