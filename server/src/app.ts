import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { createMiddleware } from 'hono/factory';
import type { Registry } from 'prom-client';
import type { Logger } from 'pino';
import type { Accounts } from './accounts/Accounts.ts';
import type { AuditLog } from './audit/AuditLog.ts';
import { nsaCommittee, threadRulesFor, type ThreadRules } from '@concord/shared';
import { allowedOrigins, isProduction, type Config } from './config.ts';
import type { AppEnv } from './http/appEnv.ts';
import { clientAddress } from './http/clientAddress.ts';
import { csrfProtection } from './http/csrf.ts';
import { noStore, securityHeaders } from './http/securityHeaders.ts';
import { sessionMiddleware } from './http/session.ts';
import type { Store } from './storage/Store.ts';
import type { NotificationStore } from './notifications/NotificationStore.ts';
import type { CommentRateLimiter } from './threads/CommentRateLimiter.ts';
import type { DiscussionNotifier } from './threads/DiscussionNotifier.ts';
import type { ThreadStore } from './threads/ThreadStore.ts';
import type { Snapshots } from './snapshots/Snapshots.ts';
import type { SnapshotStore } from './snapshots/SnapshotStore.ts';
import { documentSnapshotRoutes, snapshotRoutes } from './routes/snapshots.ts';
import { reportRoutes } from './routes/reports.ts';
import { auditRoutes } from './routes/audit.ts';
import { loadBuiltClient } from './routes/client.ts';
import { documentRoutes } from './routes/documents.ts';
import { errorBody } from './routes/errors.ts';
import { healthRoutes } from './routes/health.ts';
import { metricsRoutes } from './routes/metrics.ts';
import { homeRoutes } from './routes/home.ts';
import { invitationRoutes } from './routes/invitations.ts';
import { openApiRoutes } from './routes/openapi.ts';
import { sessionRoutes } from './routes/session.ts';
import { notificationRoutes } from './routes/notifications.ts';
import { documentPositionRoutes, flagRoutes } from './routes/positions.ts';
import { documentThreadRoutes, threadRoutes } from './routes/threads.ts';
import { userRoutes } from './routes/users.ts';

export interface AppDependencies {
  config: Pick<Config, 'NODE_ENV' | 'PUBLIC_URL' | 'ALLOWED_ORIGINS' | 'TRUST_PROXY' | 'SESSION_TTL_HOURS' | 'METRICS_TOKEN'>;
  store: Store;
  /** Issue 5's threads, positions and flags. */
  threads: ThreadStore;
  /** Readers' notifications and thread followers. */
  notifications: NotificationStore;
  /** Live delivery and notifications after each change of the discussion. */
  notifier: DiscussionNotifier;
  /** Comment creation per user, shared by every instance when they share Redis. */
  commentRateLimiter: CommentRateLimiter;
  /** Issue 6: snapshots of the agreed text and their exports. */
  snapshots: Snapshots;
  snapshotStore: SnapshotStore;
  /** The committee's thread rules; defaults to the NSA committee's. */
  threadRules?: ThreadRules;
  accounts: Accounts;
  audit: AuditLog;
  registry: Registry;
  logger: Logger;
  /**
   * The built drafting-room client; defaults to client/dist. Null, or a directory without index.html, keeps
   * the plain home page at / (a server run before `pnpm --filter @concord/client build`).
   */
  clientDirectory?: string | null;
}

/** The routes that are used before a session exists: CSRF asks them for an allowed Origin and a JSON body, not a token. */
const withoutCsrfToken = new Set(['POST /api/session', 'POST /api/invitations/accept']);

/** Stands in for the client's files when there is no build. */
const noClient = createMiddleware<AppEnv>((_context, next) => next());

/**
 * The HTTP API and the client. Middleware order: security headers, client address, the client's files
 * (when built: they need no session), then for /api: no-store, body limit, session, CSRF. Routes are
 * chained so that `AppType` gives clients a typed `hc` client. With a built client, / and every page
 * address the API does not answer get the client's page (its router shows the screen); without one, /
 * is the plain home page.
 */
export function createApp({ config, store, threads, notifications, notifier, commentRateLimiter, threadRules, snapshots, snapshotStore, accounts, audit, registry, logger, clientDirectory }: AppDependencies) {
  const production = isProduction(config);
  const session = sessionMiddleware(accounts);
  const rules = threadRules ?? threadRulesFor(nsaCommittee);
  const threadDependencies = { store, threads, notifications, notifier, audit, rules, rateLimiter: commentRateLimiter };
  const client = clientDirectory === null ? null : loadBuiltClient(clientDirectory);
  const app = new Hono<AppEnv>()
    .use('*', securityHeaders(production))
    .use('*', clientAddress(config.TRUST_PROXY))
    .use('*', client?.files ?? noClient)
    .use('/api/*', noStore)
    .use('/api/*', bodyLimit({ maxSize: 64 * 1024, onError: (context) => context.json(errorBody('payload_too_large', 'the request body is larger than 64 KiB'), 413) }))
    .use('/', session)
    .use('/api/*', session)
    .use('/api/*', csrfProtection({ allowedOrigins: allowedOrigins(config), withoutToken: withoutCsrfToken }))
    .route('/', homeRoutes(store))
    .route('/', healthRoutes(store))
    .route('/api', openApiRoutes())
    .route(
      '/api/session',
      sessionRoutes({ accounts, sessionTtlSeconds: config.SESSION_TTL_HOURS * 3600, secureCookie: production, defaultRetryAfterSeconds: 3600 }),
    )
    .route('/api/users', userRoutes({ accounts, publicUrl: config.PUBLIC_URL }))
    .route('/api/invitations', invitationRoutes(accounts))
    .route('/api/audit', auditRoutes(audit))
    .route('/api/documents', documentRoutes(store, audit))
    .route('/api/documents', documentThreadRoutes(threadDependencies))
    .route('/api/documents', documentPositionRoutes(threadDependencies))
    .route('/api/threads', threadRoutes(threadDependencies))
    .route('/api/flags', flagRoutes(threadDependencies))
    .route('/api/notifications', notificationRoutes(notifications))
    .route('/api/documents', documentSnapshotRoutes({ store, snapshots, snapshotStore, audit }))
    .route('/api/snapshots', snapshotRoutes({ store, snapshots, snapshotStore, audit }))
    .route('/api/reports', reportRoutes({ store, threads, snapshots: snapshotStore }, audit))
    .route('/metrics', metricsRoutes(registry, config.METRICS_TOKEN));
  app.notFound((context) => client?.pageFor(context) ?? context.json(errorBody('not_found', 'no such route'), 404));
  app.onError((error, context) => {
    // Middleware that refuses by throwing (bearerAuth) carries its own answer; a server error is logged below.
    if (error instanceof HTTPException && error.status < 500) return error.getResponse();
    logger.error({ err: error, path: context.req.path }, 'request failed');
    return context.json(errorBody('internal_error', 'the server could not answer this request'), 500);
  });
  return app;
}

export type AppType = ReturnType<typeof createApp>;
