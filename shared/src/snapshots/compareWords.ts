import { diffArrays } from 'diff';
import type { RedlineWord } from './compareSchema.ts';
import { isWord, sameToken, type CompareToken } from './compareTokens.ts';

interface Step {
  op: RedlineWord['op'];
  token: CompareToken;
  /** For an `equal` step: the earlier version's token (same text, maybe not the same bracketing). */
  earlier?: CompareToken;
}

/** A bound on the work of one paragraph's diff: beyond this many edits it is shown as rewritten (see below). */
const maxEditLength = 1000;
/** Below this share of kept words, a paragraph was rewritten: scattered surviving "the" and "to" help nobody read it. */
const rewrittenBelow = 0.25;
/** ...unless it is this short (in words, both versions together), where every kept word is worth showing. */
const rewrittenFrom = 12;

function diffSteps(before: readonly CompareToken[], after: readonly CompareToken[]): Step[] {
  // Most paragraphs did not change: no diff needed.
  if (before.length === after.length && before.every((token, index) => sameToken(token, after[index]!))) {
    return after.map((token, index) => ({ op: 'equal', token, earlier: before[index]! }));
  }
  const changes = diffArrays([...before], [...after], { comparator: sameToken, maxEditLength }) ?? [
    { value: [...before], count: before.length, added: false, removed: true },
    { value: [...after], count: after.length, added: true, removed: false },
  ];
  const steps: Step[] = [];
  let beforeIndex = 0;
  let afterIndex = 0;
  for (const change of changes) {
    for (let index = 0; index < change.count; index += 1) {
      if (change.removed) steps.push({ op: 'delete', token: before[beforeIndex++]! });
      else if (change.added) steps.push({ op: 'insert', token: after[afterIndex++]! });
      else steps.push({ op: 'equal', token: after[afterIndex++]!, earlier: before[beforeIndex++]! });
    }
  }
  return steps;
}

/**
 * How far a stretch [start, end) of only deletions or only insertions can slide back so that it starts with a
 * list item's mark: the diff may as well have deleted "b; ⏎" as "⏎ b;", and only the second reads as "item (b)
 * deleted". 0 when it cannot.
 */
function slideToItem(steps: readonly Step[], start: number, end: number): number {
  for (let shift = 1; shift <= end - start; shift += 1) {
    const moved = steps[start - shift];
    if (moved === undefined || moved.op !== 'equal' || !sameToken(moved.token, steps[end - shift]!.token)) return 0;
    if (moved.token.part === 'item') return shift;
  }
  return 0;
}

/** Each whole list item added or deleted starts with its item mark (see slideToItem). */
function itemsFirst(input: readonly Step[]): Step[] {
  const steps = [...input];
  let start = 0;
  while (start < steps.length) {
    const op = steps[start]!.op;
    let end = start + 1;
    while (end < steps.length && steps[end]!.op === op) end += 1;
    const pure = op !== 'equal' && steps[start - 1]?.op !== (op === 'delete' ? 'insert' : 'delete') && (steps[end]?.op ?? 'equal') === 'equal';
    const shift = pure && steps[start]!.token.part !== 'item' ? slideToItem(steps, start, end) : 0;
    if (shift > 0) {
      const moved = steps.slice(start - shift, start);
      const stretch = steps.slice(start, end);
      const kept = stretch.length - shift;
      const slid: Step[] = moved.map((step) => ({ op, token: op === 'delete' ? (step.earlier ?? step.token) : step.token }));
      const equals: Step[] = stretch.slice(kept).map((step, index) => ({
        op: 'equal',
        token: op === 'insert' ? step.token : moved[index]!.token,
        earlier: op === 'delete' ? step.token : moved[index]!.earlier,
      }));
      steps.splice(start - shift, shift + stretch.length, ...slid, ...stretch.slice(0, kept), ...equals);
    }
    start = end;
  }
  return steps;
}

const isBlank = (step: Step) => step.op === 'equal' && step.token.part === 'text' && /^[^\S\n]+$/u.test(step.token.text);

