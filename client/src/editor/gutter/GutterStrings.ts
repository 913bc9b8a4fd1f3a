import type { BlockStatus } from '@concord/shared';
import type { ContributorSummary, GutterEntry } from './gutterEntries.ts';

/** The gutter's words in the interface language, prepared by React (which holds i18next) for the plain-DOM gutter. */
export interface GutterStrings {
  /** Part of every widget's key: a language change redraws the gutter. */
  language: string;
  label: (entry: GutterEntry) => string;
  status: (status: BlockStatus) => string;
  /** Short form of a speaker: "FRA", "Chair", "Secretariat". */
  speakerShort: (speaker: string) => string;
  /** "NWS 2 · NNWS 4" */
  mix: (mix: GutterEntry['mix']) => string;
  locked: string;
  unlabelled: string;
  proposedBy: (speaker: string, createdAt: string | null) => string;
  noAttribution: string;
  contribution: (contributor: ContributorSummary) => string;
  balance: (mix: GutterEntry['mix']) => string;
  selectHint: string;
}
