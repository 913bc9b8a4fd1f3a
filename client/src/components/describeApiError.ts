import type { TFunction } from 'i18next';
import { ApiError } from '../api/ApiError.ts';

/** Codes the interface explains in its own words; anything else is reported as unexpected. */
const knownCodes = [
  'invalid_credentials',
  'unauthenticated',
  'forbidden',
  'csrf',
  'not_found',
  'email_taken',
  'invalid_invitation',
  'invalid_request',
  'payload_too_large',
  'internal_error',
  'network',
] as const;
type KnownCode = (typeof knownCodes)[number];

function isKnownCode(code: string): code is KnownCode {
  return (knownCodes as readonly string[]).includes(code);
}

/** A sentence for people, in the interface language, for any error an API call throws. */
export function describeApiError(error: unknown, t: TFunction, formatTime: (date: Date) => string, now: Date = new Date()): string {
  if (!(error instanceof ApiError)) return t('errors.unexpected', { status: '?' });
  if (error.code === 'too_many_attempts') {
    if (error.retryAfterSeconds === null) return t('errors.too_many_attempts_later');
    const minutes = Math.max(1, Math.ceil(error.retryAfterSeconds / 60));
    return t('errors.too_many_attempts', { count: minutes, time: formatTime(new Date(now.getTime() + error.retryAfterSeconds * 1000)) });
  }
  if (isKnownCode(error.code)) return t(`errors.${error.code}`);
  return t('errors.unexpected', { status: error.status });
}
