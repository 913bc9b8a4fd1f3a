import { RefusalReason, presenceUserOf, type DiscussionMessage, type PresenceUser, type User } from '@concord/shared';
import type { CollaborationSnapshot, Refusal } from './CollaborationSnapshot.ts';
import { closeAction, refusalReasonOf } from './closeActions.ts';
import { connectionDisplay } from './connectionStatus.ts';
import { emptyLedger, mergeLedger, type Ledger } from './ledger.ts';
import { LocalCopy } from './LocalCopy.ts';
import type { SessionCheck } from './checkSession.ts';

export interface CollaborationSessionOptions {
  documentId: string;
  user: User;
  canEdit: boolean;
  /** e.g. "wss://concord.example.org": the collaboration server is on the page's own origin. */
  websocketOrigin: string;
  checkSession: () => Promise<SessionCheck>;
}

const refusalWindowMs = 60_000;
const maxRefusalsPerWindow = 3;
const sessionCheckAfterFailures = 3;

/**
 * One user's session on one document: a local copy (LocalCopy) and what happens to it. Tracks the connection and
 * saving state for the status line, the ledger for the gutter, whom the user types for (message 102, sent again on
 * every connection), and the close codes: after a refusal the copy is discarded and a fresh one loaded; after
 * 4001 or repeated failures the session is checked. Framework-free; React reads it through subscribe/getSnapshot.
 */
export class CollaborationSession {
  private readonly listeners = new Set<() => void>();
  private readonly ledgerListeners = new Set<(ledger: Ledger) => void>();
  private readonly discussionListeners = new Set<(message: DiscussionMessage) => void>();
  private copy: LocalCopy;
  private generation = 0;
  private everOpenOrFailed = false;
  private synced = false;
  private localContent = false;
  private failedAttempts = 0;
  private unsentLocalChanges = false;
  private ledger: Ledger = emptyLedger;
  private refusal: Refusal | null = null;
  private stopped: CollaborationSnapshot['stopped'] = null;
  private typingFor: string | null = null;
  private lastEditedParagraph: string | null = null;
  private refusalTimes: number[] = [];
  private checkingSession = false;
  private destroyed = false;
  private snapshot: CollaborationSnapshot;

  constructor(private readonly options: CollaborationSessionOptions) {
    this.copy = this.openCopy();
    this.snapshot = this.buildSnapshot();
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): CollaborationSnapshot => this.snapshot;

  /**
   * The ledger changes with every stored edit of anyone: it goes to the gutter directly, not through React
   * (a React commit measures the selection across the whole document, which a 100-page text makes slow).
   */
  readonly subscribeLedger = (listener: (ledger: Ledger) => void): (() => void) => {
    this.ledgerListeners.add(listener);
    return () => this.ledgerListeners.delete(listener);
  };

  /**
   * Message 103: something of the discussion changed; refetch it. A `resync` also comes after every (re)connection,
   * since events sent while this client was away are not replayed.
   */
  readonly subscribeDiscussion = (listener: (message: DiscussionMessage) => void): (() => void) => {
    this.discussionListeners.add(listener);
    return () => this.discussionListeners.delete(listener);
  };

  get currentLedger(): Ledger {
    return this.ledger;
  }

  /** The awareness `user` this client announces (the server replaces it with the same, computed from the session). */
  presenceUser(): PresenceUser {
    return presenceUserOf(this.options.user, this.typingFor);
  }

  /** Chairs and the secretariat: attribute the following edits to a delegation (null = oneself). */
  setTypingFor(delegationCode: string | null): void {
    this.typingFor = delegationCode;
    this.copy.sendTypingFor(delegationCode);
    this.copy.provider.awareness.setLocalStateField('user', this.presenceUser());
    this.refresh();
  }

  /** Remembers where the last local edit was, to say which change a later refusal was about. */
  noteLocalEdit(paragraphLabel: string | null): void {
    this.lastEditedParagraph = paragraphLabel;
  }

  dismissRefusal(): void {
    this.refusal = null;
    this.refresh();
  }

  destroy(): void {
    this.destroyed = true;
    void this.copy.destroy(false);
    this.listeners.clear();
    this.ledgerListeners.clear();
    this.discussionListeners.clear();
  }

