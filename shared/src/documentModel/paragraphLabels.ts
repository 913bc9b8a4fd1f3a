import { z } from 'zod';
import type { ParagraphRole } from './documentModel.ts';

/**
 * Labels paragraphs as a UN resolution numbers them: preambular paragraphs PP 1, PP 2...; operative ones 1., 2. ...
 * Alternatives share the label of the paragraph they would replace, with "Alt n".
 */
export interface LabelledBlock {
  id: string;
  role: ParagraphRole;
  alternativeOf: string | null;
}

export const paragraphLabelSchema = z
  .object({
    /** "PP 3", "4." or "" for plain text. */
    number: z.string().max(16),
    /** 1-based rank among the alternatives of the same paragraph, or 0. */
    alternative: z.number().int().min(0),
  })
  .strict();
export type ParagraphLabel = z.infer<typeof paragraphLabelSchema>;

export function labelParagraphs(blocks: readonly LabelledBlock[]): Map<string, ParagraphLabel> {
  const labels = new Map<string, ParagraphLabel>();
  const alternatives = new Map<string, number>();
  let preambular = 0;
  let operative = 0;
  for (const block of blocks) {
    const original = block.alternativeOf === null ? undefined : labels.get(block.alternativeOf);
    if (original !== undefined) {
      const rank = (alternatives.get(block.alternativeOf!) ?? 0) + 1;
      alternatives.set(block.alternativeOf!, rank);
      labels.set(block.id, { number: original.number, alternative: rank });
      continue;
    }
    if (block.role === 'preambular') labels.set(block.id, { number: `PP ${++preambular}`, alternative: 0 });
    else if (block.role === 'operative') labels.set(block.id, { number: `${++operative}.`, alternative: 0 });
    else labels.set(block.id, { number: '', alternative: 0 });
  }
  return labels;
}
