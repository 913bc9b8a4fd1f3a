import type { WeekActivity } from '@concord/shared';
import { escapeHtml } from '../exports/html/escapeHtml.ts';
import { dayIn } from './reportLabels.ts';

/** What the chart draws: one bar per group (comments + edits) and one for observers (comments), week by week. */
export interface ChartInput {
  timeline: readonly WeekActivity[];
  /** The committee's groups, in its order. */
  groupIds: readonly string[];
  title: string;
  description: string;
  weekOf: string;
  observers: string;
  /** The labels' direction: days in right-to-left tooltips keep their digits in order. */
  direction: 'ltr' | 'rtl';
}

const palette = ['#1f4e79', '#c55a11', '#2e7d32', '#6a1b9a', '#00838f', '#ad1457'];
const observerColour = '#8c8c8c';
const maxBarWidth = 16;
const minBarWidth = 6;
/** A short period still gets a chart wide enough to read; a long one grows (the page scrolls it). */
const minPlotWidth = 640;
const plotHeight = 200;
const margin = { top: 44, right: 16, bottom: 40, left: 44 };

/** A step of 1, 2 or 5 times a power of ten that divides `max` into at most about four intervals. */
function tickStep(max: number): number {
  const rough = Math.max(max / 4, 1);
  const power = 10 ** Math.floor(Math.log10(rough));
  return [1, 2, 5, 10].map((factor) => factor * power).find((step) => step >= rough) ?? 10 * power;
}

/** Rounded to tenths of a pixel so that the markup is short and the same numbers always print the same. */
const px = (value: number) => String(Math.round(value * 10) / 10);

/**
 * An inline SVG bar chart of participation per week: a bar per group and one for observers, the groups coloured,
 * observers in grey, apart. Every text is escaped; the numbers are the only thing not from the labels.
 */
export function participationChartSvg(input: ChartInput): string {
  const series = [
    ...input.groupIds.map((groupId, index) => ({
      name: groupId,
      colour: palette[index % palette.length] ?? observerColour,
      value: (week: WeekActivity) => (week.groups[groupId]?.comments ?? 0) + (week.groups[groupId]?.edits ?? 0),
    })),
    { name: input.observers, colour: observerColour, value: (week: WeekActivity) => week.observers },
  ];
  const weeks = Math.max(input.timeline.length, 1);
  const weekWidth = Math.max(series.length * minBarWidth + 8, minPlotWidth / weeks);
  const barWidth = Math.min(maxBarWidth, (weekWidth * 0.7) / series.length);
  const width = Math.ceil(margin.left + weeks * weekWidth + margin.right);
  const height = margin.top + plotHeight + margin.bottom;
  const largest = Math.max(1, ...input.timeline.flatMap((week) => series.map((line) => line.value(week))));
  const step = tickStep(largest);
  const top = Math.ceil(largest / step) * step;
  const y = (value: number) => margin.top + plotHeight - (value / top) * plotHeight;
  const labelEvery = Math.max(1, Math.ceil(input.timeline.length / Math.max(1, Math.floor((width - margin.left) / 90))));

  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="participation-chart" role="img" aria-labelledby="chart-title chart-description" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" direction="ltr" font-family="Arial, sans-serif" font-size="11">`,
    `<title id="chart-title">${escapeHtml(input.title)}</title>`,
    `<desc id="chart-description">${escapeHtml(input.description)}</desc>`,
  ];
  let legendX = margin.left;
  for (const line of series) {
    parts.push(`<rect x="${legendX}" y="12" width="12" height="12" fill="${line.colour}"/>`);
    parts.push(`<text x="${legendX + 16}" y="22">${escapeHtml(line.name)}</text>`);
    legendX += 16 + Math.max(40, line.name.length * 7) + 16;
  }
  for (let tick = 0; tick <= top; tick += step) {
    parts.push(`<line x1="${margin.left}" x2="${width - margin.right}" y1="${px(y(tick))}" y2="${px(y(tick))}" stroke="#d9d9d9"/>`);
    parts.push(`<text x="${margin.left - 6}" y="${px(y(tick) + 4)}" text-anchor="end">${tick}</text>`);
  }
  input.timeline.forEach((week, weekIndex) => {
    const left = margin.left + weekIndex * weekWidth + (weekWidth - series.length * barWidth) / 2;
    series.forEach((line, lineIndex) => {
      const value = line.value(week);
      if (value === 0) return;
      const label = `${input.weekOf} ${dayIn(week.weekStart, input)}, ${line.name}: ${value}`;
      parts.push(
        `<rect x="${px(left + lineIndex * barWidth)}" y="${px(y(value))}" width="${px(barWidth - 1)}" height="${px(margin.top + plotHeight - y(value))}" fill="${line.colour}"><title>${escapeHtml(label)}</title></rect>`,
      );
    });
    if (weekIndex % labelEvery === 0) {
      const middle = px(margin.left + (weekIndex + 0.5) * weekWidth);
      parts.push(`<line x1="${middle}" x2="${middle}" y1="${margin.top + plotHeight}" y2="${margin.top + plotHeight + 4}" stroke="#595959"/>`);
      parts.push(`<text x="${middle}" y="${margin.top + plotHeight + 18}" text-anchor="middle">${escapeHtml(week.weekStart)}</text>`);
    }
  });
  parts.push(`<line x1="${margin.left}" x2="${width - margin.right}" y1="${margin.top + plotHeight}" y2="${margin.top + plotHeight}" stroke="#595959"/>`);
  parts.push('</svg>');
  return parts.join('\n');
}
