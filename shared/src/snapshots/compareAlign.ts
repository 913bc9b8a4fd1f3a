import { addBags, blockTokens, similarity, wordBag } from './compareTokens.ts';
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

type Bag = Map<string, number>;

interface Side {
  bags: Bag[];
  /** The other side's index matched to each block, or -1. */
  partner: number[];
  /** Taken into a group already. */
  used: boolean[];
}

function sideOf(blocks: readonly SnapshotBlock[]): Side {
  return { bags: blocks.map((block) => wordBag(blockTokens(block))), partner: blocks.map(() => -1), used: blocks.map(() => false) };
}

/**
 * From `start` on the other side, the longest run of consecutive free blocks (the first may be `one`'s id
 * partner) whose words together best match `one`'s, each block adding similarity: the end index (exclusive) and
 * the score, or null when no run of two or more blocks reaches the threshold.
 */
function bestRun(oneBag: Bag, other: Side, start: number): { end: number; score: number } | null {
  if (other.used[start]) return null;
  let score = similarity(oneBag, other.bags[start]!);
  let end = start + 1;
  while (end < other.bags.length && !other.used[end] && other.partner[end] === -1) {
    const extended = similarity(oneBag, addBags(other.bags.slice(start, end + 1)));
    if (extended < score + splitStep) break;
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
  one.bags.forEach((bag, index) => {
    if (one.used[index]) return;
    const partner = one.partner[index]!;
    let best: { start: number; end: number; score: number } | null = null;
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
 * new id by similarity; what is left was added or removed. Every block is in exactly one group.
 */
export function alignBlocks(beforeBlocks: readonly SnapshotBlock[], afterBlocks: readonly SnapshotBlock[]): AlignedGroup[] {
  const before = sideOf(beforeBlocks);
  const after = sideOf(afterBlocks);
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