  private openCopy(): LocalCopy {
    const { documentId, user, websocketOrigin } = this.options;
    const copy = new LocalCopy(
      { documentId, userId: user.id, websocketOrigin },
      {
        stored: () => {
          if (copy.tracker.pending === 0) this.unsentLocalChanges = false;
          this.refresh();
        },
        ledger: (message) => this.setLedger(mergeLedger(this.ledger, message)),
        discussion: (message) => this.tellDiscussion(message),
        connection: (open) => {
          if (open) {
            this.everOpenOrFailed = true;
            this.failedAttempts = 0;
            // Each connection starts as oneself; sent before the provider's sync step 1, so the edits this
            // connection carries (offline ones included) are attributed to the delegation.
            if (this.typingFor !== null) copy.sendTypingFor(this.typingFor);
          }
          this.refresh();
        },
        synced: () => {
          this.synced = true;
          this.tellDiscussion({ kind: 'resync' });
          this.refresh();
        },
        closed: (code) => {
          this.everOpenOrFailed = true;
          this.failedAttempts += 1;
          // After 4001 the upgrade may be refused with 401, which a browser reports only as a failed socket.
          if (closeAction(code) === 'reauthenticate' || this.failedAttempts >= sessionCheckAfterFailures) void this.verifySession();
          this.refresh();
        },
        refused: (code, reason) => void this.discardCopy(code, reason),
        localLoaded: (hasContent) => {
          this.localContent = hasContent;
          this.refresh();
        },
        localChange: () => {
          if (!copy.open) this.unsentLocalChanges = true;
          this.refresh();
        },
      },
    );
    copy.provider.awareness.setLocalStateField('user', this.presenceUser());
    return copy;
  }

  private tellDiscussion(message: DiscussionMessage): void {
    for (const listener of this.discussionListeners) listener(message);
  }

  private setLedger(ledger: Ledger): void {
    this.ledger = ledger;
    for (const listener of this.ledgerListeners) listener(ledger);
  }

  /** The server refused something this copy holds: drop the copy (and its IndexedDB cache) and load a fresh one. */
  private async discardCopy(code: number, reasonText: string): Promise<void> {
    const reason = refusalReasonOf(reasonText);
    this.refusal = { code, reason, paragraph: this.lastEditedParagraph };
    if (reason === RefusalReason.typingForForbidden) this.typingFor = null;
    const now = Date.now();
    this.refusalTimes = [...this.refusalTimes.filter((time) => now - time < refusalWindowMs), now];
    await this.copy.destroy(true);
    if (this.destroyed) return;
    if (this.refusalTimes.length >= maxRefusalsPerWindow) {
      // Something in this client keeps producing refused changes: stop rather than loop.
      this.stopped = 'refused-repeatedly';
      this.refresh();
      return;
    }
    this.generation += 1;
    this.everOpenOrFailed = false;
    this.synced = false;
    this.localContent = false;
    this.unsentLocalChanges = false;
    this.failedAttempts = 0;
    this.setLedger(emptyLedger);
    this.copy = this.openCopy();
    this.refresh();
  }

  private async verifySession(): Promise<void> {
    if (this.checkingSession || this.stopped !== null) return;
    this.checkingSession = true;
    try {
      const result = await this.options.checkSession();
      if (this.destroyed) return;
      if (result === 'ended' || result === 'changed') {
        this.stopped = result === 'ended' ? 'signed-out' : 'account-changed';
        this.copy.disconnect();
        this.refresh();
      }
    } finally {
      this.checkingSession = false;
    }
  }

  private buildSnapshot(): CollaborationSnapshot {
    const { doc, provider, tracker, open } = this.copy;
    return {
      generation: this.generation,
      doc,
      provider,
      display: connectionDisplay({
        open,
        everOpenOrFailed: this.everOpenOrFailed,
        synced: this.synced,
        canEdit: this.options.canEdit,
        pending: tracker.pending,
        unsentLocalChanges: this.unsentLocalChanges,
      }),
      ready: this.synced || this.localContent,
      refusal: this.refusal,
      stopped: this.stopped,
      typingFor: this.typingFor,
    };
  }

  /** Rebuilds the snapshot and tells React, only when something it shows changed. */
  private refresh(): void {
    if (this.destroyed) return;
    const next = this.buildSnapshot();
    const previous = this.snapshot;
    const changed = (Object.keys(next) as Array<keyof CollaborationSnapshot>).some((key) => next[key] !== previous[key]);
    if (!changed) return;
    this.snapshot = next;
    for (const listener of this.listeners) listener();
  }
}
