import { z } from 'zod';

/** Longest period a report covers: a report over more years than a committee's mandate says nothing useful. */
export const maxReportYears = 5;

const dayPattern = /^\d{4}-\d{2}-\d{2}$/;

/** Midnight UTC of a YYYY-MM-DD day. */
function utcDay(day: string): Date {
  return new Date(`${day}T00:00:00.000Z`);
}

/** The YYYY-MM-DD of a date, in UTC (the committee's records are all stamped in UTC). */
function dayText(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Whether text is a calendar day that exists, as YYYY-MM-DD (2026-02-30 is not). */
export function isCalendarDay(text: string): boolean {
  if (!dayPattern.test(text)) return false;
  const date = utcDay(text);
  return !Number.isNaN(date.getTime()) && dayText(date) === text;
}

export const reportDaySchema = z.string().refine(isCalendarDay, 'a day is a calendar date written YYYY-MM-DD');

/** The day of a timestamp (ISO 8601), in UTC, or null when it is not a time. */
export function dayOf(timestamp: string): string | null {
  const date = new Date(timestamp);
  return Number.isNaN(date.getTime()) ? null : dayText(date);
}

/** The day `count` days after `day` (before, when negative). */
export function addDays(day: string, count: number): string {
  const date = utcDay(day);
  date.setUTCDate(date.getUTCDate() + count);
  return dayText(date);
}

/** The Monday that starts the ISO week holding `day`. */
export function weekStartOf(day: string): string {
  const weekday = utcDay(day).getUTCDay();
  return addDays(day, -((weekday + 6) % 7));
}

/** The start (Monday) of every ISO week that holds a day of [from, to], oldest first; empty when from is after to. */
export function weeksOf(from: string, to: string): string[] {
  const weeks: string[] = [];
  if (from > to) return weeks;
  for (let week = weekStartOf(from); week <= to; week = addDays(week, 7)) weeks.push(week);
  return weeks;
}

/** The day before the same date `years` later: the last day of a period of that many whole years from `from`. */
function lastDayOfYears(from: string, years: number): string {
  const date = utcDay(from);
  date.setUTCFullYear(date.getUTCFullYear() + years);
  return addDays(dayText(date), -1);
}

/** A reporting period: two days, both included, in UTC. */
export interface ReportPeriod {
  from: string;
  to: string;
}

/** Whether a timestamp falls on a day of the period. */
export function inPeriod(timestamp: string, period: ReportPeriod): boolean {
  const day = dayOf(timestamp);
  return day !== null && day >= period.from && day <= period.to;
}

/** Whether a timestamp falls on or before the period's last day. */
export function byEndOf(timestamp: string, period: ReportPeriod): boolean {
  const day = dayOf(timestamp);
  return day !== null && day <= period.to;
}

const periodShape = { from: reportDaySchema, to: reportDaySchema };

/** The checks every period passes: it runs forwards and spans at most `maxReportYears` years. */
function refinePeriod(period: ReportPeriod, context: z.RefinementCtx): void {
  if (!isCalendarDay(period.from) || !isCalendarDay(period.to)) return;
  if (period.from > period.to) {
    context.addIssue({ code: 'custom', message: `the period ends (${period.to}) before it starts (${period.from})`, path: ['to'] });
  } else if (period.to > lastDayOfYears(period.from, maxReportYears)) {
    context.addIssue({ code: 'custom', message: `a report covers at most ${maxReportYears} years (until ${lastDayOfYears(period.from, maxReportYears)})`, path: ['to'] });
  }
}

/** A period as a report carries it. */
export const reportPeriodSchema = z.object(periodShape).strict().superRefine(refinePeriod);

/** The query of a progress report (GET ...?from=2026-01-01&to=2026-12-31): both days included. */
export const progressReportQuerySchema = reportPeriodSchema;
export type ProgressReportQuery = z.infer<typeof progressReportQuerySchema>;
