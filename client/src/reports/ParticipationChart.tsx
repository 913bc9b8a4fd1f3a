import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProgressReport } from '@concord/shared';
import { Button } from '../components/Button.tsx';
import { asLanguage } from '../i18n/language.ts';
import { chartLayout, weekValue, type ChartBand } from './timelineChart.ts';

const utcDay = (day: string) => new Date(`${day}T00:00:00Z`);

function Axis({ band, plotStart, plotEnd }: { band: ChartBand; plotStart: number; plotEnd: number }) {
  return (
    <g className="chart__axis">
      {band.ticks.map((tick) => (
        <g key={tick.value}>
          <line x1={plotStart} x2={plotEnd} y1={tick.y} y2={tick.y} className={tick.value === 0 ? 'chart__baseline' : 'chart__gridline'} />
          <text x={plotStart - 6} y={tick.y + 4} textAnchor="end" className="chart__tick">
            {tick.value}
          </text>
        </g>
      ))}
    </g>
  );
}

/**
 * Participation over time: per week, each group's edits and comments as bars side by side (NWS, NNWS), and the
 * observers' comments in a band of their own below. An image with a summary in words for screen readers, and the
 * same numbers as a table on request.
 */
export function ParticipationChart({ report }: { report: ProgressReport }) {
  const { t, i18n } = useTranslation('reports');
  const language = asLanguage(i18n.language);
  const [showTable, setShowTable] = useState(false);
  const tableId = useId();
  const titleId = useId();
  const groupIds = report.participation.groups.map((group) => group.groupId);
  const layout = chartLayout(report.timeline, groupIds, report.period.from);
  const dayFormat = new Intl.DateTimeFormat(language, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  const monthFormat = new Intl.DateTimeFormat(language, { month: 'short', timeZone: 'UTC' });
  const yearFormat = new Intl.DateTimeFormat(language, { month: 'short', year: 'numeric', timeZone: 'UTC' });

  const series = [...groupIds.map((groupId) => ({ kind: 'group' as const, groupId })), { kind: 'observers' as const }];
  const totals = series.map((one) => report.timeline.reduce((sum, week) => sum + weekValue(week, one), 0));
  const busiest = report.timeline.reduce<{ weekStart: string; total: number } | null>((best, week) => {
    const total = groupIds.reduce((sum, groupId) => sum + weekValue(week, { kind: 'group', groupId }), 0);
    return total > 0 && (best === null || total > best.total) ? { weekStart: week.weekStart, total } : best;
  }, null);
  const summary = [
    t('chart.summary', { from: dayFormat.format(utcDay(report.period.from)), to: dayFormat.format(utcDay(report.period.to)) }),
    groupIds.map((groupId, index) => t('chart.groupTotal', { group: groupId, count: totals[index] ?? 0 })).join(', '),
    t('chart.observerTotal', { count: totals[groupIds.length] ?? 0 }),
    busiest === null ? t('chart.noActivity') : t('chart.busiest', { week: dayFormat.format(utcDay(busiest.weekStart)), count: busiest.total }),
  ].join(' ');
  const seriesName = (index: number) => (index < groupIds.length ? groupIds[index] : t('chart.observers'));

  return (
    <figure className="participation-chart" data-testid="participation-chart">
      <figcaption id={titleId} className="participation-chart__caption">
        {t('chart.caption')}
      </figcaption>
      <ul className="participation-chart__legend">
        {series.map((_, index) => (
          <li key={index}>
            <span className={`chart__swatch chart__series--${index < groupIds.length ? index : 'observers'}`} aria-hidden="true" />
            {index < groupIds.length ? t('chart.legendGroup', { group: groupIds[index] }) : t('chart.legendObservers')}
          </li>
        ))}
      </ul>
      <svg className="participation-chart__svg" viewBox={`0 0 ${layout.width} ${layout.height}`} role="img" aria-labelledby={titleId} aria-describedby={`${titleId}-summary`}>
        <desc id={`${titleId}-summary`}>{summary}</desc>
        <Axis band={layout.groups} plotStart={layout.plotStart} plotEnd={layout.plotEnd} />
        <Axis band={layout.observers} plotStart={layout.plotStart} plotEnd={layout.plotEnd} />
        <text x={layout.plotStart} y={layout.observers.top - 8} className="chart__band-label">
          {t('chart.observersBand')}
        </text>
        {[...layout.groups.bars, ...layout.observers.bars]
          .filter((bar) => bar.value > 0)
          .map((bar) => (
            <rect key={`${bar.weekStart}-${bar.seriesIndex}`} x={bar.x} y={bar.y} width={bar.width} height={bar.height} className={`chart__series--${bar.seriesIndex < groupIds.length ? bar.seriesIndex : 'observers'}`}>
              <title>{t('chart.barTitle', { series: seriesName(bar.seriesIndex), week: dayFormat.format(utcDay(bar.weekStart)), count: bar.value })}</title>
            </rect>
          ))}
        {layout.monthLabels.map((label, index) => {
          const date = utcDay(label.month);
          return (
            <text key={label.month} x={label.x} y={layout.height - 6} className="chart__month">
              {index === 0 || date.getUTCMonth() === 0 ? yearFormat.format(date) : monthFormat.format(date)}
            </text>
          );
        })}
      </svg>
      {busiest === null && <p className="participation-chart__empty">{t('chart.noActivity')}</p>}
      <p className="participation-chart__note">{t('chart.note')}</p>
      <Button variant="quiet" aria-expanded={showTable} aria-controls={showTable ? tableId : undefined} onClick={() => setShowTable(!showTable)} data-testid="chart-table-toggle">
        {showTable ? t('chart.hideTable') : t('chart.showTable')}
      </Button>
      {showTable && (
        // Scrolls on its own: focusable, so that keyboard users can scroll it too.
        <div className="table-scroll participation-chart__table" id={tableId} tabIndex={0} role="region" aria-label={t('chart.tableCaption')}>
          <table className="table">
            <caption className="visually-hidden">{t('chart.tableCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('chart.weekOf')}</th>
                {series.map((_, index) => (
                  <th key={index} scope="col">
                    {index < groupIds.length ? t('chart.legendGroup', { group: groupIds[index] }) : t('chart.legendObservers')}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {report.timeline.map((week) => (
                <tr key={week.weekStart}>
                  <th scope="row">{dayFormat.format(utcDay(week.weekStart))}</th>
                  {series.map((one, index) => (
                    <td key={index}>{weekValue(week, one)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </figure>
  );
}
