import * as Y from 'yjs';
import {
  RefusalReason,
  blockStatusSchema,
  checkChild,
  checkMark,
  checkNodeAttribute,
  decideBlockChange,
  decideNewBlock,
  documentField,
  type Actor,
  type BlockDecision,
  type BlockStatus,
  type DocumentModel,
  type RefusalReasonValue,
} from '@concord/shared';
import type { NewItem, UpdateInspection } from '../guard/inspectUpdate.ts';

export interface StatusChange {
  blockId: string;
  from: BlockStatus;
  to: BlockStatus;
}

export type PolicyVerdict = { ok: true; statusChanges: StatusChange[] } | { ok: false; reason: RefusalReasonValue; detail: string };

const refuse = (reason: RefusalReasonValue, detail: string): PolicyVerdict => ({ ok: false, reason, detail });

const decisionReasons: Record<Exclude<BlockDecision, { ok: true }>['reason'], RefusalReasonValue> = {
  'locked-block': RefusalReason.lockedBlock,
  'status-forbidden': RefusalReason.statusForbidden,
  'block-id-changed': RefusalReason.blockId,
  'read-only': RefusalReason.readOnly,
};

/** Live attribute of an element (the value y-prosemirror stored), read without touching the document. */
function attributeOf(type: Y.AbstractType<unknown>, key: string): unknown {
  const entry = type._map.get(key);
  if (entry === undefined || entry.deleted || !(entry.content instanceof Y.ContentAny)) return undefined;
  return entry.content.arr[0];
}

function statusOf(block: Y.Item): BlockStatus {
  const parsed = blockStatusSchema.safeParse(block.content instanceof Y.ContentType ? attributeOf(block.content.type, 'status') : undefined);
  return parsed.success ? parsed.data : 'draft';
}

/** The type a new item is inserted into, as a type object (a new item's type is the one its decoded content holds). */
function parentType(landing: NewItem): Y.AbstractType<unknown> | null {
  if (landing.parent.kind === 'existing') return landing.parent.type;
  if (landing.parent.kind === 'new') return landing.parent.item.content instanceof Y.ContentType ? landing.parent.item.content.type : null;
  return null;
}

/** Schema check of one new item: which content may go where (y-prosemirror deletes what does not parse). */
function checkSchema(model: DocumentModel, landing: NewItem): string | null {
  const { item, parentSub } = landing;
  const content = item.content;
  if (content instanceof Y.ContentDeleted) return null;
  if (landing.parent.kind === 'root') {
    if (landing.parent.name !== documentField) return `root "${landing.parent.name}" is not part of the document`;
    if (parentSub !== null) return 'the document root has no attributes';
    if (!(content instanceof Y.ContentType) || !(content.type instanceof Y.XmlElement) || content.type instanceof Y.XmlHook) return 'a top-level block must be an element';
    return checkChild(model, null, content.type.nodeName);
  }
  const parent = parentType(landing);
  if (parent instanceof Y.XmlText) {
    if (parentSub !== null) return 'text has no attributes';
    if (content instanceof Y.ContentString) return null;
    if (content instanceof Y.ContentFormat) return checkMark(model, content.key, content.value);
    return `text may not hold ${content.constructor.name}`;
  }
  if (!(parent instanceof Y.XmlElement) || parent instanceof Y.XmlHook) return 'content inside a type the document schema does not use';
  const nodeName = parent.nodeName;
  if (parentSub !== null) {
    if (!(content instanceof Y.ContentAny) || content.arr.length !== 1) return `attribute "${parentSub}" of "${nodeName}" must hold one value`;
    return checkNodeAttribute(model, nodeName, parentSub, content.arr[0]);
  }
  if (!(content instanceof Y.ContentType)) return `"${nodeName}" may not hold ${content.constructor.name}`;
  if (content.type instanceof Y.XmlText) return model.nodes[nodeName]?.text === true ? null : `"${nodeName}" does not hold text`;
  if (content.type instanceof Y.XmlElement && !(content.type instanceof Y.XmlHook)) return checkChild(model, nodeName, content.type.nodeName);
  return `"${nodeName}" may not hold ${content.type.constructor.name}`;
}

interface ExistingBlockChange {
  attributes: Set<string>;
  newValues: Map<string, unknown>;
  content: boolean;
  deleted: boolean;
}

/** Top-level block ids of the live document. */
function liveBlockIds(doc: Y.Doc): Set<string> {
  const ids = new Set<string>();
  const root = doc.share.get(documentField);
  for (let item = root?._start ?? null; item !== null; item = item.right) {
    if (item.deleted || !(item.content instanceof Y.ContentType)) continue;
    const id = attributeOf(item.content.type, 'id');
    if (typeof id === 'string') ids.add(id);
  }
  return ids;
}

