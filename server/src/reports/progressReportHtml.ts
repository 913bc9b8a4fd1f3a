import { nsaCommittee, type Committee, type ExportLanguage } from '@concord/shared';
import type { ProgressReport } from '@concord/shared';
import { escapeHtml } from '../exports/html/escapeHtml.ts';
import { dirAttribute } from '../exports/html/textDirection.ts';
import { participationChartSvg } from './participationChart.ts';
import { countedInWords, dayIn, groupName, reportLabels, type ReportLabels } from './reportLabels.ts';

const style = `
body { font-family: "Times New Roman", Times, serif; font-size: 12pt; line-height: 1.4; color: #000; margin: 2.5cm auto; max-width: 60rem; padding: 0 1rem; }
h1 { font-size: 16pt; text-align: center; margin-bottom: 0.5rem; }
h2 { font-size: 13pt; margin-top: 2rem; }
.period, .generated { text-align: center; margin: 0.25rem 0; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0; }
th, td { border: 1px solid #808080; padding: 0.25rem 0.5rem; text-align: start; vertical-align: top; }
th { background: #f2f2f2; }
td.number, th.number { text-align: end; font-variant-numeric: tabular-nums; }
.note, .counted-in { font-size: 10pt; color: #404040; }
.chart-scroll { overflow-x: auto; }
dl { display: grid; grid-template-columns: max-content auto; gap: 0.25rem 1rem; }
dd { margin: 0; }
@media print { .chart-scroll svg { width: 100%; height: auto; } details { display: none; } }
`.trim();

const cell = (text: string | number, number = false) => (typeof text === 'number' || number ? `<td class="number">${escapeHtml(String(text))}</td>` : `<td${dirAttribute(text)}>${escapeHtml(text)}</td>`);
const heading = (text: string, number = false) => `<th scope="col"${number ? ' class="number"' : ''}>${escapeHtml(text)}</th>`;
const definition = (term: string, value: string | number) => `<dt>${escapeHtml(term)}</dt><dd>${escapeHtml(String(value))}</dd>`;

function documentsSection(report: ProgressReport, words: ReportLabels): string {
  const rows = report.documents.map((document) =>
    [
      '<tr>',
      cell(words.phases[document.kind]),
      document.countedIn === null
        ? cell(document.title)
        : `<td><span${dirAttribute(document.title)}>${escapeHtml(document.title)}</span><br><span class="counted-in">${escapeHtml(countedInWords(document.countedIn, words))}</span></td>`,
      cell(document.session),
      cell(`${document.agreed} / ${document.paragraphs}`, true),
      cell(document.agreedAdRef),
      cell(document.draft),
      cell(document.snapshots),
      '</tr>',
    ].join(''),
  );
  const table = [
    '<table>',
    `<thead><tr>${[words.phase, words.documentTitle, words.session].map((text) => heading(text)).join('')}${[words.agreedOfTotal, words.agreedAdRef, words.draft, words.snapshots].map((text) => heading(text, true)).join('')}</tr></thead>`,
    `<tbody>${rows.join('\n')}</tbody>`,
    '</table>',
  ].join('\n');
  return [
    '<section aria-labelledby="documents">',
    `<h2 id="documents">${escapeHtml(words.documentsHeading)}</h2>`,
    report.documents.length === 0 ? `<p>${escapeHtml(words.noDocuments)}</p>` : table,
    `<p class="note">${escapeHtml(words.documentsNote)}</p>`,
    '</section>',
  ].join('\n');
}

function threadsSection(report: ProgressReport, words: ReportLabels): string {
  const { opened, resolved, resolvedWithOverride, openAtEnd } = report.threads;
  return [
    '<section aria-labelledby="threads">',
    `<h2 id="threads">${escapeHtml(words.threadsHeading)}</h2>`,
    `<dl>${definition(words.opened, opened)}${definition(words.resolved, resolved)}${definition(words.resolvedWithOverride, resolvedWithOverride)}${definition(words.openAtEnd, openAtEnd)}</dl>`,
    '</section>',
  ].join('\n');
}

