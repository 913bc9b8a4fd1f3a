import type { z } from 'zod';
import { ApiError, apiErrorOf } from './ApiError.ts';

interface AnswerLike {
  ok: boolean;
  status: number;
  headers: Headers;
  json(): Promise<unknown>;
}

/** The body of a successful answer, checked against its schema at the edge; an ApiError otherwise. */
export async function readBody<Schema extends z.ZodType>(response: AnswerLike, schema: Schema): Promise<z.infer<Schema>> {
  if (!response.ok) throw await apiErrorOf(response);
  const body = schema.safeParse(await response.json().catch(() => undefined));
  if (!body.success) throw new ApiError(response.status, 'unexpected', `the answer to HTTP ${response.status} does not match its schema`);
  return body.data;
}

/** Checks an answer that has no body (204). */
export async function expectSuccess(response: AnswerLike): Promise<void> {
  if (!response.ok) throw await apiErrorOf(response);
}
