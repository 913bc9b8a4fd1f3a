import type { Flag, PositionEntry, PositionSummary, Stance } from '@concord/shared';

/** The order in which stances are told, as in a UN compilation: who proposed, who supports, who opposes, reservations. */
export const stanceOrder: readonly Stance[] = ['proposes', 'supports', 'opposes', 'reservation'];

/** The words the summaries are made of, in the interface language (see positionWords.ts). */
export interface PositionWords {
  /** "FRA (NWS)"; the code alone when the committee does not know the delegation's group. */
  delegation: (code: string, group: string | null) => string;
  /** A list of delegations in a sentence, as the language lists them: "EGY, MEX and IRL" or "EGY, MEX et IRL". */
  list: (items: readonly string[]) => string;
  /** A list of delegations in the compact line: "EGY, MEX, IRL". */
  shortList: (items: readonly string[]) => string;
  /** The compact form for the gutter: "supported by {{list}}". */
  stanceLine: (stance: Stance, list: string) => string;
  /** The sentence form for the compilation: "Supported by {{list}}". */
  stanceSentence: (stance: Stance, list: string) => string;
  /** Between the parts of the compact line. */
  separator: string;
}

export interface StanceGroup {
  stance: Stance;
  entries: readonly PositionEntry[];
}

/** The stances some delegation took on the paragraph, in stanceOrder, each with its delegations (by code). */
export function stanceGroups(summary: PositionSummary | undefined): StanceGroup[] {
  if (summary === undefined) return [];
  return stanceOrder.map((stance) => ({ stance, entries: summary[stance] })).filter((group) => group.entries.length > 0);
}

const delegations = (entries: readonly PositionEntry[], words: PositionWords) => entries.map((entry) => words.delegation(entry.delegationCode, entry.group));

/** One part of the compact line: "supported by EGY (NNWS), MEX (NNWS)". */
export function stanceLine(group: StanceGroup, words: PositionWords): string {
  return words.stanceLine(group.stance, words.shortList(delegations(group.entries, words)));
}

/** "proposed by FRA (NWS) · supported by EGY (NNWS), MEX (NNWS) · opposed by USA (NWS) · reservation: CHN (NWS)"; "" without positions. */
export function compactPositionLine(summary: PositionSummary | undefined, words: PositionWords): string {
  return stanceGroups(summary)
    .map((group) => stanceLine(group, words))
    .join(words.separator);
}

/** One sentence per stance taken: "Proposed by FRA (NWS)", "Supported by EGY (NNWS) and MEX (NNWS)". */
export function positionSentences(summary: PositionSummary | undefined, words: PositionWords): Array<{ stance: Stance; text: string; entries: readonly PositionEntry[] }> {
  return stanceGroups(summary).map((group) => ({ stance: group.stance, text: words.stanceSentence(group.stance, words.list(delegations(group.entries, words))), entries: group.entries }));
}

/** The stance and explanation of one delegation on the paragraph, or null if it took none. */
export function currentPositionOf(summary: PositionSummary | undefined, delegationCode: string): { stance: Stance; explanation: string | null } | null {
  if (summary === undefined) return null;
  for (const stance of stanceOrder) {
    const entry = summary[stance].find((candidate) => candidate.delegationCode === delegationCode);
    if (entry !== undefined) return { stance, explanation: entry.explanation };
  }
  return null;
}

/** Flags as a chair works through them: unanswered first (the longest waiting on top), then answered (latest answer first). */
export function unansweredFirst(flags: readonly Flag[]): Flag[] {
  const unanswered = flags.filter((flag) => flag.answer === null).sort((first, second) => first.raisedAt.localeCompare(second.raisedAt));
  const answered = flags.filter((flag) => flag.answer !== null).sort((first, second) => (second.answer?.at ?? '').localeCompare(first.answer?.at ?? ''));
  return [...unanswered, ...answered];
}

/** The flags on one paragraph, unanswered first. */
export function flagsOnParagraph(flags: readonly Flag[], blockId: string): Flag[] {
  return unansweredFirst(flags.filter((flag) => flag.blockId === blockId));
}
