import { describe, expect, it } from 'vitest';
import { progressReportDownloadQuerySchema } from './progressReport.ts';
import { addDays, dayOf, inPeriod, isCalendarDay, progressReportQuerySchema, weekStartOf, weeksOf } from './reportPeriod.ts';

describe('calendar days', () => {
  it('accepts days that exist and nothing else', () => {
    expect(['2026-01-01', '2024-02-29', '2026-12-31'].every(isCalendarDay)).toBe(true);
    expect(['2026-02-29', '2026-02-30', '2026-13-01', '2026-1-01', '2026-01-01T00:00:00Z', '', 'soon'].some(isCalendarDay)).toBe(false);
  });

  it('reads the UTC day of a timestamp, and none of a non-time', () => {
    expect(dayOf('2026-03-01T23:59:59.999Z')).toBe('2026-03-01');
    expect(dayOf('2026-03-01T23:30:00-01:00')).toBe('2026-03-02');
    expect(dayOf('not a time')).toBeNull();
  });

  it('adds days across months and leap years', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});

describe('weeksOf', () => {
  it('starts every ISO week on a Monday', () => {
    // 2026-01-01 is a Thursday; 2026-01-05 a Monday; 2026-01-11 a Sunday.
    expect(weekStartOf('2026-01-01')).toBe('2025-12-29');
    expect(weekStartOf('2026-01-05')).toBe('2026-01-05');
    expect(weekStartOf('2026-01-11')).toBe('2026-01-05');
  });

  it('lists the weeks that hold a day of the period, partial ones included', () => {
    expect(weeksOf('2026-01-01', '2026-01-12')).toEqual(['2025-12-29', '2026-01-05', '2026-01-12']);
    expect(weeksOf('2026-01-05', '2026-01-05')).toEqual(['2026-01-05']);
    expect(weeksOf('2026-01-06', '2026-01-05')).toEqual([]);
  });

  it('gives 53 weeks for a calendar year starting and ending mid-week, 52 for 364 days from a Monday', () => {
    expect(weeksOf('2026-01-01', '2026-12-31')).toHaveLength(53);
    expect(weeksOf('2025-01-01', '2025-12-31')).toHaveLength(53);
    expect(weeksOf('2025-12-29', '2026-12-27')).toHaveLength(52);
  });
});

describe('progressReportQuerySchema', () => {
  it('accepts a period of a day up to five whole years', () => {
    expect(progressReportQuerySchema.parse({ from: '2026-01-01', to: '2026-01-01' })).toEqual({ from: '2026-01-01', to: '2026-01-01' });
    expect(progressReportQuerySchema.safeParse({ from: '2026-01-01', to: '2030-12-31' }).success).toBe(true);
  });

  it('refuses a backwards period, one over five years, a day that does not exist, or anything else', () => {
    const refusals = [
      { from: '2026-02-01', to: '2026-01-31' },
      { from: '2026-01-01', to: '2031-01-01' },
      { from: '2026-02-30', to: '2026-03-01' },
      { from: '2026-01-01' },
      { from: '2026-01-01', to: '2026-12-31', extra: true },
    ];
    for (const query of refusals) expect(progressReportQuerySchema.safeParse(query).success, JSON.stringify(query)).toBe(false);
    const backwards = progressReportQuerySchema.safeParse({ from: '2026-02-01', to: '2026-01-31' });
    expect(backwards.error?.issues[0]?.message).toContain('before it starts');
  });

  it('checks the period of a download too, and defaults its language to English', () => {
    expect(progressReportDownloadQuerySchema.parse({ from: '2026-01-01', to: '2026-12-31', format: 'docx' })).toEqual({ from: '2026-01-01', to: '2026-12-31', format: 'docx', language: 'en' });
    expect(progressReportDownloadQuerySchema.safeParse({ from: '2026-01-01', to: '2035-12-31', format: 'html' }).success).toBe(false);
    expect(progressReportDownloadQuerySchema.safeParse({ from: '2026-01-01', to: '2026-12-31', format: 'pdf' }).success).toBe(false);
  });

  it('includes both ends of the period', () => {
    const period = { from: '2026-01-01', to: '2026-01-31' };
    expect(inPeriod('2026-01-01T00:00:00.000Z', period)).toBe(true);
    expect(inPeriod('2026-01-31T23:59:59.999Z', period)).toBe(true);
    expect(inPeriod('2025-12-31T23:59:59.999Z', period)).toBe(false);
    expect(inPeriod('2026-02-01T00:00:00.000Z', period)).toBe(false);
  });
});
