import { plainTextOf, type BlockStatus, type SnapshotContent } from '@concord/shared';

/** A top-level block of the document as the compilation shows it. */
export interface DocumentBlock {
  blockId: string;
  /** paragraph, heading, bulletList, orderedList */
  type: string;
  /** "PP 3", "4." or "" (as the drafting room numbers them). */
  number: string;
  /** 1-based rank among the alternatives of the same paragraph, or 0. */
  alternative: number;
  status: BlockStatus;
  /** Heading level (1-3), or null. */
  level: number | null;
  /** Plain text; a list's items one per line. */
  text: string;
}

/** The stored document's blocks in order, numbered as in the drafting room (the server labels them), with their text. */
export function documentBlocks(content: SnapshotContent): DocumentBlock[] {
  return content.blocks.map((block) => ({
    blockId: block.id,
    type: block.kind,
    number: block.label.number,
    alternative: block.label.alternative,
    status: block.status,
    level: block.kind === 'heading' ? block.level : null,
    text: plainTextOf(block),
  }));
}

/** The first `count` words of a text, to name a paragraph that has no number. */
export function openingWords(text: string, count = 8): string {
  return text.trim().split(/\s+/).slice(0, count).join(' ');
}