/**
 * Decides whether `actor` may apply an inspected update to `doc`: every new node, mark and attribute fits the
 * document schema; no agreed paragraph is changed, deleted or moved; only chairs change statuses; paragraph ids
 * are present, unique and never change. Reads the live document without changing it.
 */
export function checkDocumentPolicy(doc: Y.Doc, inspection: UpdateInspection, actor: Actor, model: DocumentModel): PolicyVerdict {
  const existing = new Map<Y.Item, ExistingBlockChange>();
  const changeOf = (block: Y.Item) => {
    let change = existing.get(block);
    if (!change) existing.set(block, (change = { attributes: new Set(), newValues: new Map(), content: false, deleted: false }));
    return change;
  };
  const newBlocks = new Map<Y.Item, Map<string, unknown>>();
  for (const landing of inspection.newItems) {
    const problem = checkSchema(model, landing);
    if (problem !== null) return refuse(RefusalReason.schemaViolation, problem);
    if (landing.item.content instanceof Y.ContentDeleted) continue;
    if (landing.block === null) {
      newBlocks.set(landing.item, newBlocks.get(landing.item) ?? new Map());
      continue;
    }
    const blockItem = landing.block.item;
    const onBlockItself = landing.parent.kind === landing.block.kind && parentType(landing) === (blockItem.content as Y.ContentType).type;
    if (landing.block.kind === 'new') {
      if (onBlockItself && landing.parentSub !== null) {
        let attributes = newBlocks.get(blockItem);
        if (!attributes) newBlocks.set(blockItem, (attributes = new Map()));
        attributes.set(landing.parentSub, (landing.item.content as Y.ContentAny).arr[0]);
      }
      continue;
    }
    const change = changeOf(blockItem);
    if (onBlockItself && landing.parentSub !== null) {
      change.attributes.add(landing.parentSub);
      change.newValues.set(landing.parentSub, (landing.item.content as Y.ContentAny).arr[0]);
    } else change.content = true;
  }
  const root = doc.share.get(documentField);
  for (const item of inspection.deletedItems) {
    let block: Y.Item = item;
    while (block.parent instanceof Y.AbstractType && block.parent !== root && block.parent._item !== null) block = block.parent._item;
    if (block.parent !== root) continue;
    const change = changeOf(block);
    if (block === item) change.deleted = true;
    else if (item.parent === (block.content as Y.ContentType).type && item.parentSub !== null) change.attributes.add(item.parentSub);
    else change.content = true;
  }
  const statusChanges: StatusChange[] = [];
  for (const [block, change] of existing) {
    const type = (block.content as Y.ContentType).type;
    const currentId = attributeOf(type, 'id');
    // A block that never had an id (made before ids existed) may receive one.
    if (change.attributes.has('id') && currentId === undefined && change.newValues.has('id')) change.attributes.delete('id');
    const status = statusOf(block);
    // Deleting a block deletes its attributes and content too: the deletion is the one change to judge.
    const judged = change.deleted ? { attributes: new Set<string>(), content: false, deleted: true } : change;
    const decision = decideBlockChange(actor, { status, attributes: judged.attributes, content: judged.content, deleted: judged.deleted });
    if (!decision.ok) return refuse(decisionReasons[decision.reason], decision.detail);
    if (change.attributes.has('status') && typeof currentId === 'string') {
      const next = blockStatusSchema.safeParse(change.newValues.get('status'));
      const to = next.success ? next.data : 'draft';
      if (to !== status) statusChanges.push({ blockId: currentId, from: status, to });
    }
  }
  if (newBlocks.size > 0) {
    // A moved block is deleted and inserted again with its id.
    const ids = liveBlockIds(doc);
    for (const [block, change] of existing) {
      const id = change.deleted && block.content instanceof Y.ContentType ? attributeOf(block.content.type, 'id') : undefined;
      if (typeof id === 'string') ids.delete(id);
    }
    for (const attributes of newBlocks.values()) {
      const id = attributes.get('id');
      if (typeof id !== 'string') return refuse(RefusalReason.blockId, 'a new paragraph needs an id');
      if (ids.has(id)) return refuse(RefusalReason.blockId, `paragraph id ${id} is already used`);
      ids.add(id);
      const status = blockStatusSchema.safeParse(attributes.get('status'));
      const decision = decideNewBlock(actor, status.success ? status.data : undefined);
      if (!decision.ok) return refuse(decisionReasons[decision.reason], decision.detail);
    }
  }
  return { ok: true, statusChanges };
}