function participationSection(report: ProgressReport, words: ReportLabels, language: ExportLanguage, committee: Committee): string {
  const { groups, presiding } = report.participation;
  const rows = groups.map((group) => {
    const active = group.activeDelegations.length === 0 ? '0' : `${group.activeDelegations.length}: ${group.activeDelegations.join(', ')}`;
    return `<tr><th scope="row">${escapeHtml(`${groupName(group.groupId, language, committee)} (${group.groupId})`)}</th>${cell(active)}${cell(group.edits)}${cell(group.comments)}</tr>`;
  });
  rows.push(`<tr><th scope="row">${escapeHtml(words.presiding)}</th>${cell('—')}${cell(presiding.edits)}${cell(presiding.comments)}</tr>`);
  return [
    '<section aria-labelledby="participation">',
    `<h2 id="participation">${escapeHtml(words.participationHeading)}</h2>`,
    '<table>',
    `<thead><tr>${heading(words.group)}${heading(words.activeDelegations)}${heading(words.edits, true)}${heading(words.comments, true)}</tr></thead>`,
    `<tbody>${rows.join('\n')}</tbody>`,
    '</table>',
    `<p class="note">${escapeHtml(words.editsNote)}</p>`,
    '</section>',
  ].join('\n');
}

function observersSection(report: ProgressReport, words: ReportLabels): string {
  const { organisations, comments } = report.participation.observers;
  return [
    '<section aria-labelledby="observers">',
    `<h2 id="observers">${escapeHtml(words.observersHeading)}</h2>`,
    `<dl>${definition(words.organisations, organisations.length === 0 ? words.none : organisations.join(', '))}${definition(words.observerComments, comments)}</dl>`,
    '</section>',
  ].join('\n');
}

function chartSection(report: ProgressReport, words: ReportLabels): string {
  const groupIds = report.participation.groups.map((group) => group.groupId);
  const svg = participationChartSvg({ timeline: report.timeline, groupIds, title: words.chartHeading, description: words.chartDescription, weekOf: words.weekOf, observers: words.observersSeries, direction: words.direction });
  const columns = groupIds.flatMap((groupId) => [heading(`${groupId}: ${words.comments}`, true), heading(`${groupId}: ${words.edits}`, true)]);
  const rows = report.timeline.map(
    (week) => `<tr><th scope="row">${escapeHtml(week.weekStart)}</th>${groupIds.map((groupId) => cell(week.groups[groupId]?.comments ?? 0) + cell(week.groups[groupId]?.edits ?? 0)).join('')}${cell(week.observers)}</tr>`,
  );
  return [
    '<section aria-labelledby="chart">',
    `<h2 id="chart">${escapeHtml(words.chartHeading)}</h2>`,
    '<figure>',
    `<div class="chart-scroll">${svg}</div>`,
    `<figcaption class="note">${escapeHtml(words.chartDescription)}</figcaption>`,
    '</figure>',
    `<details><summary>${escapeHtml(words.chartTable)}</summary>`,
    '<table>',
    `<thead><tr>${heading(words.weekOf)}${columns.join('')}${heading(words.observersSeries, true)}</tr></thead>`,
    `<tbody>${rows.join('\n')}</tbody>`,
    '</table>',
    '</details>',
    '</section>',
  ].join('\n');
}

/**
 * The progress report as one standalone HTML5 document in `language`: the period, the documents and their phases,
 * the threads, participation by group and by observers, and an inline SVG chart of participation per week (with
 * its numbers in a table for screen readers). Everything from the records (titles, sessions, codes) is escaped.
 */
export function renderProgressReportHtml(report: ProgressReport, language: ExportLanguage, committee: Committee = nsaCommittee): string {
  const words = reportLabels[language];
  const day = report.generatedAt.slice(0, 10);
  return [
    '<!DOCTYPE html>',
    `<html lang="${escapeHtml(language)}" dir="${words.direction}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(`${words.title} (${report.period.from} – ${report.period.to})`)}</title>`,
    `<style>${style}</style>`,
    '</head>',
    '<body>',
    '<header>',
    `<h1>${escapeHtml(words.title)}</h1>`,
    `<p class="period">${escapeHtml(words.period(dayIn(report.period.from, words), dayIn(report.period.to, words)))}</p>`,
    `<p class="generated">${escapeHtml(words.generatedAt)} <time datetime="${escapeHtml(report.generatedAt)}" dir="ltr">${escapeHtml(day)}</time></p>`,
    '</header>',
    '<main>',
    documentsSection(report, words),
    threadsSection(report, words),
    participationSection(report, words, language, committee),
    observersSection(report, words),
    chartSection(report, words),
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
