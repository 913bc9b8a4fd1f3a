import type { TextRun } from '@concord/shared';
import { element, type XmlNode } from './xmlWriter.ts';

/** A run's text with each "\n" as an Akoma Ntoso end-of-line marker. */
function textWithLineBreaks(text: string): XmlNode[] {
  return text.split('\n').flatMap((part, index) => [...(index > 0 ? [element('eol')] : []), ...(part === '' ? [] : [part])]);
}

function formattedRun(run: TextRun): XmlNode[] {
  let nodes = textWithLineBreaks(run.text);
  if (run.marks.includes('underline')) nodes = [element('u', {}, nodes)];
  if (run.marks.includes('italic')) nodes = [element('i', {}, nodes)];
  if (run.marks.includes('bold')) nodes = [element('b', {}, nodes)];
  return nodes;
}

/**
 * Runs as inline content: bold, italic and underline as <b>, <i>, <u>, line breaks as <eol/>. Consecutive
 * bracketed runs form one <inline name="bracket"> whose literal "[" and "]" keep the brackets in the text itself
 * (in agreed mode exportedBlocks has already removed the bracket marks).
 */
export function inlineRuns(runs: readonly TextRun[]): XmlNode[] {
  const nodes: XmlNode[] = [];
  let bracket: XmlNode[] | null = null;
  const closeBracket = () => {
    if (bracket !== null) nodes.push(element('inline', { name: 'bracket' }, ['[', ...bracket, ']']));
    bracket = null;
  };
  for (const run of runs) {
    if (!run.marks.includes('bracket')) {
      closeBracket();
      nodes.push(...formattedRun(run));
      continue;
    }
    bracket ??= [];
    bracket.push(...formattedRun(run));
  }
  closeBracket();
  return nodes;
}
