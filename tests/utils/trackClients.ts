import { afterEach } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import type { RawClient } from './RawClient.ts';

/** Registers an afterEach that destroys, newest first, every client and cleanup a test tracked. */
export function trackClients() {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  return {
    cleanups,
    track<Client extends RawClient | WebsocketProvider>(client: Client): Client {
      cleanups.push(() => {
        client.destroy();
        client.awareness.destroy();
      });
      return client;
    },
  };
}
