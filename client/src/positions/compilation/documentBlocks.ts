import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import type { BlockStatus } from '@concord/shared';
import { topLevelBlocks } from '../../editor/blocks/topLevelBlocks.ts';
import { gutterEntries } from '../../editor/gutter/gutterEntries.ts';

/** A top-level block of the document as the compilation shows it. */
export interface DocumentBlock {
  blockId: string | null;
  /** paragraph, heading, bulletList, orderedList */
  type: string;
  /** "PP 3", "4." or "" (as the gutter numbers them). */
  number: string;
  /** 1-based rank among the alternatives of the same paragraph, or 0. */
  alternative: number;
  status: BlockStatus;
  /** Heading level (1-3), or null. */
  level: number | null;
  /** Plain text; a list's items one per line. */
  text: string;
}

function textOf(node: ProseMirrorNode): string {
  if (node.type.name !== 'bulletList' && node.type.name !== 'orderedList') return node.textContent;
  const items: string[] = [];
  node.forEach((item) => items.push(item.textContent));
  return items.join('\n');
}

/** The document's blocks in order, numbered as in the drafting room, with their text. */
export function documentBlocks(doc: ProseMirrorNode): DocumentBlock[] {
  const blocks = topLevelBlocks(doc);
  return gutterEntries(blocks, new Map()).map((entry, index) => {
    const node = blocks[index]!.node;
    const level: unknown = node.attrs.level;
    return {
      blockId: entry.blockId,
      type: entry.type,
      number: entry.number,
      alternative: entry.alternative,
      status: entry.status,
      level: node.type.name === 'heading' && typeof level === 'number' ? level : null,
      text: textOf(node),
    };
  });
}

/** The first `count` words of a text, to name a paragraph that has no number. */
export function openingWords(text: string, count = 8): string {
  return text.trim().split(/\s+/).slice(0, count).join(' ');
}
