/** Refusals the panel explains in its own words (the server's codes, threads/refusalStatus.ts and routes). */
export const explainedThreadErrors = [
  'forbidden',
  'own_comment',
  'not_a_delegation',
  'not_found',
  'thread_locked',
  'thread_resolved',
  'too_long',
  'reason_too_long',
  'override_reason_too_long',
  'override_reason_invalid',
  'one_sided',
  'unknown_target',
  'not_queued',
  'not_published',
  'already_locked',
  'not_locked',
  'already_pinned',
  'not_pinned',
  'already_resolved',
  'not_resolved',
  'conflict',
  'rate_limited',
  'invalid_request',
  'network',
  'unauthenticated',
  'csrf',
] as const;
export type ExplainedThreadError = (typeof explainedThreadErrors)[number];

export interface ThreadErrorDescription {
  /** The key under `errors.` in the discussion namespace. */
  key: ExplainedThreadError | 'unexpected';
  /** The server's own words, shown (in English) under an explanation that does not say everything. */
  detail: string | null;
  retryAfterSeconds: number | null;
}

function isExplained(code: string): code is ExplainedThreadError {
  return (explainedThreadErrors as readonly string[]).includes(code);
}

/** How to tell a person about an error an action on a thread threw (an ApiError, or anything else). */
export function describeThreadError(error: unknown): ThreadErrorDescription {
  if (typeof error !== 'object' || error === null || !('code' in error) || typeof error.code !== 'string') {
    return { key: 'unexpected', detail: null, retryAfterSeconds: null };
  }
  const message = 'message' in error && typeof error.message === 'string' ? error.message : null;
  const retryAfterSeconds = 'retryAfterSeconds' in error && typeof error.retryAfterSeconds === 'number' ? error.retryAfterSeconds : null;
  if (!isExplained(error.code)) return { key: 'unexpected', detail: message, retryAfterSeconds };
  // Length limits and invalid input: the server's sentence names the limit.
  const withDetail = error.code === 'too_long' || error.code === 'reason_too_long' || error.code === 'override_reason_too_long' || error.code === 'invalid_request';
  return { key: error.code, detail: withDetail ? message : null, retryAfterSeconds };
}
