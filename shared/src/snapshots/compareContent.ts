import { alignBlocks, type AlignedGroup } from './compareAlign.ts';
import { comparisonKinds, type ComparedBlock, type Comparison, type ComparisonEntry, type ComparisonKind, type StatusChange } from './compareSchema.ts';
import { joinedTokens, tokenizer, type CompareToken } from './compareTokens.ts';
import { onesidedWords, redlineWords } from './compareWords.ts';
import type { SnapshotBlock, SnapshotContent } from './snapshotContent.ts';

const comparedBlock = ({ id, kind, label, status, alternativeOf, items }: SnapshotBlock): ComparedBlock => ({
  id,
  kind,
  label: { ...label },
  status,
  alternativeOf,
  items: items.map(({ depth, ordered }) => ({ depth, ordered })),
});

/**
 * The groups that kept their order relative to each other (a longest increasing subsequence of their earlier
 * positions, taken in their later order); the others moved. Patience sorting, O(n log n).
 */
function stayedInPlace(groups: readonly AlignedGroup[]): Set<AlignedGroup> {
  const tails: number[] = [];
  const previous: number[] = [];
  groups.forEach((group, index) => {
    const value = group.before[0]!;
    let low = 0;
    let high = tails.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (groups[tails[middle]!]!.before[0]! < value) low = middle + 1;
      else high = middle;
    }
    previous[index] = low > 0 ? tails[low - 1]! : -1;
    tails[low] = index;
  });
  const stayed = new Set<AlignedGroup>();
  for (let index = tails[tails.length - 1] ?? -1; index !== -1; index = previous[index]!) stayed.add(groups[index]!);
  return stayed;
}

function kindOf(group: AlignedGroup, moved: boolean, entry: Pick<ComparisonEntry, 'words' | 'statusChanged'>): ComparisonKind {
  if (group.before.length === 0) return 'added';
  if (group.after.length === 0) return 'removed';
  if (group.after.length > 1) return 'split';
  if (group.before.length > 1) return 'merged';
  if (moved) return 'moved';
  return entry.statusChanged || entry.words.some((word) => word.op !== 'equal') ? 'changed' : 'unchanged';
}

/** One version's blocks and their tokens (computed once: alignment and word diff both need them). */
interface Version {
  blocks: readonly SnapshotBlock[];
  tokens: readonly CompareToken[][];
}

function entryOf(group: AlignedGroup, moved: boolean, earlier: Version, later: Version): ComparisonEntry {
  const before = group.before.map((index) => earlier.blocks[index]!);
  const after = group.after.map((index) => later.blocks[index]!);
  const beforeTokens = joinedTokens(group.before.map((index) => earlier.tokens[index]!));
  const afterTokens = joinedTokens(group.after.map((index) => later.tokens[index]!));
  const words = after.length === 0 ? onesidedWords(beforeTokens, 'delete') : before.length === 0 ? onesidedWords(afterTokens, 'insert') : redlineWords(beforeTokens, afterTokens);
  const statuses = new Set([...before, ...after].map((block) => block.status));
  const statusChanged = before.length > 0 && after.length > 0 && statuses.size > 1;
  const partial = { words, statusChanged };
  return {
    kind: kindOf(group, moved, partial),
    beforeIds: before.map((block) => block.id),
    afterIds: after.map((block) => block.id),
    before: before.map(comparedBlock),
    after: after.map(comparedBlock),
    ...partial,
  };
}

/**
 * The groups in the later version's order, each removed one right after the group holding its nearest earlier
 * neighbour that stayed in place (or first, when it has none), removed ones keeping their own order.
 */
function readingOrder(groups: readonly AlignedGroup[], stayed: ReadonlySet<AlignedGroup>, beforeCount: number): AlignedGroup[] {
  const present = groups.filter((group) => group.after.length > 0).sort((first, second) => first.after[0]! - second.after[0]!);
  const removed = groups.filter((group) => group.after.length === 0).sort((first, second) => first.before[0]! - second.before[0]!);
  const anchorOfBefore: Array<AlignedGroup | null> = Array.from({ length: beforeCount }, () => null);
  for (const group of stayed) for (const index of group.before) anchorOfBefore[index] = group;
  const following = new Map<AlignedGroup | null, AlignedGroup[]>();
  for (const group of removed) {
    let anchor: AlignedGroup | null = null;
    for (let index = group.before[0]! - 1; index >= 0 && anchor === null; index -= 1) anchor = anchorOfBefore[index] ?? null;
    following.set(anchor, [...(following.get(anchor) ?? []), group]);
  }
  return [...(following.get(null) ?? []), ...present.flatMap((group) => [group, ...(following.get(group) ?? [])])];
}

function statusChangeOf(entry: ComparisonEntry, index: number): StatusChange {
  // A split or merge may have one piece in another status: report the piece that differs.
  const from = entry.before.length === 1 ? entry.before[0]!.status : entry.before.find((block) => block.status !== entry.after[0]!.status)!.status;
  const changed = entry.after.find((block) => block.status !== from) ?? entry.after[0]!;
  return { entry: index, label: { ...changed.label }, from, to: changed.status };
}

/**
 * Compares two versions of a document paragraph by paragraph, with the word-level changes of each (a redline).
 * Paragraphs are matched by block id, then by their words (splits, merges, paragraphs rewritten under a new id);
 * entries follow the later version, removed paragraphs standing where they were. Pure: the same versions always
 * give the same comparison.
 */
export function compareContent(before: SnapshotContent, after: SnapshotContent): Comparison {
  const tokensOf = tokenizer();
  const earlier: Version = { blocks: before.blocks, tokens: before.blocks.map(tokensOf) };
  const later: Version = { blocks: after.blocks, tokens: after.blocks.map(tokensOf) };
  const groups = alignBlocks(earlier.blocks, later.blocks, { before: earlier.tokens, after: later.tokens });
  const matched = groups.filter((group) => group.before.length > 0 && group.after.length > 0).sort((first, second) => first.after[0]! - second.after[0]!);
  const stayed = stayedInPlace(matched);
  const entries = readingOrder(groups, stayed, before.blocks.length).map((group) => entryOf(group, !stayed.has(group) && group.before.length > 0 && group.after.length > 0, earlier, later));
  const counts = Object.fromEntries(comparisonKinds.map((kind) => [kind, entries.filter((entry) => entry.kind === kind).length])) as Record<ComparisonKind, number>;
  const statusChanges = entries.flatMap((entry, index) => (entry.statusChanged ? [statusChangeOf(entry, index)] : []));
  return { entries, summary: { counts, statusChanges } };
}
