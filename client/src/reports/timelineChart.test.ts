import { describe, expect, it } from 'vitest';
import type { WeekActivity } from '@concord/shared';
import { chartLayout, niceMax, weekValue } from './timelineChart.ts';

const week = (weekStart: string, nws: [number, number], nnws: [number, number], observers = 0): WeekActivity => ({
  weekStart,
  groups: { NWS: { edits: nws[0], comments: nws[1] }, NNWS: { edits: nnws[0], comments: nnws[1] } },
  observers,
});

describe('the participation chart', () => {
  it('counts a group’s edits and comments, and observers apart', () => {
    const one = week('2026-03-02', [2, 1], [0, 4], 3);
    expect(weekValue(one, { kind: 'group', groupId: 'NWS' })).toBe(3);
    expect(weekValue(one, { kind: 'group', groupId: 'NNWS' })).toBe(4);
    expect(weekValue(one, { kind: 'group', groupId: 'OTHER' })).toBe(0);
    expect(weekValue(one, { kind: 'observers' })).toBe(3);
  });

  it('rounds the top of an axis up to 1, 2 or 5 times a power of ten', () => {
    expect([0, 1, 3, 7, 10, 11, 48, 120].map(niceMax)).toEqual([1, 1, 5, 10, 10, 20, 50, 200]);
  });

  it('draws bars in proportion, the groups side by side, observers in their own band and scale', () => {
    const timeline = [week('2026-02-23', [5, 0], [10, 0], 1), week('2026-03-02', [0, 0], [2, 3], 2)];
    const layout = chartLayout(timeline, ['NWS', 'NNWS'], '2026-02-23', 400);
    const [nws1, nnws1, nws2, nnws2] = layout.groups.bars;
    expect(layout.groups.max).toBe(10);
    expect(nnws1!.height).toBeCloseTo(layout.groups.height);
    expect(nws1!.height).toBeCloseTo(layout.groups.height / 2);
    expect(nws2!.height).toBe(0);
    expect(nnws2!.height).toBeCloseTo(layout.groups.height / 2);
    // Side by side within a week, weeks left to right, every bar standing on the axis.
    expect(nws1!.x + nws1!.width).toBeCloseTo(nnws1!.x);
    expect(nws2!.x).toBeGreaterThan(nnws1!.x);
    for (const bar of layout.groups.bars) expect(bar.y + bar.height).toBeCloseTo(layout.groups.top + layout.groups.height);
    expect(layout.observers.max).toBe(2);
    expect(layout.observers.bars.map((bar) => bar.seriesIndex)).toEqual([2, 2]);
    expect(layout.observers.top).toBeGreaterThan(layout.groups.top + layout.groups.height);
    expect(layout.monthLabels.map((label) => label.month)).toEqual(['2026-02-01', '2026-03-01']);
  });

  it('names the first week by the period’s first month, not by the Monday before it', () => {
    const layout = chartLayout([week('2025-12-29', [0, 0], [0, 0]), week('2026-01-05', [0, 0], [0, 0]), week('2026-02-02', [0, 0], [0, 0])], ['NWS', 'NNWS'], '2026-01-01', 960);
    expect(layout.monthLabels.map((label) => label.month)).toEqual(['2026-01-01', '2026-02-01']);
  });

  it('labels fewer months when weeks are narrow, and draws nothing for an empty timeline', () => {
    const timeline = Array.from({ length: 104 }, (_, index) => week(new Date(Date.UTC(2025, 0, 6 + 7 * index)).toISOString().slice(0, 10), [0, 0], [0, 0]));
    const layout = chartLayout(timeline, ['NWS', 'NNWS'], '2025-01-06', 600);
    const gaps = layout.monthLabels.slice(1).map((label, index) => label.x - layout.monthLabels[index]!.x);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(48);
    expect(layout.groups.max).toBe(1);
    expect(chartLayout([], ['NWS', 'NNWS'], '2026-01-01').groups.bars).toEqual([]);
  });
});
