import type * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import type { RefusalReasonValue } from '@concord/shared';
import type { ConnectionDisplay } from './connectionStatus.ts';

/** A change the server refused, as the user is told about it. */
export interface Refusal {
  code: number;
  reason: RefusalReasonValue | 'unknown';
  /** Label of the paragraph the last local edit touched ("PP 2", "3."), when known. */
  paragraph: string | null;
}

export interface CollaborationSnapshot {
  /** Grows each time the local copy is discarded and a fresh one is loaded: the editor is rebuilt for it. */
  generation: number;
  doc: Y.Doc;
  provider: WebsocketProvider;
  display: ConnectionDisplay;
  /** There is content to show: the server's state arrived, or the local copy (IndexedDB) had some. */
  ready: boolean;
  refusal: Refusal | null;
  /** Why the session stopped for good: the sign-in ended, the account changed, or the server kept refusing. */
  stopped: 'signed-out' | 'account-changed' | 'refused-repeatedly' | null;
  typingFor: string | null;
}
