import type { TFunction } from 'i18next';
import { ApiError } from '../api/ApiError.ts';
import { describeApiError } from '../components/describeApiError.ts';

const positionCodes = ['not_a_delegation', 'forbidden', 'too_long', 'conflict', 'already_answered', 'rate_limited'] as const;
type PositionCode = (typeof positionCodes)[number];

const isPositionCode = (code: string): code is PositionCode => (positionCodes as readonly string[]).includes(code);

/**
 * A sentence for a refused position, flag or answer: the refusals of these routes in this namespace's words,
 * anything else (network, session, CSRF, invalid input) as every other form says it.
 */
export function describePositionError(error: unknown, t: TFunction<'positions'>, common: TFunction, formatTime: (date: Date) => string): string {
  if (error instanceof ApiError && isPositionCode(error.code)) return t(`errors.${error.code}`);
  return describeApiError(error, common, formatTime);
}
