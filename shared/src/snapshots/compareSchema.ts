import { z } from 'zod';
import { blockIdSchema, blockStatusSchema } from '../documentModel/documentModel.ts';

/**
 * The comparison of two versions of a document (two snapshots, or a snapshot and the live text): what the redline
 * screen and the redline export show. Described with zod so that the client can check what the API sends.
 */

/**
 * How a paragraph fared: `changed` = its text or its status changed in place; `moved` = it sits elsewhere among
 * its neighbours (its text may have changed too: see the words); `split` = one paragraph became several
 * consecutive ones; `merged` = several consecutive paragraphs became one.
 */
export const comparisonKindSchema = z.enum(['unchanged', 'changed', 'added', 'removed', 'moved', 'split', 'merged']);
export type ComparisonKind = z.infer<typeof comparisonKindSchema>;

export const comparisonKinds: readonly ComparisonKind[] = comparisonKindSchema.options;

/**
 * One piece of a redline. `part`: `text` (words, spaces, punctuation; "\n" is a line break), `open` / `close` (a
 * bracket mark's "[" and "]": not characters of the text, so a literal "[" typed in the text stays `text`), `item`
 * (the start of the next list item, text "\n"), `break` (the boundary between two paragraphs, in a split or merged
 * entry, text "\n"). `bracket`: the text sits inside a bracket run in the version it comes from (for `equal`
 * pieces: in the later version).
 */
export const redlineWordSchema = z
  .object({
    op: z.enum(['equal', 'insert', 'delete']),
    text: z.string(),
    bracket: z.boolean(),
    part: z.enum(['text', 'open', 'close', 'item', 'break']),
  })
  .strict();
export type RedlineWord = z.infer<typeof redlineWordSchema>;

/** One paragraph (block) on one side of the comparison, as that version numbered and classified it. */
export const comparedBlockSchema = z
  .object({
    id: blockIdSchema,
    kind: z.enum(['paragraph', 'heading', 'bulletList', 'orderedList']),
    label: z.object({ number: z.string(), alternative: z.number().int().min(0) }).strict(),
    status: blockStatusSchema,
    alternativeOf: blockIdSchema.nullable(),
    /** Lists: each item's depth and numbering, to mark the lines of the redline "(a)", "(b)"...; other blocks: none. */
    items: z.array(z.object({ depth: z.number().int().min(0).max(8), ordered: z.boolean() }).strict()),
  })
  .strict();
export type ComparedBlock = z.infer<typeof comparedBlockSchema>;

export const comparisonEntrySchema = z
  .object({
    kind: comparisonKindSchema,
    /** The earlier version's blocks (none when added; several when merged), in their order. */
    beforeIds: z.array(blockIdSchema),
    /** The later version's blocks (none when removed; several when split), in their order. */
    afterIds: z.array(blockIdSchema),
    /** Label and status of each block in beforeIds, in the same order. */
    before: z.array(comparedBlockSchema),
    /** Label and status of each block in afterIds, in the same order. */
    after: z.array(comparedBlockSchema),
    /** A status differs between the two sides (never for added or removed paragraphs). */
    statusChanged: z.boolean(),
    /** The words: the earlier text with deletions, the later text with insertions, in reading order. */
    words: z.array(redlineWordSchema),
  })
  .strict();
export type ComparisonEntry = z.infer<typeof comparisonEntrySchema>;

export const statusChangeSchema = z
  .object({
    /** Index of the entry in `entries`. */
    entry: z.number().int().min(0),
    /** The later version's label of the paragraph whose status changed (in a split: of the piece that changed). */
    label: z.object({ number: z.string(), alternative: z.number().int().min(0) }).strict(),
    from: blockStatusSchema,
    to: blockStatusSchema,
  })
  .strict();
export type StatusChange = z.infer<typeof statusChangeSchema>;

export const comparisonSchema = z
  .object({
    /** In the order of the later version; removed paragraphs stand where they were. */
    entries: z.array(comparisonEntrySchema),
    summary: z
      .object({
        counts: z.record(comparisonKindSchema, z.number().int().min(0)),
        statusChanges: z.array(statusChangeSchema),
      })
      .strict(),
  })
  .strict();
export type Comparison = z.infer<typeof comparisonSchema>;
