import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { getRequestListener } from '@hono/node-server';
import type { Logger } from 'pino';
import { Registry, collectDefaultMetrics } from 'prom-client';
import type { Accounts } from './accounts/Accounts.ts';
import { createApp } from './app.ts';
import type { AuditLog } from './audit/AuditLog.ts';
import { allowedOrigins, isProduction, type Config } from './config.ts';
import { CollaborationServer } from './collaboration/CollaborationServer.ts';
import { AccessWatcher } from './collaboration/AccessWatcher.ts';
import { collaborationPipeline } from './collaboration/pipeline.ts';
import { defaultClientDirectory } from './routes/client.ts';
import { findDemoCredentials } from './demo/findDemoCredentials.ts';
import { createLogger } from './observability/logger.ts';
import { openAccountServices, type AccountServiceOptions } from './openAccountServices.ts';
import { RedisInstanceBus } from './storage/RedisInstanceBus.ts';
import { RedisStore } from './storage/RedisStore.ts';
import { SqliteStore } from './storage/SqliteStore.ts';
import type { InstanceBus, Store } from './storage/Store.ts';
import { nsaCommittee, threadRulesFor } from '@concord/shared';
import { DiscussionRelay } from './collaboration/DiscussionRelay.ts';
import type { NotificationStore } from './notifications/NotificationStore.ts';
import { RedisNotificationStore } from './notifications/RedisNotificationStore.ts';
import { SqliteNotificationStore } from './notifications/SqliteNotificationStore.ts';
import { MemoryCommentRateLimiter, RedisCommentRateLimiter, type CommentRateLimiter } from './threads/CommentRateLimiter.ts';
import { DiscussionNotifier } from './threads/DiscussionNotifier.ts';
import { paragraphLabelOf } from './threads/paragraphLabelOf.ts';
import { openDiscussionEvents } from './threads/discussionEvents.ts';
import { RedisThreadStore } from './threads/RedisThreadStore.ts';
import { createExporters } from './exports/exporters.ts';
import { PdfRenderer } from './exports/pdfExporter.ts';
import { SigningKeyError, openSnapshotSigner } from './snapshots/openSnapshotSigner.ts';
import { RedisSnapshotStore } from './snapshots/RedisSnapshotStore.ts';
import { Snapshots } from './snapshots/Snapshots.ts';
import { SqliteSnapshotStore } from './snapshots/SqliteSnapshotStore.ts';
import type { SnapshotStore } from './snapshots/SnapshotStore.ts';
import { SqliteThreadStore } from './threads/SqliteThreadStore.ts';
import type { ThreadStore } from './threads/ThreadStore.ts';