/**
 * Spaces kept between two changes become part of the change: "reaffirm their" replaced by "recall our" reads as
 * one deletion and one insertion, not four pieces around a surviving space.
 */
function absorbSpacesBetweenChanges(steps: Step[]): Step[] {
  const result: Step[] = [];
  for (let index = 0; index < steps.length; index += 1) {
    const step = steps[index]!;
    const previous = steps[index - 1];
    const next = steps[index + 1];
    if (isBlank(step) && previous !== undefined && previous.op !== 'equal' && next !== undefined && next.op !== 'equal') {
      result.push({ op: 'delete', token: step.earlier ?? step.token }, { op: 'insert', token: step.token });
    } else {
      result.push(step);
    }
  }
  return result;
}

/**
 * A stretch of changes as a redline reads it: the deleted words first, then the inserted ones, and whatever both
 * start or end with (often a space the diff could take from either side) kept as unchanged text around them.
 */
function changeStretch(deletions: readonly Step[], insertions: readonly Step[]): Step[] {
  let prefix = 0;
  while (prefix < deletions.length && prefix < insertions.length && sameToken(deletions[prefix]!.token, insertions[prefix]!.token)) prefix += 1;
  let suffix = 0;
  const fits = () => suffix < deletions.length - prefix && suffix < insertions.length - prefix;
  while (fits() && sameToken(deletions[deletions.length - 1 - suffix]!.token, insertions[insertions.length - 1 - suffix]!.token)) suffix += 1;
  const kept = (steps: readonly Step[]): Step[] => steps.map((step) => ({ op: 'equal', token: step.token }));
  return [
    ...kept(insertions.slice(0, prefix)),
    ...deletions.slice(prefix, deletions.length - suffix),
    ...insertions.slice(prefix, insertions.length - suffix),
    ...kept(insertions.slice(insertions.length - suffix)),
  ];
}

/** Within each stretch of changes, the deleted words first, then the inserted ones. */
function deletionsFirst(steps: readonly Step[]): Step[] {
  const result: Step[] = [];
  let deletions: Step[] = [];
  let insertions: Step[] = [];
  const flush = () => {
    result.push(...changeStretch(deletions, insertions));
    deletions = [];
    insertions = [];
  };
  for (const step of steps) {
    if (step.op === 'delete') deletions.push(step);
    else if (step.op === 'insert') insertions.push(step);
    else {
      flush();
      result.push(step);
    }
  }
  flush();
  return result;
}

/** Consecutive text steps with the same operation and bracketing become one word (a phrase). */
function mergeSteps(steps: readonly Step[]): RedlineWord[] {
  const words: RedlineWord[] = [];
  for (const { op, token } of steps) {
    const last = words[words.length - 1];
    if (last !== undefined && last.op === op && last.part === 'text' && token.part === 'text' && last.bracket === token.bracket) {
      last.text += token.text;
    } else {
      words.push({ op, text: token.text, bracket: token.bracket, part: token.part });
    }
  }
  return words;
}

/**
 * The redline of two token sequences: what was deleted from `before`, inserted in `after`, and kept, in reading
 * order. Bracket boundaries are tokens of their own, so a change inside brackets stays inside them, and brackets
 * put around (or taken off) words that did not change show as an inserted (or deleted) "[" and "]".
 */
export function redlineWords(before: readonly CompareToken[], after: readonly CompareToken[]): RedlineWord[] {
  const steps = diffSteps(before, after);
  const words = before.filter(isWord).length + after.filter(isWord).length;
  const kept = steps.filter((step) => step.op === 'equal' && isWord(step.token)).length;
  if (words >= rewrittenFrom && (2 * kept) / words < rewrittenBelow) return [...onesidedWords(before, 'delete'), ...onesidedWords(after, 'insert')];
  return mergeSteps(deletionsFirst(absorbSpacesBetweenChanges(itemsFirst(steps))));
}

/** The words of a paragraph that is only on one side (added or removed): all inserted or all deleted. */
export function onesidedWords(tokens: readonly CompareToken[], op: 'insert' | 'delete'): RedlineWord[] {
  return mergeSteps(tokens.map((token) => ({ op, token })));
}
