import { expect } from 'vitest';
import type { TestServer } from './startTestServer.ts';

/**
 * An API request with the headers a browser on the server's page sends: the caller's cookie and CSRF token, and
 * this server's Origin (the caller's headers may name another instance's, which this one would refuse).
 */
export function send(server: Pick<TestServer, 'url'>, method: string, path: string, headers: Record<string, string>, body?: unknown): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers, origin: server.url },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

/** The JSON body of an answer that must have `status` (the assertion shows the body when it has not). */
export async function json<Body>(response: Response, status: number): Promise<Body> {
  const text = await response.text();
  expect({ status: response.status, text }).toEqual({ status, text: expect.any(String) });
  return JSON.parse(text) as Body;
}
