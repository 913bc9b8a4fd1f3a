import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { labelParagraphs, lockedStatuses } from '@concord/shared';
import { topLevelBlocks } from '../../editor/blocks/topLevelBlocks.ts';

export interface OutlineBlock {
  id: string;
  /** 0-based place in the document. */
  index: number;
  /** "PP 3", "4." or "" (plain text, headings, lists), as the gutter numbers it. */
  number: string;
  alternative: number;
  /** The block's first words, to name a block without a number. */
  excerpt: string;
  /** The first words of the nearest heading before it (or itself), to name an empty block; '' if none. */
  heading: string;
  locked: boolean;
}

/** What the discussion panel needs to know of the text: its blocks in order and which threads still have their mark. */
export interface DocumentOutline {
  blocks: ReadonlyMap<string, OutlineBlock>;
  order: ReadonlyMap<string, number>;
  anchoredThreadIds: ReadonlySet<string>;
  /** Every thread whose mark this page has seen in the text, and every block it has seen, even if gone since. */
  seenThreadIds: ReadonlySet<string>;
  seenBlockIds: ReadonlySet<string>;
}

export const emptyOutline: DocumentOutline = { blocks: new Map(), order: new Map(), anchoredThreadIds: new Set(), seenThreadIds: new Set(), seenBlockIds: new Set() };

const excerptLength = 48;

function excerptOf(text: string): string {
  const flat = text.replace(/\s+/gu, ' ').trim();
  return flat.length <= excerptLength ? flat : `${flat.slice(0, excerptLength - 1).trimEnd()}…`;
}

/** The thread ids of every `comment` mark in the document. */
export function anchoredThreadIds(doc: ProseMirrorNode): Set<string> {
  const ids = new Set<string>();
  doc.descendants((node) => {
    if (!node.isText) return true;
    for (const mark of node.marks) {
      if (mark.type.name === 'comment' && typeof mark.attrs.threadId === 'string') ids.add(mark.attrs.threadId);
    }
    return false;
  });
  return ids;
}

/** The outline of a document: labels as the gutter gives them, order, and the thread anchors present. */
export function documentOutline(doc: ProseMirrorNode): DocumentOutline {
  const blocks = topLevelBlocks(doc);
  const labels = labelParagraphs(blocks.map((block, index) => ({ id: block.id ?? `#${index}`, role: block.role, alternativeOf: block.alternativeOf })));
  const byId = new Map<string, OutlineBlock>();
  const order = new Map<string, number>();
  let heading = '';
  blocks.forEach((block, index) => {
    const excerpt = excerptOf(block.node.textContent);
    if (block.type === 'heading' && excerpt !== '') heading = excerpt;
    if (block.id === null) return;
    const label = labels.get(block.id) ?? { number: '', alternative: 0 };
    byId.set(block.id, { id: block.id, index, number: label.number, alternative: label.alternative, excerpt, heading, locked: lockedStatuses.has(block.status) });
    order.set(block.id, index);
  });
  const anchored = anchoredThreadIds(doc);
  return { blocks: byId, order, anchoredThreadIds: anchored, seenThreadIds: anchored, seenBlockIds: new Set(byId.keys()) };
}

/** `next` remembering what `previous` had seen: an anchor or a block seen once and gone since was deleted. */
export function rememberSeen(next: DocumentOutline, previous: DocumentOutline): DocumentOutline {
  const grown = (seen: ReadonlySet<string>, now: ReadonlySet<string>) => {
    for (const id of now) if (!seen.has(id)) return new Set([...seen, ...now]);
    return seen;
  };
  return { ...next, seenThreadIds: grown(previous.seenThreadIds, next.seenThreadIds), seenBlockIds: grown(previous.seenBlockIds, next.seenBlockIds) };
}
