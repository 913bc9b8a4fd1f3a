import type { SnapshotBlock, TextRun } from './snapshotContent.ts';

/** A piece of a block's text as the comparison sees it: a word, a space, a punctuation mark, or a bracket boundary. */
export interface CompareToken {
  text: string;
  part: 'text' | 'open' | 'close' | 'item' | 'break';
  /** Inside a bracket run. */
  bracket: boolean;
}

type Segmenter = { segment(text: string): Iterable<{ segment: string }> };

// Intl.Segmenter splits Chinese (which has no spaces) into words from a dictionary, and every other script at its
// word boundaries; Node 20 and Chromium have it. Without it, letters of scripts written without spaces fall back to
// one token per character, so that a Chinese paragraph never becomes one giant token.
const segmenter: Segmenter | null = typeof Intl.Segmenter === 'function' ? new Intl.Segmenter('und', { granularity: 'word' }) : null;
const fallbackPattern = /\s+|[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]|[\p{L}\p{M}\p{N}]+|./gsu;

/** The split used where Intl.Segmenter is missing: spaces, words of spaced scripts, single Chinese or Japanese characters. */
export const fallbackSegments = (text: string): string[] => text.match(fallbackPattern) ?? [];

function segments(text: string): string[] {
  return segmenter === null ? fallbackSegments(text) : Array.from(segmenter.segment(text), (piece) => piece.segment);
}

function runTokens(runs: readonly TextRun[], tokens: CompareToken[]): void {
  let bracketOpen = false;
  for (const run of runs) {
    const bracket = run.marks.includes('bracket');
    // Consecutive bracketed runs share one pair of brackets, as every export shows them.
    if (bracket && !bracketOpen) tokens.push({ text: '[', part: 'open', bracket: true });
    if (!bracket && bracketOpen) tokens.push({ text: ']', part: 'close', bracket: true });
    bracketOpen = bracket;
    for (const segment of segments(run.text)) tokens.push({ text: segment, part: 'text', bracket });
  }
  if (bracketOpen) tokens.push({ text: ']', part: 'close', bracket: true });
}

/** A block's text as tokens: its runs, or its list items, an `item` token before each but the first. */
export function blockTokens(block: Pick<SnapshotBlock, 'runs' | 'items'>): CompareToken[] {
  const tokens: CompareToken[] = [];
  if (block.items.length === 0) {
    runTokens(block.runs, tokens);
    return tokens;
  }
  block.items.forEach((item, index) => {
    if (index > 0) tokens.push({ text: '\n', part: 'item', bracket: false });
    runTokens(item.runs, tokens);
  });
  return tokens;
}

/**
 * blockTokens with a memory, for one comparison: the two versions share most of their text, and splitting text
 * into words is the slowest step, so each distinct text is split once. (Tokens are never modified.)
 */
export function tokenizer(): (block: Pick<SnapshotBlock, 'runs' | 'items'>) => CompareToken[] {
  const known = new Map<string, CompareToken[]>();
  return (block) => {
    const key = JSON.stringify([block.runs, block.items]);
    let tokens = known.get(key);
    if (tokens === undefined) {
      tokens = blockTokens(block);
      known.set(key, tokens);
    }
    return tokens;
  };
}

/** The tokens of several consecutive blocks as one sequence, a `break` token between each two (the sides of a split or a merge). */
export function joinedTokens(lists: readonly (readonly CompareToken[])[]): CompareToken[] {
  return lists.flatMap((tokens, index) => [...(index > 0 ? [{ text: '\n', part: 'break' as const, bracket: false }] : []), ...tokens]);
}

/** Tokens are the same words when their text and part agree; bracketing is shown by the bracket tokens. */
export const sameToken = (first: CompareToken, second: CompareToken): boolean => first.text === second.text && first.part === second.part;

/** Whether a token is a word (has a letter or a digit), as opposed to space, punctuation or a boundary. */
export const isWord = (token: CompareToken): boolean => token.part === 'text' && /[\p{L}\p{N}]/u.test(token.text);

/** The words of a text, lower-cased and counted, with their total: what text similarity compares. */
export interface WordBag {
  counts: Map<string, number>;
  size: number;
}

/** The words of a token list, as a bag. */
export function wordBag(tokens: readonly CompareToken[]): WordBag {
  const counts = new Map<string, number>();
  let size = 0;
  for (const token of tokens) {
    if (!isWord(token)) continue;
    const word = token.text.toLowerCase();
    counts.set(word, (counts.get(word) ?? 0) + 1);
    size += 1;
  }
  return { counts, size };
}

/** Two bags as one (the words of two consecutive blocks). */
export function addBags(first: WordBag, second: WordBag): WordBag {
  const counts = new Map(first.counts);
  for (const [word, count] of second.counts) counts.set(word, (counts.get(word) ?? 0) + count);
  return { counts, size: first.size + second.size };
}

/**
 * How much two texts share, 0 to 1 (the Dice coefficient of their word bags: twice the shared words over all
 * words). Word order is ignored: this only decides which paragraphs to compare, the word diff shows the rest.
 */
export function similarity(first: WordBag, second: WordBag): number {
  const total = first.size + second.size;
  if (total === 0) return 0;
  const [smaller, larger] = first.counts.size <= second.counts.size ? [first, second] : [second, first];
  let shared = 0;
  for (const [word, count] of smaller.counts) shared += Math.min(count, larger.counts.get(word) ?? 0);
  return (2 * shared) / total;
}
