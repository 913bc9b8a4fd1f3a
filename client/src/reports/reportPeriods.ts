import { addDays, isCalendarDay, reportPeriodSchema, type ReportPeriod } from '@concord/shared';

/** The periods offered in one click. */
export const periodPresets = ['this-year', 'last-12-months', 'last-year'] as const;
export type PeriodPreset = (typeof periodPresets)[number];

/** Today as the committee's records date it (UTC, YYYY-MM-DD). */
export const todayUtc = (now: Date = new Date()): string => now.toISOString().slice(0, 10);

/**
 * A preset's days, counted from `today` (UTC): this calendar year up to today, the twelve months ending today, or
 * the whole of last calendar year.
 */
export function presetPeriod(preset: PeriodPreset, today: string): ReportPeriod {
  const year = Number(today.slice(0, 4));
  switch (preset) {
    case 'this-year':
      return { from: `${year}-01-01`, to: today };
    case 'last-12-months': {
      const sameDayLastYear = `${year - 1}${today.slice(4)}`;
      // 29 February has no match a year before: the period starts on 1 March.
      const start = isCalendarDay(sameDayLastYear) ? addDays(sameDayLastYear, 1) : `${year - 1}-03-01`;
      return { from: start, to: today };
    }
    case 'last-year':
      return { from: `${year - 1}-01-01`, to: `${year - 1}-12-31` };
  }
}

/** The preset a period is, if any (to mark its button pressed). */
export function presetOf(period: ReportPeriod, today: string): PeriodPreset | null {
  return periodPresets.find((preset) => {
    const candidate = presetPeriod(preset, today);
    return candidate.from === period.from && candidate.to === period.to;
  }) ?? null;
}

/** Why a period typed by hand cannot be reported on, or null when it can. */
export type PeriodProblem = 'from-invalid' | 'to-invalid' | 'reversed' | 'too-long';

export function periodProblem(period: ReportPeriod): PeriodProblem | null {
  if (!isCalendarDay(period.from)) return 'from-invalid';
  if (!isCalendarDay(period.to)) return 'to-invalid';
  if (period.from > period.to) return 'reversed';
  return reportPeriodSchema.safeParse(period).success ? null : 'too-long';
}

/** The period in the address (?from=…&to=…), when both days are there and form a valid period. */
export function periodFromQuery(search: string): ReportPeriod | null {
  const query = new URLSearchParams(search);
  const from = query.get('from');
  const to = query.get('to');
  if (from === null || to === null) return null;
  return periodProblem({ from, to }) === null ? { from, to } : null;
}
