import type { TextRun } from '@concord/shared';

const rightToLeftLetter = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Adlam}]/u;

/**
 * The direction of a piece of the committee's text, from its first letter (as the Unicode bidi algorithm picks a
 * paragraph's direction), or null when it has none and should follow the document. Decided here rather than with
 * dir="auto" so that a label inside the paragraph (an Arabic "(أ)" before English text) does not decide it.
 */
export function textDirection(text: string): 'ltr' | 'rtl' | null {
  const letter = /\p{L}/u.exec(text)?.[0];
  if (letter === undefined) return null;
  return rightToLeftLetter.test(letter) ? 'rtl' : 'ltr';
}

/** ` dir="ltr"` / ` dir="rtl"` for the runs' text, or nothing. */
export function dirAttribute(runs: readonly TextRun[] | string): string {
  const direction = textDirection(typeof runs === 'string' ? runs : runs.map((run) => run.text).join(''));
  return direction === null ? '' : ` dir="${direction}"`;
}
