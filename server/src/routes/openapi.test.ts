import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { hc } from 'hono/client';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type AppType } from '../app.ts';
import { loadConfig } from '../config.ts';
import { openAccountServices, type AccountServices } from '../openAccountServices.ts';
import { SqliteStore } from '../storage/SqliteStore.ts';
import { SqliteNotificationStore } from '../notifications/SqliteNotificationStore.ts';
import { MemoryCommentRateLimiter } from '../threads/CommentRateLimiter.ts';
import { DiscussionNotifier } from '../threads/DiscussionNotifier.ts';
import { LocalChannel } from '../storage/LocalChannel.ts';
import { SqliteThreadStore } from '../threads/SqliteThreadStore.ts';
import { jsonExporter } from '../exports/jsonExporter.ts';
import { SnapshotSigner, generateSigningKeyPem } from '../snapshots/SnapshotSigner.ts';
import { Snapshots } from '../snapshots/Snapshots.ts';
import { SqliteSnapshotStore } from '../snapshots/SqliteSnapshotStore.ts';
import { apiRouteTable } from './apiRouteTable.ts';

/** The real app in-process, on a real SQLite file. */
describe('the route table and the app', () => {
  let directory: string;
  let store: SqliteStore;
  let threads: SqliteThreadStore;
  let notifications: SqliteNotificationStore;
  let snapshotStore: SqliteSnapshotStore;
  let services: AccountServices;
  let app: AppType;
  beforeAll(() => {
    directory = mkdtempSync(path.join(tmpdir(), 'concord-openapi-'));
    const config = loadConfig({ DATA_DIR: directory });
    const logger = pino({ level: 'silent' });
    store = new SqliteStore({ directory });
    services = openAccountServices(config, logger);
    threads = new SqliteThreadStore(directory);
    notifications = new SqliteNotificationStore(directory);
    const notifier = new DiscussionNotifier({ events: new LocalChannel(() => undefined), notifications, listReaders: () => services.accounts.listUsers(), paragraphLabel: async () => null, logger });
    const commentRateLimiter = new MemoryCommentRateLimiter(10);
    snapshotStore = new SqliteSnapshotStore(directory);
    const snapshots = new Snapshots({ store, threads, snapshots: snapshotStore, signer: new SnapshotSigner(generateSigningKeyPem()), exporters: new Map([['json', jsonExporter]]) });
    app = createApp({ config, store, threads, notifications, notifier, commentRateLimiter, snapshots, snapshotStore, accounts: services.accounts, audit: services.audit, registry: new Registry(), logger });
  });
  afterAll(async () => {
    await services.close();
    await threads.close();
    await notifications.close();
    await snapshotStore.close();
    await store.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('describes every route the app answers, and no other', () => {
    const answered = new Set(
      app.routes
        .filter((route) => route.method !== 'ALL')
        .map((route) => `${route.method} ${route.path}`),
    );
    const described = new Set(apiRouteTable.map((route) => `${route.method.toUpperCase()} ${route.path}`));
    expect([...described].sort()).toEqual([...answered].sort());
  });

  it('gives clients a typed hc client', async () => {
    const client = hc<AppType>('http://concord.test', { fetch: (input: Request | string | URL, init?: RequestInit) => app.request(input, init) });
    const response = await client.api.session.$get();
    // Typed statuses: 401 and its error body, 200 and the session info.
    if (response.status === 401) {
      const body = await response.json();
      expect(body.error.code).toBe('unauthenticated');
    } else {
      const info = await response.json();
      expect.unreachable(`signed in as ${info.user.email} without a cookie`);
    }

    const signIn = await client.api.session.$post({ json: { email: 'nobody@concord.test', password: 'not a password' } }, { headers: { origin: 'http://concord.test' } });
    expect(signIn.status).toBe(401);

    // The body types come from the same zod schemas: these do not compile.
    // @ts-expect-error kind must be one of the document kinds
    void client.api.documents.$post({ json: { title: 'Draft', kind: 'novel', session: '2027' } });
    // @ts-expect-error a sign-in needs a password
    void client.api.session.$post({ json: { email: 'someone@concord.test' } });
  });
});
