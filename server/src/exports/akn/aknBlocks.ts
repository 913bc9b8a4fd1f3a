import type { ExportMode, SnapshotBlock, SnapshotListItem } from '@concord/shared';
import { labelText, type ExportLabels } from '../exportLabels.ts';
import { compilationNote } from './aknNotes.ts';
import { statusReference } from './aknReferences.ts';
import { inlineRuns } from './aknRuns.ts';
import { element, type AttributeValues, type XmlElement, type XmlNode } from './xmlWriter.ts';

export interface BlockContext {
  mode: ExportMode;
  labels: ExportLabels;
  /** Block id to eId (see blockEids). */
  eids: ReadonlyMap<string, string>;
}

/** Where a preambular paragraph stands: as a <recital> inside the preamble, or (after an operative one) in the body. */
export type PreambularPlace = 'preamble' | 'mainBody';

const eIdOf = (block: SnapshotBlock, context: BlockContext) => context.eids.get(block.id) ?? block.id;

/** Compilation mode: the status as a class and a reference to its concept; an alternative names the paragraph it replaces. */
function compilationAttributes(block: SnapshotBlock, context: BlockContext): AttributeValues {
  if (context.mode !== 'compilation') return {};
  const original = block.alternativeOf === null ? undefined : context.eids.get(block.alternativeOf);
  return {
    class: `status-${block.status}`,
    refersTo: `#${statusReference(block.status)}`,
    alternativeTo: original === undefined ? undefined : `#${original}`,
  };
}

/** The number shown: "1." (agreed), "1. Alt 1" or "PP 1" (compilation); preambular paragraphs are unnumbered in agreed text. */
function shownNumber(block: SnapshotBlock, context: BlockContext): string {
  if (context.mode === 'compilation') return labelText(block.label, context.labels);
  return block.role === 'preambular' ? '' : block.label.number;
}

/** The inline content of a block, with the compilation note at its end; `labelInNote` when no <num> shows the label. */
function textWithNote(block: SnapshotBlock, context: BlockContext, runs: XmlNode[], labelInNote: boolean): XmlNode[] {
  if (context.mode !== 'compilation') return runs;
  const label = labelInNote ? labelText(block.label, context.labels) : '';
  return [...runs, compilationNote(block, eIdOf(block, context), context.labels, label)];
}

function numbered(block: SnapshotBlock, context: BlockContext): XmlElement[] {
  const number = shownNumber(block, context);
  return number === '' ? [] : [element('num', {}, [number])];
}

function paragraphElement(block: SnapshotBlock, context: BlockContext, place: PreambularPlace): XmlElement {
  const attributes = { eId: eIdOf(block, context), ...compilationAttributes(block, context) };
  const text = element('p', {}, textWithNote(block, context, inlineRuns(block.runs), false));
  if (block.role === 'operative') return element('paragraph', attributes, [...numbered(block, context), element('content', {}, [text])]);
  if (block.role === 'preambular' && place === 'preamble') return element('recital', attributes, [...numbered(block, context), text]);
  if (block.role === 'preambular') {
    return element('hcontainer', { name: 'preambularParagraph', ...attributes }, [...numbered(block, context), element('content', {}, [text])]);
  }
  return element('p', attributes, textWithNote(block, context, inlineRuns(block.runs), true));
}

/** A heading stands alone between paragraphs: a crossHeading, wrapped so it is valid in the preamble and the body. */
function headingElement(block: SnapshotBlock, context: BlockContext): XmlElement {
  const eId = eIdOf(block, context);
  const heading = element('crossHeading', { eId: `${eId}__crossHeading`, class: `level-${block.level}` }, textWithNote(block, context, inlineRuns(block.runs), true));
  return element('blockContainer', { eId, ...compilationAttributes(block, context) }, [heading]);
}

interface ItemTree {
  item: SnapshotListItem;
  children: ItemTree[];
}

/** The flattened items (each with its depth) as a tree; a jump of several levels hangs under the nearest shallower item. */
function nestItems(items: readonly SnapshotListItem[]): ItemTree[] {
  const roots: ItemTree[] = [];
  const open: ItemTree[] = [];
  for (const item of items) {
    const node: ItemTree = { item, children: [] };
    while (open.length > 0 && open[open.length - 1]!.item.depth >= item.depth) open.pop();
    (open.length === 0 ? roots : open[open.length - 1]!.children).push(node);
    open.push(node);
  }
  return roots;
}

function itemElements(nodes: readonly ItemTree[], listEId: string, labels: ExportLabels): XmlElement[] {
  return nodes.map((node, index) => {
    const eId = `${listEId}__item_${index + 1}`;
    const nested = node.children.length === 0 ? [] : [element('blockList', { eId: `${eId}__list` }, itemElements(node.children, `${eId}__list`, labels))];
    const number = node.item.ordered ? [element('num', {}, [labels.subparagraph(index + 1)])] : [];
    return element('item', { eId }, [...number, element('p', {}, inlineRuns(node.item.runs)), ...nested]);
  });
}

/** Sub-paragraphs (a), (b)... as a blockList; its compilation note in the list's wrap-up. */
function listElement(block: SnapshotBlock, context: BlockContext): XmlElement {
  const eId = eIdOf(block, context);
  const items = itemElements(nestItems(block.items), eId, context.labels);
  // A list needs at least one item to be valid: an empty one keeps its place (and its note).
  const shown = items.length > 0 ? items : [element('item', { eId: `${eId}__item_1` }, [element('p')])];
  const wrapUp = context.mode === 'compilation' ? [element('listWrapUp', {}, textWithNote(block, context, [], true))] : [];
  return element('blockList', { eId, ...compilationAttributes(block, context) }, [...shown, ...wrapUp]);
}

/** One block as Akoma Ntoso. */
export function blockElement(block: SnapshotBlock, context: BlockContext, place: PreambularPlace): XmlElement {
  if (block.kind === 'heading') return headingElement(block, context);
  if (block.kind === 'paragraph') return paragraphElement(block, context, place);
  return listElement(block, context);
}
