/**
 * The server serves the built client (CLIENT_DIR): hashed assets cached for good, the page revalidated, the
 * client's own addresses answered with the page, and the API's 404s left as JSON. A directory written here
 * stands in for a Vite build, so these tests do not depend on one.
 */
import { get } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../utils/startTestServer.ts';

/** A GET whose body is returned as sent (fetch would decompress it). */
function rawGet(url: string, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(url, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

let server: TestServer;
let clientDirectory: string;
const page = '<!doctype html><html lang="en"><head><script type="module" src="/assets/index-Ab12Cd34.js"></script></head><body><div id="root"></div></body></html>';
const script = `console.log(${JSON.stringify('drafting room '.repeat(200))});`;

beforeAll(async () => {
  clientDirectory = mkdtempSync(path.join(tmpdir(), 'concord-client-'));
  mkdirSync(path.join(clientDirectory, 'assets'));
  writeFileSync(path.join(clientDirectory, 'index.html'), page);
  writeFileSync(path.join(clientDirectory, 'assets', 'index-Ab12Cd34.js'), script);
  writeFileSync(path.join(clientDirectory, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  server = await startTestServer({ CLIENT_DIR: clientDirectory });
});

afterAll(async () => {
  await server?.stop();
  rmSync(clientDirectory, { recursive: true, force: true });
});

describe('the built client', () => {
  it.each(['/', '/documents/abc123', '/admin', '/invitation'])('answers %s with the page, revalidated, under the CSP', async (address) => {
    const response = await fetch(`${server.url}${address}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await response.text()).toBe(page);
  });

  it('serves hashed assets for good, gzipped when asked, and answers 304 to a known ETag', async () => {
    const zipped = await rawGet(`${server.url}/assets/index-Ab12Cd34.js`, { 'accept-encoding': 'gzip' });
    expect(zipped.status).toBe(200);
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(zipped.body).toString()).toBe(script);
    const response = await fetch(`${server.url}/assets/index-Ab12Cd34.js`);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(response.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await response.text()).toBe(script);
    const etag = response.headers.get('etag');
    expect(etag).not.toBeNull();
    const again = await fetch(`${server.url}/assets/index-Ab12Cd34.js`, { headers: { 'if-none-match': etag! } });
    expect(again.status).toBe(304);
  });

  it.each(['/assets/index-Old00000.js', '/favicon.ico', '/api/no-such-route'])('leaves %s a 404, not the page', async (address) => {
    const response = await fetch(`${server.url}${address}`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('keeps the API working beside it', async () => {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${server.url}/api/session`)).status).toBe(401);
  });
});
