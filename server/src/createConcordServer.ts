import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { getRequestListener } from '@hono/node-server';
import type { Logger } from 'pino';
import { Registry, collectDefaultMetrics } from 'prom-client';
import { createApp } from './app.ts';
import type { Config } from './config.ts';
import { CollaborationServer } from './collaboration/CollaborationServer.ts';
import type { Extension } from './collaboration/Extension.ts';
import { ClientIdBindingExtension } from './collaboration/extensions/ClientIdBindingExtension.ts';
import { MetricsExtension } from './collaboration/extensions/MetricsExtension.ts';
import { createLogger } from './observability/logger.ts';
import { RedisInstanceBus } from './storage/RedisInstanceBus.ts';
import { RedisStore } from './storage/RedisStore.ts';
import { SqliteStore } from './storage/SqliteStore.ts';
import type { InstanceBus, Store } from './storage/Store.ts';

export interface ConcordServer {
  readonly url: string;
  readonly port: number;
  readonly store: Store;
  readonly collaboration: CollaborationServer;
  /** Stops accepting, flushes every pending write, closes sockets with "going away", closes the store. */
  shutdown(): Promise<void>;
}

/** Opens the store the configuration names: Redis when REDIS_URL is set, else SQLite under DATA_DIR. */
function openStore(config: Config, logger: Logger): { store: Store; bus: InstanceBus | null } {
  if (config.REDIS_URL) {
    const bus = new RedisInstanceBus({ url: config.REDIS_URL, onError: (error) => logger.warn({ err: error }, 'instance bus error') });
    return { store: new RedisStore(config.REDIS_URL), bus };
  }
  return { store: new SqliteStore({ directory: path.resolve(config.DATA_DIR), synchronous: config.SQLITE_SYNCHRONOUS }), bus: null };
}

/**
 * Assembles Concord: the store, the HTTP API and the collaboration server. The extension list
 * below is the collaboration pipeline, in the order its hooks run.
 */
export async function startConcordServer(config: Config, logger: Logger = createLogger(config.LOG_LEVEL)): Promise<ConcordServer> {
  const { store, bus } = openStore(config, logger);
  await store.ping();
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const extensions: Extension[] = [new ClientIdBindingExtension(), new MetricsExtension(registry)];
  const collaboration = new CollaborationServer({
    store,
    bus,
    extensions,
    logger,
    limits: {
      maxMessageBytes: config.MAX_MESSAGE_BYTES,
      maxMessagesPerSecond: config.MAX_MESSAGES_PER_SECOND,
      maxSendBufferBytes: config.MAX_SEND_BUFFER_BYTES,
      maxConnectionsPerDocument: config.MAX_CONNECTIONS_PER_DOCUMENT,
      maxStructsPerUpdate: config.MAX_STRUCTS_PER_UPDATE,
      heartbeatIntervalMs: config.HEARTBEAT_INTERVAL_MS,
      compactAfterUpdates: config.COMPACT_AFTER_UPDATES,
    },
  });
  const app = createApp({ store, registry, logger });
  const server: Server = createServer(getRequestListener(app.fetch));
  server.on('upgrade', (request, socket, head) => void collaboration.handleUpgrade(request, socket, head));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.PORT, config.HOST, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST;
  let stopping: Promise<void> | null = null;
  return {
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`,
    port,
    store,
    collaboration,
    shutdown: () =>
      (stopping ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        await collaboration.shutdown();
        server.closeAllConnections();
        await closed;
        await bus?.close();
        await store.close();
      })()),
  };
}
