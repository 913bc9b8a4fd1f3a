import { expect } from 'vitest';

export interface ErrorBody {
  error: { code: string; message: string; issues?: Array<{ path: string; message: string }> };
}

/** Checks the one error shape every route answers with (status, JSON, code, nothing else), and returns it. */
export async function expectErrorBody(response: Response, status: number, code: string): Promise<ErrorBody> {
  const text = await response.text();
  expect({ status: response.status, body: text }).toEqual({ status, body: expect.any(String) });
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  const body = JSON.parse(text) as ErrorBody;
  expect(Object.keys(body)).toEqual(['error']);
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe('string');
  expect(body.error.message.length).toBeGreaterThan(0);
  expect(Object.keys(body.error).every((key) => ['code', 'message', 'issues'].includes(key))).toBe(true);
  for (const issue of body.error.issues ?? []) expect(issue).toEqual({ path: expect.any(String), message: expect.any(String) });
  return body;
}
