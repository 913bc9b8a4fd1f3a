import { describe, expect, it } from 'vitest';
import { periodFromQuery, periodProblem, presetOf, presetPeriod, todayUtc } from './reportPeriods.ts';

describe('report periods', () => {
  it('counts the presets from today', () => {
    expect(presetPeriod('this-year', '2026-11-30')).toEqual({ from: '2026-01-01', to: '2026-11-30' });
    expect(presetPeriod('last-12-months', '2026-11-30')).toEqual({ from: '2025-12-01', to: '2026-11-30' });
    expect(presetPeriod('last-year', '2026-11-30')).toEqual({ from: '2025-01-01', to: '2025-12-31' });
  });

  it('starts the last twelve months of a 29 February on 1 March', () => {
    expect(presetPeriod('last-12-months', '2028-02-29')).toEqual({ from: '2027-03-01', to: '2028-02-29' });
    expect(presetPeriod('last-12-months', '2027-01-01')).toEqual({ from: '2026-01-02', to: '2027-01-01' });
  });

  it('recognises a preset period, and no preset in another', () => {
    expect(presetOf({ from: '2025-01-01', to: '2025-12-31' }, '2026-11-30')).toBe('last-year');
    expect(presetOf({ from: '2025-01-01', to: '2025-12-30' }, '2026-11-30')).toBeNull();
  });

  it('says what is wrong with a period typed by hand', () => {
    expect(periodProblem({ from: '2026-01-01', to: '2026-12-31' })).toBeNull();
    expect(periodProblem({ from: '2026-02-30', to: '2026-12-31' })).toBe('from-invalid');
    expect(periodProblem({ from: '2026-01-01', to: '' })).toBe('to-invalid');
    expect(periodProblem({ from: '2026-12-31', to: '2026-01-01' })).toBe('reversed');
    expect(periodProblem({ from: '2020-01-01', to: '2025-01-01' })).toBe('too-long');
    expect(periodProblem({ from: '2020-01-01', to: '2024-12-31' })).toBeNull();
  });

  it('reads a valid period from the address, and nothing else', () => {
    expect(periodFromQuery('?from=2025-01-01&to=2025-12-31')).toEqual({ from: '2025-01-01', to: '2025-12-31' });
    expect(periodFromQuery('?from=2025-12-31&to=2025-01-01')).toBeNull();
    expect(periodFromQuery('?from=2025-01-01')).toBeNull();
  });

  it('dates today in UTC', () => {
    expect(todayUtc(new Date('2026-12-31T23:30:00-05:00'))).toBe('2027-01-01');
  });
});
