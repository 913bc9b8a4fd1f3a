import { addBags, similarity, wordBag, type CompareToken, type WordBag } from './compareTokens.ts';
import type { SnapshotBlock } from './snapshotContent.ts';

/** Blocks of the two versions that correspond: indices into each version's blocks (one side empty when added or removed). */
export interface AlignedGroup {
  before: number[];
  after: number[];
}

/** A paragraph rewritten under a new id still counts as the same paragraph when it shares this much of its words. */
const sameParagraphThreshold = 0.6;
/** One paragraph and the consecutive paragraphs it became (or came from) share this much of their words. */
const splitThreshold = 0.8;
/** Each further paragraph taken into a split or merge must add this much similarity, or it is a paragraph of its own. */
const splitStep = 0.1;
/**
 * The most pairs of blocks without a partner by id that the text searches (splits and merges, rewritten paragraphs)
 * compare: beyond it (two different documents, rather than two versions of one) those searches are skipped, and
 * the blocks without a partner are reported added and removed, so that a comparison never takes seconds.
 */
const searchBudget = 10_000;

type Bag = WordBag;

interface Side {
  bags: Bag[];
  /** The other side's index matched to each block, or -1. */
  partner: number[];
  /** Taken into a group already. */
  used: boolean[];
}

function sideOf(tokens: readonly (readonly CompareToken[])[]): Side {
  return { bags: tokens.map(wordBag), partner: tokens.map(() => -1), used: tokens.map(() => false) };
}

const freeCount = (side: Side) => side.used.filter((used, index) => !used && side.partner[index] === -1).length;

/**
 * From `start` on the other side, the longest run of consecutive free blocks (the first may be `one`'s id
 * partner) whose words together best match `one`'s, each block adding similarity: the end index (exclusive) and
 * the score, or null when no run of two or more blocks reaches the threshold.
 */
function bestRun(oneBag: Bag, other: Side, start: number): { end: number; score: number } | null {
  if (other.used[start]) return null;
  let run = other.bags[start]!;
  // A piece of a split has fewer words than the whole (give or take an edit at the cut).
  if (run.size > oneBag.size + 2) return null;
  let score = similarity(oneBag, run);
  let end = start + 1;
  while (end < other.bags.length && !other.used[end] && other.partner[end] === -1) {
    const extendedRun = addBags(run, other.bags[end]!);
    const extended = similarity(oneBag, extendedRun);
    if (extended < score + splitStep) break;
    run = extendedRun;
    score = extended;
    end += 1;
  }
  return end - start >= 2 && score >= splitThreshold ? { end, score } : null;
}

/**
 * Paragraphs of `one` side that became several consecutive paragraphs of the `other` (a split; read the other way
 * round, a merge). The paragraph keeps its id on the first piece when the editor split it; when it has no partner
 * any free run of the other side may match it.
 */
function findRuns(one: Side, other: Side): Array<{ index: number; start: number; end: number }> {
  const runs: Array<{ index: number; start: number; end: number }> = [];
  const searchFree = freeCount(one) * freeCount(other) <= searchBudget;
  one.bags.forEach((bag, index) => {
    if (one.used[index]) return;
    const partner = one.partner[index]!;
    let best: { start: number; end: number; score: number } | null = null;
    if (partner === -1 && !searchFree) return;
    const starts = partner !== -1 ? [partner] : other.bags.map((_, start) => start).filter((start) => !other.used[start] && other.partner[start] === -1);
    for (const start of starts) {
      const run = bestRun(bag, other, start);
      if (run !== null && (best === null || run.score > best.score)) best = { start, ...run };
    }
    if (best === null) return;
    runs.push({ index, start: best.start, end: best.end });
    one.used[index] = true;
    for (let taken = best.start; taken < best.end; taken += 1) other.used[taken] = true;
  });
  return runs;
}

/** Free blocks of both sides paired by similarity, the most similar pairs first. */
function pairBySimilarity(before: Side, after: Side): AlignedGroup[] {
  const candidates: Array<{ b: number; a: number; score: number }> = [];
  if (freeCount(before) * freeCount(after) > searchBudget) return [];
  before.bags.forEach((beforeBag, b) => {
    if (before.used[b] || before.partner[b] !== -1) return;
    after.bags.forEach((afterBag, a) => {
      if (after.used[a] || after.partner[a] !== -1) return;
      const score = similarity(beforeBag, afterBag);
      if (score >= sameParagraphThreshold) candidates.push({ b, a, score });
    });
  });
  candidates.sort((first, second) => second.score - first.score || first.b - second.b || first.a - second.a);
  const groups: AlignedGroup[] = [];
  for (const { b, a } of candidates) {
    if (before.used[b] || after.used[a]) continue;
    before.used[b] = true;
    after.used[a] = true;
    groups.push({ before: [b], after: [a] });
  }
  return groups;
}

const range = (start: number, end: number) => Array.from({ length: end - start }, (_, offset) => start + offset);

/**
 * Which blocks of `before` became which blocks of `after`: by id first (ids are stable in Concord, and an
 * alternative keeps its own), then splits and merges by the words they share, then paragraphs rewritten under a
 * new id by similarity; what is left was added or removed. Every block is in exactly one group. `tokens` are
 * each block's tokens (blockTokens), computed once by the caller.
 */
export function alignBlocks(
  beforeBlocks: readonly SnapshotBlock[],
  afterBlocks: readonly SnapshotBlock[],
  tokens: { before: readonly (readonly CompareToken[])[]; after: readonly (readonly CompareToken[])[] },
): AlignedGroup[] {
  const before = sideOf(tokens.before);
  const after = sideOf(tokens.after);
  const afterIndexOf = new Map(afterBlocks.map((block, index) => [block.id, index]));
  beforeBlocks.forEach((block, index) => {
    const partner = afterIndexOf.get(block.id);
    if (partner === undefined) return;
    before.partner[index] = partner;
    after.partner[partner] = index;
  });
  const groups: AlignedGroup[] = [
    ...findRuns(before, after).map(({ index, start, end }) => ({ before: [index], after: range(start, end) })),
    ...findRuns(after, before).map(({ index, start, end }) => ({ before: range(start, end), after: [index] })),
  ];
  // Pairs by id not taken into a split or a merge (a partner taken into one is reported there).
  before.partner.forEach((partner, index) => {
    if (partner === -1 || before.used[index] || after.used[partner]) return;
    before.used[index] = true;
    after.used[partner] = true;
    groups.push({ before: [index], after: [partner] });
  });
  groups.push(...pairBySimilarity(before, after));
  before.used.forEach((used, index) => used || groups.push({ before: [index], after: [] }));
  after.used.forEach((used, index) => used || groups.push({ before: [], after: [index] }));
  return groups;
}
