import { labelParagraphs, type ExportMode, type SnapshotBlock, type SnapshotContent, type TextRun } from '@concord/shared';

const withoutBrackets = (runs: readonly TextRun[]): TextRun[] => runs.map((run) => ({ text: run.text, marks: run.marks.filter((mark) => mark !== 'bracket') }));

/**
 * The blocks an export shows. `compilation`: every block as it stands. `agreed`: only agreed blocks (not those
 * agreed ad referendum, which capitals may still reject), without bracket marks or alternative labels, numbered
 * again among themselves (so operative paragraphs read 1., 2., 3. with no gap).
 */
export function exportedBlocks(content: SnapshotContent, mode: ExportMode): SnapshotBlock[] {
  if (mode === 'compilation') return content.blocks;
  const agreed = content.blocks.filter((block) => block.status === 'agreed');
  const labels = labelParagraphs(agreed.map((block) => ({ id: block.id, role: block.role, alternativeOf: null })));
  return agreed.map((block) => ({
    ...block,
    alternativeOf: null,
    label: labels.get(block.id) ?? { number: '', alternative: 0 },
    runs: withoutBrackets(block.runs),
    items: block.items.map((item) => ({ ...item, runs: withoutBrackets(item.runs) })),
  }));
}
