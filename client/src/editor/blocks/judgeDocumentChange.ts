import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import {
  checkChild,
  checkMark,
  checkNodeAttribute,
  concordDocumentModel,
  decideBlockChange,
  decideNewBlock,
  type Actor,
  type BlockDecision,
  type DocumentModel,
} from '@concord/shared';
import { statusOf } from './topLevelBlocks.ts';

export type RefusedChangeReason = Exclude<BlockDecision, { ok: true }>['reason'] | 'schema-violation';

export type ChangeVerdict = { ok: true } | { ok: false; reason: RefusedChangeReason; detail: string; blockId: string | null };

const accepted: ChangeVerdict = { ok: true };

function changedAttributes(before: ProseMirrorNode, after: ProseMirrorNode): Set<string> {
  const keys = new Set<string>();
  for (const key of new Set([...Object.keys(before.attrs), ...Object.keys(after.attrs)])) {
    if (before.attrs[key] !== after.attrs[key]) keys.add(key);
  }
  return keys;
}

/** Why a node (and what it holds) would be refused as content outside the document schema, or null. */
function schemaProblem(model: DocumentModel, node: ProseMirrorNode, parentName: string | null): string | null {
  if (node.isText) {
    for (const mark of node.marks) {
      const problem = checkMark(model, mark.type.name, mark.attrs);
      if (problem !== null) return problem;
    }
    return null;
  }
  const placement = checkChild(model, parentName, node.type.name);
  if (placement !== null) return placement;
  for (const [key, value] of Object.entries(node.attrs)) {
    // y-prosemirror does not store null attributes.
    if (value === null) continue;
    const problem = checkNodeAttribute(model, node.type.name, key, value);
    if (problem !== null) return problem;
  }
  let problem: string | null = null;
  node.forEach((child) => {
    if (problem !== null) return;
    if (child.isText && model.nodes[node.type.name]?.text !== true) problem = `"${node.type.name}" does not hold text`;
    else problem = schemaProblem(model, child, node.type.name);
  });
  return problem;
}

function refuse(decision: Exclude<BlockDecision, { ok: true }>, blockId: string | null): ChangeVerdict {
  return { ok: false, reason: decision.reason, detail: decision.detail, blockId };
}

/**
 * Whether the server would accept the change from `before` to `after` from `actor`: the client-side mirror of the
 * document policy (server/src/collaboration/policy/checkDocumentPolicy.ts), so the editor never sends what the
 * server refuses. Blocks are matched by identity first (ProseMirror reuses untouched nodes, so most of a
 * 100-page document costs one Set lookup per block), then by id; a block whose id no longer appears is deleted.
 * Within one transaction a split block may briefly share its id with the new half (UniqueID renames the new
 * half in its appended transaction): the half that kept the content is the original.
 */
export function judgeDocumentChange(actor: Actor, before: ProseMirrorNode, after: ProseMirrorNode, model: DocumentModel = concordDocumentModel): ChangeVerdict {
  if (before === after) return accepted;
  const afterBlocks = new Set<ProseMirrorNode>();
  const afterById = new Map<string, ProseMirrorNode[]>();
  after.forEach((node) => {
    afterBlocks.add(node);
    const id: unknown = node.attrs.id;
    if (typeof id === 'string') afterById.set(id, [...(afterById.get(id) ?? []), node]);
  });
  const matched = new Set<ProseMirrorNode>();
  let verdict: ChangeVerdict = accepted;
  before.forEach((block) => {
    if (!verdict.ok) return;
    if (afterBlocks.has(block) && !matched.has(block)) {
      matched.add(block);
      return;
    }
    const id: unknown = block.attrs.id;
    // A block made before ids existed cannot be followed; the server lets it receive an id.
    if (typeof id !== 'string') return;
    const candidates = (afterById.get(id) ?? []).filter((node) => !matched.has(node) && node.type === block.type);
    const successor = candidates.find((node) => node.content.eq(block.content)) ?? candidates[0];
    if (successor !== undefined) matched.add(successor);
    const attributes = successor === undefined ? new Set<string>() : changedAttributes(block, successor);
    const content = successor !== undefined && !successor.content.eq(block.content);
    const decision = decideBlockChange(actor, { status: statusOf(block), attributes, content, deleted: successor === undefined });
    if (!decision.ok) verdict = refuse(decision, id);
    else if (successor !== undefined && (content || attributes.size > 0)) {
      const problem = schemaProblem(model, successor, null);
      if (problem !== null) verdict = { ok: false, reason: 'schema-violation', detail: problem, blockId: id };
    }
  });
  if (!verdict.ok) return verdict;
  after.forEach((node) => {
    if (!verdict.ok || matched.has(node)) return;
    const id: unknown = node.attrs.id;
    const blockId = typeof id === 'string' ? id : null;
    const decision = decideNewBlock(actor, statusOf(node));
    if (!decision.ok) verdict = refuse(decision, blockId);
    else {
      const problem = schemaProblem(model, node, null);
      if (problem !== null) verdict = { ok: false, reason: 'schema-violation', detail: problem, blockId };
    }
  });
  return verdict;
}
