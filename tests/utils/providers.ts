import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { websocketHeaders } from './credentials.ts';

/** A `ws` WebSocket that sends a browser's headers (session cookie, Origin), which the WHATWG constructor cannot. */
function websocketWithHeaders(headers: Record<string, string>): typeof globalThis.WebSocket {
  class BrowserLikeWebSocket extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers });
    }
  }
  return BrowserLikeWebSocket as unknown as typeof globalThis.WebSocket;
}

/**
 * The stock y-websocket provider, unmodified, pointed at Concord's collaboration endpoint, signed in with the
 * session remembered for `serverUrl` (credentials.ts) unless `headers` says otherwise.
 */
export function connectProvider(serverUrl: string, documentId: string, doc = new Y.Doc(), headers = websocketHeaders(serverUrl)): WebsocketProvider {
  return new WebsocketProvider(`${serverUrl.replace(/^http/, 'ws')}/collab`, documentId, doc, {
    WebSocketPolyfill: websocketWithHeaders(headers),
    disableBc: true,
  });
}

export function whenProviderSynced(provider: WebsocketProvider, timeoutMs = 10_000): Promise<void> {
  if (provider.synced) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('provider did not sync')), timeoutMs);
    provider.once('sync', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Polls until `condition` holds. */
export async function eventually(condition: () => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
