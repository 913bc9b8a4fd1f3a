import type { BlockStatus, ComparedBlock, ComparisonEntry, ExportLanguage, RedlineWord } from '@concord/shared';
import { entryPieces, statusArrow, type Label, type TagParts } from './redlineTag.ts';
import { exportLabels } from '../exportLabels.ts';
import { escapeHtml } from '../html/escapeHtml.ts';
import { dirAttribute, textDirection } from '../html/textDirection.ts';
import { redlineLabels } from './redlineLabels.ts';
import { plainText, renderList, renderWords } from './redlineWords.ts';

/** Status badges, as the compilation export shows them. */
export function statusHtml(statuses: readonly BlockStatus[], language: ExportLanguage): string {
  return statuses.map((status) => `<span class="status status-${status}">${escapeHtml(exportLabels[language].status[status])}</span>`).join(' ');
}

/**
 * Paragraph labels, each kept in one piece: the number ("2.", "PP 1") reads left to right even in an Arabic
 * document (where the bidi algorithm would otherwise move the full stop of "2." to the other side), and the
 * alternative's words ("البديل 1") follow it in the language's own direction.
 */
export function labelSpan(labels: readonly Label[], className: string, language: ExportLanguage): string {
  const one = (label: Label) =>
    `<bdi dir="ltr">${escapeHtml(label.number)}</bdi>${label.alternative > 0 ? ` ${escapeHtml(exportLabels[language].alternative(label.alternative))}` : ''}`;
  return `<span class="${className}">${labels.map(one).join(', ')}</span>`;
}

/** The tag line: label, former label when renumbered, and status ("Draft → Agreed" when it changed). */
function tagHtml({ labels, former, from, to }: TagParts, language: ExportLanguage): string {
  const formerHtml = former === null ? '' : ` <span class="formerly">(${escapeHtml(redlineLabels[language].formerly)} ${labelSpan(former, 'former', language)})</span>`;
  const status =
    from === null
      ? statusHtml(to, language)
      : `<span class="status-change">${statusHtml(from, language)} <span class="arrow">${statusArrow(language)}</span> ${statusHtml(to, language)}</span>`;
  const labelHtml = labels.length === 0 ? '' : labelSpan(labels, 'label', language);
  return `<p class="tag">${labelHtml}${formerHtml}${labelHtml === '' && formerHtml === '' ? '' : ' '}${status}</p>`;
}

/** A block's text: headings stay headings (h3 under the summary's h2), lists get their item markers, the rest are paragraphs. */
function contentHtml(words: readonly RedlineWord[], after: ComparedBlock | undefined, before: ComparedBlock | undefined, language: ExportLanguage): string {
  const block = after ?? before;
  if (block?.kind === 'bulletList' || block?.kind === 'orderedList') return renderList(words, before, after, language);
  const direction = textDirection(plainText(words));
  const dir = direction === null ? '' : ` dir="${direction}"`;
  if (block?.kind === 'heading') return `<h3 class="text heading"${dir}>${renderWords(words, language)}</h3>`;
  return `<p class="text"${dir}>${renderWords(words, language)}</p>`;
}

/** Tag and text of each paragraph of the entry: a split shows every paragraph it became, with its own label and status. */
function pieces(entry: ComparisonEntry, language: ExportLanguage): string[] {
  return entryPieces(entry, language).flatMap((piece) => [tagHtml(piece.tag, language), contentHtml(piece.words, piece.after, piece.before, language)]);
}

/**
 * One entry of the redline: what happened to the paragraph in the margin (nothing when unchanged), then its label
 * and status and its text with deletions struck through and insertions underlined. A bar beside it marks a change.
 */
export function renderEntry(entry: ComparisonEntry, language: ExportLanguage): string {
  const alternative = [...entry.before, ...entry.after].some((block) => block.alternativeOf !== null);
  const classes = [
    'redline-entry',
    `redline-${entry.kind}`,
    ...(entry.kind === 'unchanged' ? [] : ['has-change']),
    ...(alternative ? ['alternative'] : []),
    ...(entry.statusChanged ? ['status-changed'] : []),
  ];
  const margin = entry.kind === 'unchanged' ? '' : escapeHtml(redlineLabels[language].kind[entry.kind]);
  return [`<div class="${classes.join(' ')}">`, `<p class="margin-note">${margin}</p>`, '<div class="entry-body">', ...pieces(entry, language), '</div>', '</div>'].join('\n');
}

/** A paragraph named in the summary: its label (as labelSpan), or its first words when it has none. */
export function entryNameHtml(entry: ComparisonEntry, label: Label, language: ExportLanguage): string {
  if (label.number !== '') return labelSpan([label], 'name', language);
  const characters = Array.from(plainText(entry.words.filter((word) => word.op !== 'delete')).trim());
  const name = characters.length <= 40 ? characters.join('') : `${characters.slice(0, 40).join('').trimEnd()}…`;
  return `<span class="name"${dirAttribute(name)}>${escapeHtml(name)}</span>`;
}
