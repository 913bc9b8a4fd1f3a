import { CloseCode, RefusalReason, type RefusalReasonValue } from '@concord/shared';

/**
 * What the client does when the server closes the socket (docs/protocol.md, "What a client does after a refusal"):
 * - `discard`: the server refused a change already in the local copy, and later updates depend on it, so the copy
 *   is thrown away (with its IndexedDB cache) and a fresh one is loaded from the server;
 * - `reauthenticate`: the account changed or the session ended: reconnect, and check the session if that fails;
 * - `reconnect`: nothing was refused; reconnect with the same copy.
 */
export type CloseAction = 'discard' | 'reauthenticate' | 'reconnect';

const discardCodes: ReadonlySet<number> = new Set([CloseCode.malformedMessage, CloseCode.forbidden, CloseCode.clientIdTaken, CloseCode.refusedUpdate]);

export function closeAction(code: number): CloseAction {
  if (discardCodes.has(code)) return 'discard';
  if (code === CloseCode.reauthenticate) return 'reauthenticate';
  return 'reconnect';
}

const knownReasons: ReadonlySet<string> = new Set(Object.values(RefusalReason));

/** The refusal reason a close carries, or `unknown` for a reason this client does not know (a newer server). */
export function refusalReasonOf(reason: string): RefusalReasonValue | 'unknown' {
  return knownReasons.has(reason) ? (reason as RefusalReasonValue) : 'unknown';
}
