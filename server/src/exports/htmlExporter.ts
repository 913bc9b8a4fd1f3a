import { exportedBlocks } from './exportedBlocks.ts';
import { exportLabels } from './exportLabels.ts';
import type { ExportSource, Exporter } from './ExportSource.ts';
import { escapeHtml } from './html/escapeHtml.ts';
import { renderBlock } from './html/htmlBlocks.ts';
import { documentStyle } from './html/htmlStyle.ts';
import { dirAttribute } from './html/textDirection.ts';

function masthead(source: ExportSource): string {
  const day = source.date.slice(0, 10);
  return [
    '<header class="masthead">',
    `<div class="masthead-start"><p class="session"${dirAttribute(source.content.session)}>${escapeHtml(source.content.session)}</p></div>`,
    '<div class="masthead-end">',
    `<p class="symbol" dir="ltr">${escapeHtml(source.symbol)}</p>`,
    `<p class="date"><time datetime="${escapeHtml(day)}">${escapeHtml(day)}</time></p>`,
    '</div>',
    '</header>',
  ].join('\n');
}

/** The snapshot's name and fingerprint, or the unmistakable draft banner of a live document. */
function provenance(source: ExportSource): string {
  const words = exportLabels[source.language];
  if (source.snapshot === null) return `<p class="draft-banner" role="note">${escapeHtml(words.draft)}</p>`;
  const { number, name, sha256 } = source.snapshot;
  return [
    '<div class="snapshot">',
    `<p>${escapeHtml(words.snapshot(number, name))}</p>`,
    `<p class="verification">${escapeHtml(`${words.verification}${exportLabels[source.language].colon}`)}<span class="digest" dir="ltr">${escapeHtml(sha256)}</span></p>`,
    '</div>',
  ].join('\n');
}

/**
 * The export as one standalone HTML5 document, styled like a UN document (symbol top right, date, session, title,
 * preambular and operative paragraphs), printable on A4. The PDF export prints exactly this. Every piece of text
 * from the document is escaped: none of it can become markup.
 */
export function renderHtmlDocument(source: ExportSource): string {
  const words = exportLabels[source.language];
  const { content } = source;
  const blocks = exportedBlocks(content, source.mode).map((block) => renderBlock(block, { mode: source.mode, language: source.language }));
  const style = documentStyle({ symbol: source.symbol, draft: source.snapshot === null ? words.draft : null, direction: words.direction });
  const title = source.snapshot === null ? `${words.draft} — ${content.title}` : content.title;
  return [
    '<!DOCTYPE html>',
    `<html lang="${escapeHtml(source.language)}" dir="${words.direction}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(`${source.symbol} ${title}`)}</title>`,
    `<style>${style}</style>`,
    '</head>',
    `<body class="mode-${source.mode}">`,
    masthead(source),
    source.snapshot === null ? provenance(source) : '',
    `<h1${dirAttribute(content.title)}>${escapeHtml(content.title)}</h1>`,
    `<p class="mode">${escapeHtml(source.mode === 'agreed' ? words.agreedText : words.compilation)}</p>`,
    source.snapshot === null ? '' : provenance(source),
    '<main>',
    ...blocks,
    '</main>',
    '</body>',
    '</html>',
    '',
  ]
    .filter((line) => line !== '')
    .join('\n')
    .concat('\n');
}

/** The HTML export: a complete document, UTF-8. */
export const htmlExporter: Exporter = {
  format: 'html',
  mediaType: 'text/html; charset=utf-8',
  extension: 'html',
  render: async (source) => new TextEncoder().encode(renderHtmlDocument(source)),
};
