import { listMarkers, type ExportLanguage, type ExportMode, type SnapshotBlock, type TextRun } from '@concord/shared';
import { exportedBlocks } from './exportedBlocks.ts';
import { exportLabels, labelText, positionsLine, writtenByLine } from './exportLabels.ts';
import type { Exporter } from './ExportSource.ts';

// CommonMark: a backslash before any ASCII punctuation makes it literal. These are the characters that can start
// markup anywhere in a line; line starts are handled apart (lists, headings, quotes).
const inlineSpecial = /[\\`*_[\]<>#|~&!]/g;
const blockStart = /^(\s*)([-+=>]|\d+[.)])/;

/** Document text as literal Markdown text: nothing in it becomes markup. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(inlineSpecial, (character) => `\\${character}`)
    .split('\n')
    .map((line) => line.replace(blockStart, (_match, space: string, marker: string) => `${space}${marker.slice(0, -1)}\\${marker.slice(-1)}`))
    .join('\n');
}

function inline(runs: readonly TextRun[], mode: ExportMode): string {
  return runs
    .map((run) => {
      // A line break inside a paragraph: two spaces then a newline.
      let text = run.text
        .split('\n')
        .map((part) => (part === '' ? '' : escapeMarkdown(part)))
        .join('  \n');
      if (text.trim() === '') return text;
      if (run.marks.includes('bold')) text = `**${text}**`;
      if (run.marks.includes('italic')) text = `*${text}*`;
      if (run.marks.includes('underline')) text = `<u>${text}</u>`;
      if (mode === 'compilation' && run.marks.includes('bracket')) text = `\\[${text}\\]`;
      return text;
    })
    .join('');
}

function blockText(block: SnapshotBlock, mode: ExportMode, language: ExportLanguage): string {
  const labels = exportLabels[language];
  if (block.kind === 'heading') return `${'#'.repeat(block.level + 1)} ${inline(block.runs, mode)}`;
  const label = mode === 'agreed' && block.role === 'preambular' ? '' : labelText(block.label, labels);
  const prefix = label === '' ? '' : `**${escapeMarkdown(label)}** `;
  const status = mode === 'compilation' ? `*${escapeMarkdown(`[${labels.status[block.status]}]`)}* ` : '';
  let body: string;
  if (block.items.length > 0) {
    const markers = listMarkers(block.items, labels.subparagraph);
    body = block.items
      .map((item, index) => {
        // A bullet for every item keeps them apart; a lettered item carries its letter after it: "- (a) text".
        const letter = item.ordered ? `${escapeMarkdown(markers[index]!)} ` : '';
        return `${'    '.repeat(item.depth)}- ${letter}${inline(item.runs, mode)}`;
      })
      .join('\n');
    body = `${prefix}${status}`.trim() === '' ? body : `${prefix}${status}\n\n${body}`;
  } else {
    body = `${prefix}${status}${inline(block.runs, mode)}`;
  }
  if (mode !== 'compilation') return body;
  const notes = [positionsLine(block.positions, language), writtenByLine(block.attribution, language)]
    .filter((note) => note !== '')
    .map((note) => `> ${escapeMarkdown(note)}`);
  return notes.length === 0 ? body : `${body}\n\n${notes.join('  \n')}`;
}

/** Markdown (CommonMark): for mail and wikis. The text is escaped, so only Concord's own formatting is markup. */
export const markdownExporter: Exporter = {
  format: 'markdown',
  mediaType: 'text/markdown; charset=utf-8',
  extension: 'md',
  async render({ content, snapshot, date, symbol, mode, language }) {
    const labels = exportLabels[language];
    const header = [
      `${escapeMarkdown(symbol)} · ${date.slice(0, 10)}${content.session === '' ? '' : ` · ${escapeMarkdown(content.session)}`}`,
      `# ${escapeMarkdown(content.title)}`,
      snapshot === null
        ? `> **${escapeMarkdown(labels.draft)}**`
        : `> ${escapeMarkdown(labels.snapshot(snapshot.number, snapshot.name))} · ${escapeMarkdown(mode === 'agreed' ? labels.agreedText : labels.compilation)}  \n> ${escapeMarkdown(labels.verification)}: \`${snapshot.sha256}\``,
    ];
    const blocks = exportedBlocks(content, mode).map((block) => blockText(block, mode, language));
    return new TextEncoder().encode(`${[...header, ...blocks].join('\n\n')}\n`);
  },
};
