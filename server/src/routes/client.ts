import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Context, MiddlewareHandler } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../http/appEnv.ts';

/** Where `pnpm --filter @concord/client build` writes the drafting-room client. */
export const defaultClientDirectory = fileURLToPath(new URL('../../../client/dist/', import.meta.url));

/** Vite names the files under /assets/ after their content hash: a new build gets new names, so they can be cached for good. */
const hashedPrefix = '/assets/';
const immutable = 'public, max-age=31536000, immutable';
/** The page names the current assets: the browser must ask (a cheap 304 with the ETag) before reusing it. */
const revalidate = 'no-cache';
/** Other files (the icon): not hashed, so cached briefly. */
const shortCache = 'public, max-age=3600';

const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
};
const compressible = new Set(['.html', '.js', '.css', '.json', '.map', '.svg', '.txt']);

interface ClientFile {
  body: Uint8Array;
  /** Present when compressing pays (text formats). */
  gzipped: Uint8Array | null;
  contentType: string;
  cacheControl: string;
  etag: string;
}

/** Every file under `directory`, as URL paths ('/assets/index-abc.js'). */
function listFiles(directory: string, prefix = ''): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const urlPath = `${prefix}/${entry.name}`;
    if (entry.isDirectory()) return listFiles(path.join(directory, entry.name), urlPath);
    return entry.isFile() ? [urlPath] : [];
  });
}

function loadFile(directory: string, urlPath: string): ClientFile {
  const body = readFileSync(path.join(directory, ...urlPath.split('/')));
  const extension = path.extname(urlPath).toLowerCase();
  const gzipped = compressible.has(extension) ? gzipSync(body, { level: 9 }) : null;
  return {
    body,
    gzipped: gzipped !== null && gzipped.byteLength < body.byteLength ? gzipped : null,
    contentType: contentTypes[extension] ?? 'application/octet-stream',
    cacheControl: urlPath === '/index.html' ? revalidate : urlPath.startsWith(hashedPrefix) ? immutable : shortCache,
    etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
  };
}

/** Answers GET or HEAD with a file: 304 when the browser has it, gzip when it accepts it. */
function sendFile(context: Context<AppEnv>, file: ClientFile): Response {
  const headers: Record<string, string> = { 'Content-Type': file.contentType, 'Cache-Control': file.cacheControl, ETag: file.etag, Vary: 'Accept-Encoding' };
  const ifNoneMatch = context.req.header('if-none-match');
  if (ifNoneMatch !== undefined && ifNoneMatch.split(',').some((tag) => tag.trim() === file.etag)) return context.body(null, 304, headers);
  const gzip = file.gzipped !== null && /\bgzip\b/.test(context.req.header('accept-encoding') ?? '');
  const body = gzip && file.gzipped !== null ? file.gzipped : file.body;
  if (gzip) headers['Content-Encoding'] = 'gzip';
  headers['Content-Length'] = String(body.byteLength);
  if (context.req.method === 'HEAD') return context.body(null, 200, headers);
  return context.body(new Uint8Array(body), 200, headers);
}

/** The built client, served from memory. */
export interface BuiltClient {
  /** Middleware: answers GET and HEAD for the built files and for '/', passes everything else on. */
  files: MiddlewareHandler<AppEnv>;
  /**
   * The page for an address only the client knows (/documents/abc, /admin, /invitation): any GET outside
   * /api and /collab whose last segment has no dot. A missing file ('/assets/old.js', '/favicon.ico') stays a
   * 404: answering HTML for a script would only hide the error.
   */
  pageFor(context: Context<AppEnv>): Response | null;
}

/**
 * Loads client/dist (or `directory`) into memory, or returns null when there is no build, so that the server
 * runs without a built client. Files are read once: a rebuilt client is served after a restart.
 */
export function loadBuiltClient(directory: string = defaultClientDirectory): BuiltClient | null {
  if (!existsSync(path.join(directory, 'index.html'))) return null;
  const files = new Map(listFiles(directory).map((urlPath) => [urlPath, loadFile(directory, urlPath)] as const));
  const page = files.get('/index.html');
  if (page === undefined) return null;
  const isRead = (method: string) => method === 'GET' || method === 'HEAD';
  return {
    files: createMiddleware<AppEnv>(async (context, next) => {
      if (!isRead(context.req.method)) return next();
      const file = context.req.path === '/' ? page : files.get(context.req.path);
      if (file === undefined) return next();
      return sendFile(context, file);
    }),
    pageFor(context) {
      const { path: requestPath, method } = context.req;
      if (!isRead(method)) return null;
      if (/^\/(api|collab)(\/|$)/.test(requestPath) || requestPath.startsWith(hashedPrefix)) return null;
      const lastSegment = requestPath.slice(requestPath.lastIndexOf('/') + 1);
      if (lastSegment.includes('.')) return null;
      return sendFile(context, page);
    },
  };
}
