import type { SaveTracker } from './SaveTracker.ts';

/**
 * A WebSocket class for the provider's `WebSocketPolyfill` option that tells `tracker` about every socket it
 * opens and every frame it sends, so that the client knows how many update-bearing messages await a `stored`.
 */
export function countingWebSocket(tracker: SaveTracker): typeof WebSocket {
  return class CountingWebSocket extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      tracker.connectionStarted(this);
    }

    override send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
      super.send(data as Parameters<WebSocket['send']>[0]);
      tracker.frameSent(this, data);
    }
  };
}