export interface ConcordServer {
  readonly url: string;
  readonly port: number;
  readonly store: Store;
  readonly accounts: Accounts;
  readonly audit: AuditLog;
  readonly threads: ThreadStore;
  readonly notifications: NotificationStore;
  readonly snapshots: Snapshots;
  readonly snapshotStore: SnapshotStore;
  readonly collaboration: CollaborationServer;
  /** Stops accepting, flushes every pending write, closes sockets with "going away", closes the stores. */
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

/** Opens the thread store next to the document store: Redis when REDIS_URL is set, else SQLite under DATA_DIR. */
function openThreadStore(config: Config): ThreadStore {
  return config.REDIS_URL ? new RedisThreadStore(config.REDIS_URL) : new SqliteThreadStore(path.resolve(config.DATA_DIR));
}

/** Notifications and followers beside the threads: Redis when REDIS_URL is set, else SQLite under DATA_DIR. */
function openNotificationStore(config: Config): NotificationStore {
  return config.REDIS_URL ? new RedisNotificationStore(config.REDIS_URL) : new SqliteNotificationStore(path.resolve(config.DATA_DIR));
}

/** Snapshots beside the documents: Redis when REDIS_URL is set, else SQLite under DATA_DIR. */
function openSnapshotStore(config: Config): SnapshotStore {
  return config.REDIS_URL ? new RedisSnapshotStore(config.REDIS_URL) : new SqliteSnapshotStore(path.resolve(config.DATA_DIR));
}

/** Comment rate limits shared through Redis when instances share it, else counted in this process. */
function openCommentRateLimiter(config: Config, perMinute: number): CommentRateLimiter {
  return config.REDIS_URL ? new RedisCommentRateLimiter(config.REDIS_URL, perMinute) : new MemoryCommentRateLimiter(perMinute);
}

/** Thrown when the server must not start as configured (the message says why and what to do). */
export class StartRefusedError extends Error {
  override name = 'StartRefusedError';
}

/**
 * Assembles Concord: the stores, the accounts, the HTTP API and the collaboration server. The
 * extension list below is the collaboration pipeline, in the order its hooks run.
 * `options` is for tests: a clock for sessions and invitations, a cheaper password hash.
 */
export async function startConcordServer(
  config: Config,
  logger: Logger = createLogger(config.LOG_LEVEL),
  options: AccountServiceOptions = {},
): Promise<ConcordServer> {
  const { store, bus } = openStore(config, logger);
  const accountServices = openAccountServices(config, logger, options);
  const { accounts, audit } = accountServices;
  const threads = openThreadStore(config);
  const notifications = openNotificationStore(config);
  const threadRules = threadRulesFor(nsaCommittee);
  const commentRateLimiter = openCommentRateLimiter(config, threadRules.commentsPerMinute);
  const discussionEvents = openDiscussionEvents(config.REDIS_URL, (error) => logger.warn({ err: error }, 'discussion events error'));
  const snapshotStore = openSnapshotStore(config);
  const pdfRenderer = new PdfRenderer({ executablePath: config.CHROMIUM_PATH });
  const closeDiscussion = () => Promise.allSettled([notifications.close(), commentRateLimiter.close(), discussionEvents.close(), snapshotStore.close(), pdfRenderer.close()]);
  let snapshots: Snapshots;
  try {
    await store.ping();
    await refuseDemoCredentialsInProduction(config, accounts);
    const signer = await openSnapshotSigner(config).catch((error: unknown) => {
      throw error instanceof SigningKeyError ? new StartRefusedError(error.message, { cause: error }) : error;
    });
    snapshots = new Snapshots({ store, threads, snapshots: snapshotStore, signer, exporters: createExporters(pdfRenderer) });
  } catch (error) {
    await Promise.allSettled([accountServices.close(), bus?.close(), store.close(), threads.close(), closeDiscussion()]);
    throw error;
  }
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const extensions = collaborationPipeline({ accounts, audit, allowedOrigins: allowedOrigins(config), registry, logger });
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
  const accessWatcher = new AccessWatcher({
    collaboration,
    accountStore: accountServices.accountStore,
    events: accountServices.accountEvents,
    logger,
    intervalMs: config.HEARTBEAT_INTERVAL_MS,
    ...(options.now ? { now: options.now } : {}),
  });
  const clientDirectory = config.CLIENT_DIR === 'off' ? null : path.resolve(config.CLIENT_DIR ?? defaultClientDirectory);
  const discussionRelay = new DiscussionRelay(collaboration, discussionEvents);
  const notifier = new DiscussionNotifier({
    events: discussionEvents,
    notifications,
    listReaders: () => accounts.listUsers(),
    paragraphLabel: (documentId, blockId) => paragraphLabelOf(store, documentId, blockId, collaboration.openDocument(documentId)),
    logger,
  });
  const app = createApp({ config, store, threads, notifications, notifier, commentRateLimiter, threadRules, snapshots, snapshotStore, accounts, audit, registry, logger, clientDirectory });
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
    accounts,
    audit,
    threads,
    notifications,
    snapshots,
    snapshotStore,
    collaboration,
    shutdown: () =>
      (stopping ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        await accessWatcher.close();
        discussionRelay.close();
        await collaboration.shutdown();
        server.closeAllConnections();
        await closed;
        await bus?.close();
        await accountServices.close();
        await threads.close();
        await closeDiscussion();
        await store.close();
      })()),
  };
}

/** Demo accounts are published with their password: a production server refuses to start while one still opens with it. */
async function refuseDemoCredentialsInProduction(config: Config, accounts: Accounts): Promise<void> {
  if (!isProduction(config)) return;
  const emails = await findDemoCredentials(accounts);
  if (emails.length === 0) return;
  throw new StartRefusedError(
    `Refusing to start with NODE_ENV=production: the demo account${emails.length === 1 ? '' : 's'} ${emails.join(', ')} still open${emails.length === 1 ? 's' : ''} with the published demo password. ` +
      'Disable them (pnpm concord users disable <email>) or use a data directory without demo data.',
  );
}
