import * as Y from 'yjs';
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import { MessageType, documentField, parseDiscussionMessage, type DiscussionMessage, type LedgerMessage } from '@concord/shared';
import { closeAction } from './closeActions.ts';
import { countingWebSocket } from './countingWebSocket.ts';
import { encodeSpeakerMessage, readDiscussionText, readLedgerText, readStoredCount } from './customMessages.ts';
import { parseLedgerMessage } from './ledger.ts';
import { localCopyName } from './localCopies.ts';
import { SaveTracker } from './SaveTracker.ts';

/** What a local copy reports to its session. */
export interface LocalCopyEvents {
  /** A `stored` acknowledgement arrived (tracker updated). */
  stored: () => void;
  ledger: (message: LedgerMessage) => void;
  /** Threads, positions, flags or notifications changed (message 103). */
  discussion: (message: DiscussionMessage) => void;
  /** The socket opened (true) or closed (false). */
  connection: (open: boolean) => void;
  /** The server's state has been received on this connection. */
  synced: () => void;
  /** A socket closed or failed to open, with its close code (1006 for a refused upgrade). */
  closed: (code: number) => void;
  /** The server refused something this copy holds (a close code after which the provider stops). */
  refused: (code: number, reason: string) => void;
  /** The IndexedDB copy has been read; `hasContent` when it held a document. */
  localLoaded: (hasContent: boolean) => void;
  /** The document changed here (typing, undo), not through the server or IndexedDB. */
  localChange: () => void;
}

export interface LocalCopyOptions {
  documentId: string;
  userId: string;
  websocketOrigin: string;
}

/**
 * One local copy of a document: the Y.Doc, its IndexedDB cache (offline edits survive a reload; one per user and
 * document), and the stock y-websocket provider with Concord's additions: `?acks=1&ledger=1`, handlers for
 * messages 100 (stored), 101 (ledger) and 103 (discussion), counting of update-bearing frames, and no reconnection after a refusal.
 */
export class LocalCopy {
  readonly doc = new Y.Doc();
  readonly tracker = new SaveTracker();
  readonly provider: WebsocketProvider;
  private readonly persistence: IndexeddbPersistence;
  private live = true;

  constructor(options: LocalCopyOptions, events: LocalCopyEvents) {
    const { doc, tracker } = this;
    this.persistence = new IndexeddbPersistence(localCopyName(options.userId, options.documentId), doc);
    const provider = new WebsocketProvider(`${options.websocketOrigin}/collab`, options.documentId, doc, {
      params: { acks: '1', ledger: '1' },
      WebSocketPolyfill: countingWebSocket(tracker),
      // Every edit goes through the server, which decides; tabs do not trade updates behind its back.
      disableBc: true,
      shouldReconnect: (event) => closeAction(event.code) !== 'discard',
    });
    this.provider = provider;
    // Events of a copy being torn down are not the session's concern any more.
    const when = <T extends unknown[]>(handler: (...args: T) => void) => (...args: T) => {
      if (this.live) handler(...args);
    };
    provider.messageHandlers[MessageType.stored] = when((_encoder, decoder) => {
      tracker.storedCount(readStoredCount(decoder));
      events.stored();
    });
    provider.messageHandlers[MessageType.ledger] = when((_encoder, decoder) => {
      const message = parseLedgerMessage(readLedgerText(decoder));
      if (message !== null) events.ledger(message);
    });
    provider.messageHandlers[MessageType.discussion] = when((_encoder, decoder) => {
      const message = parseDiscussionMessage(readDiscussionText(decoder));
      if (message !== null) events.discussion(message);
    });
    provider.on('status', when(({ status }) => events.connection(status === 'connected')));
    provider.on('sync', when((isSynced: boolean) => isSynced && events.synced()));
    provider.on('connection-close', when((event: CloseEvent | null) => event !== null && events.closed(event.code)));
    provider.on('closed', when(({ code, reason }) => events.refused(code, reason)));
    this.persistence.on('synced', when(() => events.localLoaded(doc.getXmlFragment(documentField).length > 0)));
    doc.on(
      'update',
      when((_update: Uint8Array, origin: unknown) => {
        if (origin !== provider && origin !== this.persistence) events.localChange();
      }),
    );
  }

  get open(): boolean {
    return this.provider.wsconnected;
  }

  /** Sends message 102 on the open socket, if there is one. */
  sendTypingFor(typingFor: string | null): void {
    const socket = this.provider.ws;
    if (socket !== null && socket.readyState === WebSocket.OPEN) socket.send(encodeSpeakerMessage({ typingFor }));
  }

  /** Stops reconnecting for good (the session ended). */
  disconnect(): void {
    this.provider.disconnect();
  }

  /** Closes everything; `discardLocal` also deletes the IndexedDB copy (after a refusal its content is refused). */
  async destroy(discardLocal: boolean): Promise<void> {
    this.live = false;
    this.provider.destroy();
    if (discardLocal) await this.persistence.clearData();
    else await this.persistence.destroy();
    this.doc.destroy();
  }
}
