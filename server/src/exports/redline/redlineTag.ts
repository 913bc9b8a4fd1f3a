import type { BlockStatus, ComparedBlock, ComparisonEntry, ExportLanguage, RedlineWord } from '@concord/shared';
import { exportLabels, labelText } from '../exportLabels.ts';
import { wordsByParagraph } from './redlineWords.ts';

export type Label = ComparedBlock['label'];

const distinct = <T>(values: readonly T[]): T[] => [...new Set(values)];

/** The numbered labels of some blocks, each once, in order ("1. Alt 1" and "1." are two labels). */
function distinctLabels(blocks: readonly ComparedBlock[], language: ExportLanguage): Label[] {
  const seen = new Map<string, Label>();
  for (const { label } of blocks) if (label.number !== '') seen.set(labelText(label, exportLabels[language]), label);
  return [...seen.values()];
}

const labelsText = (labels: readonly Label[], language: ExportLanguage) => labels.map((label) => labelText(label, exportLabels[language])).join(', ');

/** What the tag line above a paragraph says, in any format. */
export interface TagParts {
  /** The paragraph's labels now (a deleted paragraph's: then). */
  labels: Label[];
  /** Its labels before, when it was renumbered; null otherwise. */
  former: Label[] | null;
  /** The earlier statuses when the status changed; null when it did not (or the paragraph is new or deleted). */
  from: BlockStatus[] | null;
  /** The status shown (the later one, a deleted paragraph's last). */
  to: BlockStatus[];
}

/** Label, former label and status of one paragraph of the later version (or of a deleted one, when `after` is undefined). */
export function tagParts(after: ComparedBlock | undefined, before: readonly ComparedBlock[], showFormer: boolean, language: ExportLanguage): TagParts {
  const labels = distinctLabels(after === undefined ? before : [after], language);
  const former = distinctLabels(before, language);
  const renumbered = showFormer && after !== undefined && former.length > 0 && labelsText(former, language) !== labelsText(labels, language);
  const earlier = distinct(before.map((block) => block.status));
  if (after === undefined) return { labels, former: null, from: null, to: earlier };
  const same = earlier.length === 0 || (earlier.length === 1 && earlier[0] === after.status);
  return { labels, former: renumbered ? former : null, from: same ? null : earlier, to: [after.status] };
}

/** One paragraph to lay out for an entry: the block it is in the later version (if any), the earlier blocks, its words. */
export interface EntryPiece {
  after: ComparedBlock | undefined;
  before: ComparedBlock | undefined;
  tag: TagParts;
  words: RedlineWord[];
}

/** The paragraphs of an entry: one, or for a split every paragraph it became, each with its own label and status. */
export function entryPieces(entry: ComparisonEntry, language: ExportLanguage): EntryPiece[] {
  if (entry.kind === 'split') {
    return wordsByParagraph(entry.words).map((words, index) => ({
      after: entry.after[index],
      before: entry.before[0],
      tag: tagParts(entry.after[index], entry.before, index === 0, language),
      words,
    }));
  }
  return [{ after: entry.after[0], before: entry.before[0], tag: tagParts(entry.after[0], entry.before, true, language), words: entry.words }];
}

/** "→" in a left-to-right document, "←" in Arabic: from the earlier status to the later one. */
export const statusArrow = (language: ExportLanguage) => (exportLabels[language].direction === 'rtl' ? '←' : '→');
