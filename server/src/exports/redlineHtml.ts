import { comparisonKinds, type Comparison, type ExportLanguage } from '@concord/shared';
import { exportLabels } from './exportLabels.ts';
import { escapeHtml } from './html/escapeHtml.ts';
import { dirAttribute } from './html/textDirection.ts';
import { entryNameHtml, renderEntry, statusHtml } from './redline/redlineEntries.ts';
import { redlineLabels } from './redline/redlineLabels.ts';
import { redlineStyle } from './redline/redlineStyle.ts';
import { statusArrow } from './redline/redlineTag.ts';

/** What the redline says about the two versions it compares. */
export interface RedlineContext {
  /** The document's title. */
  title: string;
  /** How each version is named to the reader, e.g. "Snapshot 2: After the second reading", "Live text (draft)". */
  before: { label: string };
  after: { label: string };
  /** When the comparison was made (ISO); the document shows its day. */
  date: string;
  language: ExportLanguage;
  /** The document symbol, when there is one (top right, as on every export). */
  symbol?: string;
}

function masthead(context: RedlineContext): string {
  const day = context.date.slice(0, 10);
  return [
    '<header class="masthead">',
    `<div class="masthead-start"><p class="session">${escapeHtml(redlineLabels[context.language].comparison)}</p></div>`,
    '<div class="masthead-end">',
    context.symbol === undefined ? '' : `<p class="symbol" dir="ltr">${escapeHtml(context.symbol)}</p>`,
    `<p class="date"><time datetime="${escapeHtml(day)}">${escapeHtml(day)}</time></p>`,
    '</div>',
    '</header>',
  ].join('\n');
}

/** Which versions are compared: the earlier one's words are what is struck through, the later one's what is underlined. */
function versions(context: RedlineContext): string {
  const words = redlineLabels[context.language];
  return [
    '<dl class="versions">',
    `<dt>${escapeHtml(words.earlier)}</dt>`,
    `<dd${dirAttribute(context.before.label)}>${escapeHtml(context.before.label)}</dd>`,
    `<dt>${escapeHtml(words.later)}</dt>`,
    `<dd${dirAttribute(context.after.label)}>${escapeHtml(context.after.label)}</dd>`,
    '</dl>',
  ].join('\n');
}

/** How many paragraphs fared how, and every status change ("1.  Draft → Agreed"). */
function summary(comparison: Comparison, language: ExportLanguage): string {
  const words = redlineLabels[language];
  const { counts, statusChanges } = comparison.summary;
  const identical = comparisonKinds.every((kind) => kind === 'unchanged' || counts[kind] === 0);
  const rows = comparisonKinds.map((kind) => `<tr${counts[kind] === 0 ? ' class="none"' : ''}><th scope="row">${escapeHtml(words.kind[kind])}</th> <td>${counts[kind]}</td></tr>`);
  const changes = statusChanges.map((change) => {
    const entry = comparison.entries[change.entry];
    const name = entry === undefined ? '' : entryNameHtml(entry, change.label, language);
    return `<li>${name} ${statusHtml([change.from], language)} ${statusArrow(language)} ${statusHtml([change.to], language)}</li>`;
  });
  return [
    '<section class="summary" aria-labelledby="summary-heading">',
    `<h2 id="summary-heading">${escapeHtml(words.summary)}</h2>`,
    identical ? `<p class="identical">${escapeHtml(words.identical)}</p>` : '',
    `<table class="counts"><tbody>\n${rows.join('\n')}\n</tbody></table>`,
    changes.length === 0 ? '' : `<h2>${escapeHtml(words.statusChanges)}</h2>\n<ul class="status-changes">\n${changes.join('\n')}\n</ul>`,
    '</section>',
  ]
    .filter((line) => line !== '')
    .join('\n');
}

/** The signs the redline uses, each shown as it appears in the text. */
function legend(language: ExportLanguage): string {
  const words = redlineLabels[language];
  const margin = (['added', 'removed', 'moved', 'split', 'merged'] as const).map((kind) => words.kind[kind]).join(' · ');
  return [
    '<section class="legend" aria-labelledby="legend-heading">',
    `<h2 id="legend-heading">${escapeHtml(words.legend)}</h2>`,
    '<ul>',
    `<li><del>${escapeHtml(words.deleted)}</del></li>`,
    `<li><ins>${escapeHtml(words.inserted)}</ins></li>`,
    `<li><span class="bracketed"><span class="bracket">[</span>${escapeHtml(words.bracketed)}<span class="bracket">]</span></span></li>`,
    `<li><ins class="pilcrow">¶</ins> ${escapeHtml(words.paragraphBreak)}</li>`,
    `<li><span class="bar-sample"></span>${escapeHtml(words.changeBar)}</li>`,
    `<li>${escapeHtml(words.marginNotes)} <span class="margin-sample">${escapeHtml(margin)}</span></li>`,
    '</ul>',
    '</section>',
  ].join('\n');
}

/**
 * A comparison as one standalone HTML5 document in the HTML export's look: which versions are compared, a summary
 * and a legend, then every paragraph of the later version (deleted ones where they stood) with deletions struck
 * through in red and insertions underlined in blue, status changes, and what happened to it in the margin. Every
 * piece of text from the documents is escaped: none of it can become markup. Deterministic.
 */
export function renderRedlineHtml(comparison: Comparison, context: RedlineContext): string {
  const direction = exportLabels[context.language].direction;
  const words = redlineLabels[context.language];
  return [
    '<!DOCTYPE html>',
    `<html lang="${escapeHtml(context.language)}" dir="${direction}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(`${context.title} — ${words.comparison}`)}</title>`,
    `<style>${redlineStyle(context.symbol ?? '', direction)}</style>`,
    '</head>',
    '<body class="redline">',
    masthead(context),
    `<h1${dirAttribute(context.title)}>${escapeHtml(context.title)}</h1>`,
    versions(context),
    '<div class="overview">',
    summary(comparison, context.language),
    legend(context.language),
    '</div>',
    '<main>',
    ...comparison.entries.map((entry) => renderEntry(entry, context.language)),
    '</main>',
    '</body>',
    '</html>',
    '',
  ]
    .filter((line) => line !== '')
    .join('\n')
    .concat('\n');
}
