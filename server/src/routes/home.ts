import { Hono } from 'hono';
import { html } from 'hono/html';
import { can } from '@concord/shared';
import type { AppEnv } from '../http/appEnv.ts';
import type { Store } from '../storage/Store.ts';

/** Served as a file, since the Content-Security-Policy allows no inline style. */
const stylesheet = `body { font-family: system-ui, sans-serif; max-width: 48rem; margin: 2rem auto; padding-inline: 1rem; line-height: 1.5; color: #1b1b1b; }
code { background: #f2f2f2; padding: 0.1rem 0.3rem; border-radius: 0.2rem; }
li { margin-block: 0.5rem; }
`;

/**
 * What someone opening the printed URL sees until the drafting-room client exists (issue 4):
 * that the server runs, where clients connect, and, for a signed-in member, the documents.
 * Titles are escaped by `html`.
 */
export function homeRoutes(store: Store) {
  return new Hono<AppEnv>()
    .get('/home.css', (context) => context.body(stylesheet, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'public, max-age=3600' }))
    .get('/', async (context) => {
      const session = context.var.session;
      const documents = session !== null && can(session.user, 'document.read') ? await store.listDocuments() : null;
      return context.html(
        html`<!doctype html>
          <html lang="en">
            <head>
              <meta charset="utf-8" />
              <title>Concord</title>
              <link rel="stylesheet" href="/home.css" />
            </head>
            <body>
              <h1>Concord</h1>
              <p>The collaboration server is running on the <strong>${store.kind}</strong> store. The drafting room (the editor delegates use) is not part of this version yet.</p>
              ${documents === null
                ? html`<p>Sign in (<code>POST /api/session</code>) to see the documents.</p>`
                : html`<h2>Documents (${documents.length})</h2>
                    <ul>
                      ${documents.map((document) => html`<li><strong>${document.title}</strong><br /><code>/collab/${document.id}</code> · ${document.session} · created ${document.createdAt}</li>`)}
                    </ul>`}
              <p>Any y-websocket client can join a document at <code>ws://this-host/collab/&lt;document id&gt;</code>. API: <a href="/api/openapi.json">/api/openapi.json</a> · <a href="/healthz">/healthz</a> · <a href="/readyz">/readyz</a> · <a href="/metrics">/metrics</a>.</p>
            </body>
          </html>`,
      );
    });
}
