import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/ApiError.ts';
import { describeThreadError } from './describeThreadError.ts';

describe('describeThreadError', () => {
  it('explains the server’s refusals in the panel’s words', () => {
    expect(describeThreadError(new ApiError(409, 'thread_locked', 'a chair has locked this thread'))).toEqual({ key: 'thread_locked', detail: null, retryAfterSeconds: null });
    expect(describeThreadError(new ApiError(429, 'rate_limited', 'at most 10 comments a minute', [], 42))).toEqual({ key: 'rate_limited', detail: null, retryAfterSeconds: 42 });
  });

  it('keeps the server’s sentence when it names a limit, and for codes it does not know', () => {
    expect(describeThreadError(new ApiError(422, 'too_long', 'a comment is at most 4000 characters in this committee')).detail).toBe('a comment is at most 4000 characters in this committee');
    expect(describeThreadError(new ApiError(500, 'internal_error', 'boom'))).toEqual({ key: 'unexpected', detail: 'boom', retryAfterSeconds: null });
    expect(describeThreadError(new TypeError('x')).key).toBe('unexpected');
  });
});
