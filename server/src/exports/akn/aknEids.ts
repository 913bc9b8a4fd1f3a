import type { SnapshotBlock } from '@concord/shared';

/**
 * An eId for every block, after the Akoma Ntoso naming convention as AKN4UN uses it: operative paragraphs
 * "para_1", preambular "pp_1" (from their labels), an alternative "para_1__alt_1" (after the paragraph it
 * replaces), headings "heading_1", lists "list_1", other paragraphs "p_1". Unique even if labels repeat.
 */
export function blockEids(blocks: readonly SnapshotBlock[]): Map<string, string> {
  const eids = new Map<string, string>();
  const used = new Set<string>();
  const counters = new Map<string, number>();
  const next = (prefix: string) => {
    const count = (counters.get(prefix) ?? 0) + 1;
    counters.set(prefix, count);
    return `${prefix}_${count}`;
  };
  const unique = (base: string) => {
    let candidate = base;
    for (let copy = 2; used.has(candidate); copy += 1) candidate = `${base}_${copy}`;
    used.add(candidate);
    return candidate;
  };
  for (const block of blocks) {
    const original = block.alternativeOf === null ? undefined : eids.get(block.alternativeOf);
    let base: string;
    if (original !== undefined) base = `${original}__alt_${Math.max(block.label.alternative, 1)}`;
    else if (block.kind === 'heading') base = next('heading');
    else if (block.kind !== 'paragraph') base = next('list');
    else if (block.role === 'text') base = next('p');
    else {
      const prefix = block.role === 'preambular' ? 'pp' : 'para';
      const number = /\d+/.exec(block.label.number)?.[0];
      base = number === undefined ? next(`${prefix}_unnumbered`) : `${prefix}_${number}`;
    }
    eids.set(block.id, unique(base));
  }
  return eids;
}
