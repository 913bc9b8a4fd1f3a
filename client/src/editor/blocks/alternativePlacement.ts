import type { ParagraphRole } from '@concord/shared';

export interface PlacementBlock {
  id: string | null;
  type: string;
  role: ParagraphRole;
  alternativeOf: string | null;
}

export interface AlternativePlacement {
  /** The paragraph the new alternative would replace (an alternative's alternative is one more of the original). */
  originalId: string;
  role: ParagraphRole;
  /** Index of the block after which the alternative goes: after the original and its existing alternatives. */
  afterIndex: number;
}

/** Where "Add alternative" puts a new alternative to the paragraph at `index`, or null if it is not a paragraph. */
export function alternativePlacement(blocks: readonly PlacementBlock[], index: number): AlternativePlacement | null {
  const current = blocks[index];
  if (current === undefined || current.type !== 'paragraph' || current.id === null) return null;
  const originalIndex = current.alternativeOf === null ? -1 : blocks.findIndex((block) => block.id === current.alternativeOf);
  const anchorIndex = originalIndex === -1 ? index : originalIndex;
  const original = blocks[anchorIndex]!;
  const originalId = original.id!;
  let afterIndex = anchorIndex;
  while (blocks[afterIndex + 1]?.alternativeOf === originalId) afterIndex += 1;
  return { originalId, role: original.role, afterIndex };
}
