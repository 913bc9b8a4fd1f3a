import * as Y from 'yjs';
import {
  blockStatusSchema,
  documentField,
  labelParagraphs,
  markNameOfFormatKey,
  paragraphRoleSchema,
  runMarkSchema,
  summarisePositions,
  type DocumentMeta,
  type ParagraphAttribution,
  type Position,
  type RunMark,
  type SnapshotBlock,
  type SnapshotContent,
  type SnapshotListItem,
  type StanceLists,
  type TextRun,
} from '@concord/shared';

const markOrder: readonly RunMark[] = runMarkSchema.options;

/** The runs of a text block: each delta insert with the marks a snapshot keeps, in a fixed order; hard breaks become "\n". */
function runsOf(element: Y.XmlElement): TextRun[] {
  const runs: TextRun[] = [];
  const push = (text: string, marks: RunMark[]) => {
    const last = runs.at(-1);
    if (last !== undefined && last.marks.join() === marks.join()) last.text += text;
    else if (text !== '') runs.push({ text, marks });
  };
  for (const child of element.toArray()) {
    if (child instanceof Y.XmlText) {
      for (const operation of child.toDelta() as Array<{ insert: unknown; attributes?: Record<string, unknown> }>) {
        if (typeof operation.insert !== 'string') continue;
        const names = new Set(Object.keys(operation.attributes ?? {}).map(markNameOfFormatKey));
        push(
          operation.insert,
          markOrder.filter((mark) => names.has(mark)),
        );
      }
    } else if (child instanceof Y.XmlElement && child.nodeName === 'hardBreak') {
      push('\n', []);
    }
  }
  return runs;
}

/** A list's items, flattened with their depth; each item's paragraphs joined by line breaks. */
function itemsOf(list: Y.XmlElement, depth: number): SnapshotListItem[] {
  const items: SnapshotListItem[] = [];
  const ordered = list.nodeName === 'orderedList';
  for (const item of list.toArray()) {
    if (!(item instanceof Y.XmlElement) || item.nodeName !== 'listItem') continue;
    const runs: TextRun[] = [];
    const nested: SnapshotListItem[] = [];
    for (const child of item.toArray()) {
      if (!(child instanceof Y.XmlElement)) continue;
      if (child.nodeName === 'paragraph') {
        if (runs.length > 0) runs.push({ text: '\n', marks: [] });
        runs.push(...runsOf(child));
      } else if (child.nodeName === 'bulletList' || child.nodeName === 'orderedList') {
        nested.push(...itemsOf(child, Math.min(depth + 1, 8)));
      }
    }
    items.push({ depth, ordered, runs }, ...nested);
  }
  return items;
}

const stanceCodes = (summary: ReturnType<typeof summarisePositions>): StanceLists => ({
  proposes: summary.proposes.map((entry) => entry.delegationCode),
  supports: summary.supports.map((entry) => entry.delegationCode),
  opposes: summary.opposes.map((entry) => entry.delegationCode),
  reservation: summary.reservation.map((entry) => entry.delegationCode),
});

/** A top-level block as snapshots, exports and paragraph labels see it. */
export interface DocumentBlock {
  element: Y.XmlElement;
  id: string;
  kind: SnapshotBlock['kind'];
  status: SnapshotBlock['status'];
  /** Paragraphs only; other blocks are 'text'. */
  role: SnapshotBlock['role'];
  alternativeOf: string | null;
}

/** The document's top-level blocks in order; blocks without a valid id, status or kind are skipped (the document policy never lets one in). */
export function* documentBlocks(doc: Y.Doc): Generator<DocumentBlock> {
  for (const element of doc.getXmlFragment(documentField).toArray()) {
    if (!(element instanceof Y.XmlElement)) continue;
    const id = element.getAttribute('id');
    const status = blockStatusSchema.safeParse(element.getAttribute('status'));
    if (typeof id !== 'string' || !status.success) continue;
    const kind = element.nodeName;
    if (kind !== 'paragraph' && kind !== 'heading' && kind !== 'bulletList' && kind !== 'orderedList') continue;
    const role = paragraphRoleSchema.safeParse(element.getAttribute('role'));
    const alternativeOf = element.getAttribute('alternativeOf');
    yield {
      element,
      id,
      kind,
      status: status.data,
      role: kind === 'paragraph' && role.success ? role.data : 'text',
      alternativeOf: kind === 'paragraph' && typeof alternativeOf === 'string' ? alternativeOf : null,
    };
  }
}

/**
 * The document as a snapshot freezes it: every top-level block with its status, label, text, attribution (from the
 * server's ledger) and the delegations' current positions. Blocks without a valid id or status are skipped (the
 * document policy never lets one in).
 */
export function snapshotContentOf(
  doc: Y.Doc,
  meta: Pick<DocumentMeta, 'id' | 'title' | 'kind' | 'session'>,
  attribution: Readonly<Record<string, ParagraphAttribution>>,
  positions: readonly Position[],
): SnapshotContent {
  const blocks: Array<Omit<SnapshotBlock, 'label'>> = [];
  for (const { element, id, kind, status, role, alternativeOf } of documentBlocks(doc)) {
    const level = Number(element.getAttribute('level'));
    const written = attribution[id];
    const isList = kind === 'bulletList' || kind === 'orderedList';
    blocks.push({
      id,
      kind,
      status,
      role,
      level: kind === 'heading' && Number.isInteger(level) ? Math.min(Math.max(level, 1), 3) : 0,
      alternativeOf,
      runs: isList ? [] : runsOf(element),
      items: isList ? itemsOf(element, 0) : [],
      attribution: { originator: written?.originator ?? null, contributors: Object.keys(written?.contributors ?? {}).sort() },
      positions: stanceCodes(summarisePositions(positions, meta.id, id)),
    });
  }
  const labels = labelParagraphs(blocks);
  return {
    documentId: meta.id,
    title: meta.title,
    kind: meta.kind,
    session: meta.session,
    blocks: blocks.map((block) => ({ ...block, label: labels.get(block.id) ?? { number: '', alternative: 0 } })),
  };
}
