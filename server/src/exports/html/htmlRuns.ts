import type { TextRun } from '@concord/shared';
import { escapeHtml } from './escapeHtml.ts';

function markedText(run: TextRun): string {
  let html = run.text.split('\n').map(escapeHtml).join('<br>');
  if (run.marks.includes('underline')) html = `<u>${html}</u>`;
  if (run.marks.includes('italic')) html = `<em>${html}</em>`;
  if (run.marks.includes('bold')) html = `<strong>${html}</strong>`;
  return html;
}

const openBracket = '<span class="bracketed"><span class="bracket">[</span>';
const closeBracket = '<span class="bracket">]</span></span>';

/**
 * A paragraph's runs as escaped HTML. Consecutive bracketed runs share one pair of literal brackets, so
 * "[reaffirm their]" stays one bracket even when its words carry different formatting.
 */
export function renderRuns(runs: readonly TextRun[]): string {
  let html = '';
  let bracketOpen = false;
  for (const run of runs) {
    const bracketed = run.marks.includes('bracket');
    if (bracketed && !bracketOpen) html += openBracket;
    if (!bracketed && bracketOpen) html += closeBracket;
    bracketOpen = bracketed;
    html += markedText(run);
  }
  return bracketOpen ? html + closeBracket : html;
}
