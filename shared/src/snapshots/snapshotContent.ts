import { z } from 'zod';
import { delegationCodeSchema } from '../committee/delegations.ts';
import { blockIdSchema, blockStatusSchema, paragraphRoleSchema } from '../documentModel/documentModel.ts';
import { paragraphLabelSchema } from '../documentModel/paragraphLabels.ts';
import { documentIdSchema, documentKindSchema } from '../schemas/document.ts';

/**
 * A document frozen as it stood at one moment: what a snapshot holds and every export is made from. Plain data in
 * a fixed key order (canonicalJson sorts keys anyway), with no Yjs inside, so that its hash is reproducible and
 * an exporter needs nothing but this.
 */

/** Formatting kept in a snapshot; comment anchors are not part of the text that leaves the room. */
export const runMarkSchema = z.enum(['bold', 'italic', 'underline', 'bracket']);
export type RunMark = z.infer<typeof runMarkSchema>;

/** A stretch of text with the same marks; a line break inside a paragraph is "\n". */
export const textRunSchema = z.object({ text: z.string().min(1), marks: z.array(runMarkSchema) }).strict();
export type TextRun = z.infer<typeof textRunSchema>;

/** One list item, flattened: nesting is its depth (0 = top), numbered or bulleted by its own list. */
export const listItemSchema = z.object({ depth: z.number().int().min(0).max(8), ordered: z.boolean(), runs: z.array(textRunSchema) }).strict();
export type SnapshotListItem = z.infer<typeof listItemSchema>;

/** "Proposed by X, supported by Y, opposed by Z, reservations: W": delegation codes, sorted. */
export const stanceListsSchema = z
  .object({
    proposes: z.array(delegationCodeSchema),
    supports: z.array(delegationCodeSchema),
    opposes: z.array(delegationCodeSchema),
    reservation: z.array(delegationCodeSchema),
  })
  .strict();
export type StanceLists = z.infer<typeof stanceListsSchema>;

export const snapshotBlockSchema = z
  .object({
    id: blockIdSchema,
    kind: z.enum(['paragraph', 'heading', 'bulletList', 'orderedList']),
    status: blockStatusSchema,
    /** Paragraphs only; other blocks are 'text'. */
    role: paragraphRoleSchema,
    /** Headings: 1-3; other blocks 0. */
    level: z.number().int().min(0).max(3),
    /** The paragraph this one is an alternative to, or null. */
    alternativeOf: blockIdSchema.nullable(),
    /** As the drafting room shows it: "PP 2", "3." or ""; alternatives share it with `alternative` 1, 2... */
    label: paragraphLabelSchema,
    /** Paragraphs and headings. */
    runs: z.array(textRunSchema),
    /** Lists. */
    items: z.array(listItemSchema),
    /** Who wrote it, from the server's ledger: the originator, and every delegation (or CHAIR, SECRETARIAT) that edited it, sorted. */
    attribution: z.object({ originator: z.string().nullable(), contributors: z.array(z.string()) }).strict(),
    positions: stanceListsSchema,
  })
  .strict();
export type SnapshotBlock = z.infer<typeof snapshotBlockSchema>;

export const snapshotContentSchema = z
  .object({
    documentId: documentIdSchema,
    title: z.string().max(200),
    kind: documentKindSchema,
    session: z.string().max(100),
    blocks: z.array(snapshotBlockSchema),
  })
  .strict();
export type SnapshotContent = z.infer<typeof snapshotContentSchema>;

/** Whether a block carries brackets anywhere (its text is not yet agreed wording). */
export function hasBrackets(block: Pick<SnapshotBlock, 'runs' | 'items'>): boolean {
  return [...block.runs, ...block.items.flatMap((item) => item.runs)].some((run) => run.marks.includes('bracket'));
}

/** A block's text without formatting (list items one per line). */
export function plainTextOf(block: Pick<SnapshotBlock, 'runs' | 'items'>): string {
  const join = (runs: readonly TextRun[]) => runs.map((run) => run.text).join('');
  return block.items.length > 0 ? block.items.map((item) => join(item.runs)).join('\n') : join(block.runs);
}

/** The blocks counted as the document's paragraphs: paragraphs and lists that hold text (headings only structure it). */
export function countedParagraphs(blocks: readonly SnapshotBlock[]): SnapshotBlock[] {
  return blocks.filter((block) => block.kind !== 'heading' && plainTextOf(block).trim() !== '');
}
