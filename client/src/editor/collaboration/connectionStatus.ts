/** What the status line says about the connection and the saving of one's edits. */
export type ConnectionDisplay = 'connecting' | 'connected' | 'saving' | 'saved' | 'offline' | 'offlineUnsaved';

export interface ConnectionFacts {
  /** The socket is open. */
  open: boolean;
  /** A socket was open at some point, or an attempt failed: retrying now means being offline, not starting. */
  everOpenOrFailed: boolean;
  /** The server's state has been received on this connection. */
  synced: boolean;
  canEdit: boolean;
  /** Update-bearing messages of this connection not yet confirmed as stored. */
  pending: number;
  /** Local edits made while no socket was open and not yet confirmed. */
  unsentLocalChanges: boolean;
}

export function connectionDisplay(facts: ConnectionFacts): ConnectionDisplay {
  if (!facts.open) {
    if (!facts.everOpenOrFailed) return 'connecting';
    return facts.unsentLocalChanges ? 'offlineUnsaved' : 'offline';
  }
  if (!facts.synced || !facts.canEdit) return 'connected';
  return facts.pending > 0 || facts.unsentLocalChanges ? 'saving' : 'saved';
}

/**
 * What a screen reader is told, given what it was last told: changes of connection at once; "Saving…" only when a
 * save lasts (the caller delays it); "All changes saved" only after being told something was pending. Typing must
 * not make it speak twice a keystroke. Returns null when nothing new is to be said.
 */
export function nextAnnouncement(previous: ConnectionDisplay | null, display: ConnectionDisplay): ConnectionDisplay | null {
  if (display === previous) return null;
  if (display === 'saved') return previous === null || previous === 'connected' ? null : 'saved';
  return display;
}
