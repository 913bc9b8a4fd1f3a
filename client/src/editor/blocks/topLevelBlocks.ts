import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { blockStatusSchema, paragraphRoleSchema, type BlockStatus, type ParagraphRole } from '@concord/shared';

/** A top-level block as the drafting room sees it. */
export interface BlockInfo {
  id: string | null;
  type: string;
  status: BlockStatus;
  role: ParagraphRole;
  alternativeOf: string | null;
  /** Position before the block in the document. */
  pos: number;
  node: ProseMirrorNode;
}

export function statusOf(node: ProseMirrorNode): BlockStatus {
  const status = blockStatusSchema.safeParse(node.attrs.status);
  return status.success ? status.data : 'draft';
}

export function blockInfo(node: ProseMirrorNode, pos: number): BlockInfo {
  const role = paragraphRoleSchema.safeParse(node.attrs.role);
  const id: unknown = node.attrs.id;
  const alternativeOf: unknown = node.attrs.alternativeOf;
  return {
    id: typeof id === 'string' ? id : null,
    type: node.type.name,
    status: statusOf(node),
    role: node.type.name === 'paragraph' && role.success ? role.data : 'text',
    alternativeOf: node.type.name === 'paragraph' && typeof alternativeOf === 'string' ? alternativeOf : null,
    pos,
    node,
  };
}

/** The document's top-level blocks, in order. */
export function topLevelBlocks(doc: ProseMirrorNode): BlockInfo[] {
  const blocks: BlockInfo[] = [];
  doc.forEach((node, offset) => blocks.push(blockInfo(node, offset)));
  return blocks;
}

/** The top-level block holding document position `pos`, or null (e.g. a position between blocks). */
export function blockAt(doc: ProseMirrorNode, pos: number): BlockInfo | null {
  const resolved = doc.resolve(Math.max(0, Math.min(pos, doc.content.size)));
  if (resolved.depth === 0) return null;
  return blockInfo(resolved.node(1), resolved.before(1));
}
