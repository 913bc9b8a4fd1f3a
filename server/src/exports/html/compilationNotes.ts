import type { ExportLanguage, SnapshotBlock, Stance } from '@concord/shared';
import { exportLabels } from '../exportLabels.ts';
import { htmlLabels } from './htmlLabels.ts';

const stances: readonly Stance[] = ['proposes', 'supports', 'opposes', 'reservation'];

const lowerFirst = (text: string, language: ExportLanguage) => text.charAt(0).toLocaleLowerCase(language) + text.slice(1);

/**
 * "Proposed by KWT; supported by EGY, IRL; opposed by FRA; reservations: USA": only the stances someone took,
 * in the language's words and punctuation; null when nobody took one. Plain text, to be escaped by the caller.
 */
export function positionsLine(block: Pick<SnapshotBlock, 'positions'>, language: ExportLanguage): string | null {
  const words = exportLabels[language];
  const punctuation = htmlLabels[language];
  const clauses = stances
    .filter((stance) => block.positions[stance].length > 0)
    .map((stance, index) => {
      const word = index === 0 ? words.stance[stance] : lowerFirst(words.stance[stance], language);
      const joiner = stance === 'reservation' || punctuation.colonAfterEveryStance ? punctuation.colon : ' ';
      return `${word}${joiner}${block.positions[stance].join(punctuation.listSeparator)}`;
    });
  return clauses.length === 0 ? null : clauses.join(punctuation.clauseSeparator);
}

/** "Written by: EGY, FRA": the originator first, then every other contributor; null when the ledger knows nobody. */
export function writtenByLine(block: Pick<SnapshotBlock, 'attribution'>, language: ExportLanguage): string | null {
  const { originator, contributors } = block.attribution;
  const authors = originator === null ? contributors : [originator, ...contributors.filter((code) => code !== originator)];
  if (authors.length === 0) return null;
  const punctuation = htmlLabels[language];
  return `${punctuation.writtenBy}${punctuation.colon}${authors.join(punctuation.listSeparator)}`;
}
