import { listMarkers, type ExportLanguage, type ExportMode, type SnapshotBlock } from '@concord/shared';
import { exportLabels, positionsLine, writtenByLine } from '../exportLabels.ts';
import { escapeHtml } from './escapeHtml.ts';
import { renderRuns } from './htmlRuns.ts';
import { dirAttribute } from './textDirection.ts';

export interface BlockContext {
  mode: ExportMode;
  language: ExportLanguage;
}

// The committee's text carries its own direction: an English paragraph in an Arabic-labelled export reads left to right.
function renderHeading(block: SnapshotBlock): string {
  // h1 is the document title; the committee's heading levels 1-3 follow it.
  const level = Math.min(Math.max(block.level, 1), 3) + 1;
  return `<h${level}${dirAttribute(block.runs)}>${renderRuns(block.runs)}</h${level}>`;
}

function renderParagraph(block: SnapshotBlock): string {
  if (block.role === 'operative' && block.label.number !== '') {
    return `<p class="operative"${dirAttribute(block.runs)}><span class="number">${escapeHtml(block.label.number)} </span>${renderRuns(block.runs)}</p>`;
  }
  // Preambular paragraphs are not numbered in the text (their PP label is for reference only).
  return `<p class="${block.role === 'preambular' ? 'preambular' : 'text'}"${dirAttribute(block.runs)}>${renderRuns(block.runs)}</p>`;
}

function renderList(block: SnapshotBlock, language: ExportLanguage): string {
  const markers = listMarkers(block.items, exportLabels[language].subparagraph);
  const items = block.items.map(
    (item, index) => `<li class="depth-${item.depth}"${dirAttribute(item.runs)}><span class="marker">${escapeHtml(markers[index] ?? '')} </span>${renderRuns(item.runs)}</li>`,
  );
  return `<ul class="subparagraphs">\n${items.join('\n')}\n</ul>`;
}

function renderContent(block: SnapshotBlock, language: ExportLanguage): string {
  if (block.kind === 'heading') return renderHeading(block);
  if (block.kind === 'paragraph') return renderParagraph(block);
  return renderList(block, language);
}

/** "1. Alt 1", "PP 2", "" for unlabelled blocks. */
function compilationLabel(block: SnapshotBlock, language: ExportLanguage): string {
  const alternative = block.label.alternative > 0 ? exportLabels[language].alternative(block.label.alternative) : '';
  return [block.label.number, alternative].filter((part) => part !== '').join(' ');
}

function renderCompilationEntry(block: SnapshotBlock, language: ExportLanguage): string {
  const label = compilationLabel(block, language);
  const status = exportLabels[language].status[block.status];
  const tag = [
    label === '' ? '' : `<span class="label">${escapeHtml(label)}</span> `,
    `<span class="status status-${block.status}">${escapeHtml(status)}</span>`,
  ].join('');
  const positions = positionsLine(block.positions, language);
  const writtenBy = writtenByLine(block.attribution, language);
  const classes = ['entry', `entry-${block.status}`, ...(block.alternativeOf === null ? [] : ['alternative'])].join(' ');
  return [
    `<div class="${classes}">`,
    `<p class="tag">${tag}</p>`,
    renderContent(block, language),
    ...(positions === '' ? [] : [`<p class="note positions">${escapeHtml(positions)}</p>`]),
    ...(writtenBy === '' ? [] : [`<p class="note written-by">${escapeHtml(writtenBy)}</p>`]),
    '</div>',
  ].join('\n');
}

/**
 * One exported block as HTML. Agreed mode: the clean text. Compilation mode: the text under a tag line (label and
 * status), followed by the positions line and who wrote it, in small print.
 */
export function renderBlock(block: SnapshotBlock, context: BlockContext): string {
  return context.mode === 'compilation' ? renderCompilationEntry(block, context.language) : renderContent(block, context.language);
}
