import type { WeekActivity } from '@concord/shared';

/** One series of the chart: a committee group (its edits and comments) or the observers (their comments). */
export type Series = { kind: 'group'; groupId: string } | { kind: 'observers' };

export interface ChartBar {
  weekStart: string;
  seriesIndex: number;
  value: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface ChartTick {
  value: number;
  y: number;
}

/** A band of the chart: the groups' bars side by side per week, or the observers' apart. */
export interface ChartBand {
  top: number;
  height: number;
  max: number;
  ticks: ChartTick[];
  bars: ChartBar[];
}

export interface ChartLayout {
  width: number;
  plotStart: number;
  plotEnd: number;
  groups: ChartBand;
  observers: ChartBand;
  /** Where to write the month (its first day) under the axis: at the first week of a month, when there is room. */
  monthLabels: Array<{ month: string; x: number }>;
  height: number;
}

/** A week's activity for a series: a group's edits and comments together, the observers' comments. */
export function weekValue(week: WeekActivity, series: Series): number {
  if (series.kind === 'observers') return week.observers;
  const activity = week.groups[series.groupId];
  return activity === undefined ? 0 : activity.edits + activity.comments;
}

/** The smallest 1, 2 or 5 times a power of ten at or above `value` (at least 1): the top of an axis. */
export function niceMax(value: number): number {
  if (value <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 5, 10].map((step) => step * power).find((candidate) => candidate >= value) ?? 10 * power;
}

function band(timeline: readonly WeekActivity[], series: readonly Series[], top: number, height: number, plot: { start: number; slot: number }, offset: number): ChartBand {
  const max = niceMax(Math.max(0, ...timeline.flatMap((week) => series.map((one) => weekValue(week, one)))));
  const gap = Math.max(plot.slot * 0.2, 0.5);
  const barWidth = (plot.slot - gap) / series.length;
  const bars = timeline.flatMap((week, weekIndex) =>
    series.map((one, index) => {
      const value = weekValue(week, one);
      const barHeight = (value / max) * height;
      return { weekStart: week.weekStart, seriesIndex: offset + index, value, x: plot.start + weekIndex * plot.slot + gap / 2 + index * barWidth, y: top + height - barHeight, width: barWidth, height: barHeight };
    }),
  );
  const ticks = [0, max / 2, max].filter((value) => Number.isInteger(value)).map((value) => ({ value, y: top + height - (value / max) * height }));
  return { top, height, max, ticks, bars };
}

/**
 * Where every bar of the participation chart goes, in the SVG's own units: the groups' weekly bars side by side on
 * top, the observers' in a lower band of their own scale (they are never counted with a group).
 */
export function chartLayout(timeline: readonly WeekActivity[], groupIds: readonly string[], periodFrom: string, width = 960): ChartLayout {
  const plotStart = 44;
  const plotEnd = width - 8;
  const slot = timeline.length === 0 ? 0 : (plotEnd - plotStart) / timeline.length;
  const plot = { start: plotStart, slot };
  const groups = band(timeline, groupIds.map((groupId) => ({ kind: 'group', groupId })), 12, 160, plot, 0);
  const observers = band(timeline, [{ kind: 'observers' }], 212, 48, plot, groupIds.length);
  const monthLabels: ChartLayout['monthLabels'] = [];
  let lastX = -Infinity;
  // The first week may start before the period (a Monday in December for a year from 1 January): its days in the period count.
  const monthOf = (weekStart: string) => (weekStart < periodFrom ? periodFrom : weekStart).slice(0, 7);
  timeline.forEach((week, index) => {
    const previous = timeline[index - 1];
    const x = plotStart + index * slot;
    // A label where the month changes, and none closer than 48 units to the one before (long periods: fewer labels).
    if ((previous === undefined || monthOf(previous.weekStart) !== monthOf(week.weekStart)) && x - lastX >= 48) {
      monthLabels.push({ month: `${monthOf(week.weekStart)}-01`, x });
      lastX = x;
    }
  });
  return { width, plotStart, plotEnd, groups, observers, monthLabels, height: 286 };
}
