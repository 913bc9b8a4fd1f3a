import { z } from 'zod';

/** The one error body every API route answers with (server/src/routes/errors.ts). */
const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});

export interface ApiIssue {
  path: string;
  message: string;
}

/**
 * A refused or failed API call. `code` is the server's stable code (invalid_credentials, csrf, ...), or
 * `network` when no answer came and `unexpected` when the answer was not the documented one.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: readonly ApiIssue[] = [],
    /** From Retry-After on a 429. */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** What a response that is not OK says, read through the error schema. */
export async function apiErrorOf(response: { status: number; headers: Headers; json(): Promise<unknown> }): Promise<ApiError> {
  const body = errorBodySchema.safeParse(await response.json().catch(() => undefined));
  const retryAfter = Number.parseInt(response.headers.get('retry-after') ?? '', 10);
  const retryAfterSeconds = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null;
  if (!body.success) return new ApiError(response.status, 'unexpected', `HTTP ${response.status}`, [], retryAfterSeconds);
  const { code, message, issues } = body.data.error;
  return new ApiError(response.status, code, message, issues ?? [], retryAfterSeconds);
}

/** A request that got no answer at all (server down, connection lost). */
export function networkError(cause: unknown): ApiError {
  return new ApiError(0, 'network', cause instanceof Error ? cause.message : 'no answer from the server');
}
