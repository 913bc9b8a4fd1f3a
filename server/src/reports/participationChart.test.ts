import { describe, expect, it } from 'vitest';
import { participationChartSvg, type ChartInput } from './participationChart.ts';

const week = (weekStart: string, nws: number, nnws: number, observers: number) => ({
  weekStart,
  groups: { NWS: { comments: nws, edits: 0 }, NNWS: { comments: 0, edits: nnws } },
  observers,
});
const input = (timeline: ChartInput['timeline']): ChartInput => ({ timeline, groupIds: ['NWS', 'NNWS'], title: 'Participation', description: 'Per week', weekOf: 'Week of', observers: 'Observers', direction: 'ltr' });
const bars = (svg: string) => [...svg.matchAll(/<rect x="[^"]+" y="([^"]+)" width="[^"]+" height="([^"]+)" fill="(#[0-9a-f]{6})"><title>([^<]*)<\/title>/g)].map((match) => ({ y: Number(match[1]), height: Number(match[2]), fill: match[3], title: match[4] }));

describe('participationChartSvg', () => {
  it('scales bars to the largest value, the groups coloured and observers in grey', () => {
    const drawn = bars(participationChartSvg(input([week('2026-01-05', 2, 8, 4)])));
    expect(drawn.map((bar) => bar.title)).toEqual(['Week of 2026-01-05, NWS: 2', 'Week of 2026-01-05, NNWS: 8', 'Week of 2026-01-05, Observers: 4']);
    expect(drawn.map((bar) => bar.height)).toEqual([50, 200, 100]);
    expect(drawn[0]!.y + drawn[0]!.height).toBe(drawn[1]!.y + drawn[1]!.height);
    expect(new Set(drawn.map((bar) => bar.fill)).size).toBe(3);
    expect(drawn[2]!.fill).toBe('#8c8c8c');
  });

  it('draws nothing for a week without activity, and an axis up to 1 when nobody took part', () => {
    const svg = participationChartSvg(input([week('2026-01-05', 0, 0, 0)]));
    expect(bars(svg)).toEqual([]);
    expect(svg).toContain('text-anchor="end">1</text>');
  });

  it('escapes the labels', () => {
    const svg = participationChartSvg({ ...input([week('2026-01-05', 1, 0, 1)]), title: '</title><script>x</script>', observers: '"><g onload="x">' });
    expect(svg).not.toContain('<script>');
    expect(svg).not.toContain('<g onload');
    expect(svg).toContain('&lt;/title&gt;&lt;script&gt;x&lt;/script&gt;');
  });

  it('widens with the weeks and labels only some of them on a long period', () => {
    const timeline = Array.from({ length: 261 }, (_, index) => week(new Date(Date.UTC(2026, 0, 5 + 7 * index)).toISOString().slice(0, 10), 1, 1, 0));
    const svg = participationChartSvg(input(timeline));
    const width = Number(/ width="(\d+)"/.exec(svg)?.[1]);
    expect(width).toBeGreaterThan(261 * 20);
    const labels = svg.match(/<text x="[^"]+" y="262" text-anchor="middle">/g) ?? [];
    expect(labels.length).toBeGreaterThan(20);
    expect(labels.length).toBeLessThan(120);
  });
});
