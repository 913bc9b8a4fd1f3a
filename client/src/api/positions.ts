import { z } from 'zod';
import {
  blockIdSchema,
  flagSchema,
  positionSchema,
  positionSummarySchema,
  type Flag,
  type Position,
  type PositionSummary,
  type RaiseFlagInput,
  type RecordPositionInput,
} from '@concord/shared';
import { api } from './http.ts';
import { readBody } from './readBody.ts';

const documentPositionsSchema = z.object({ positions: z.array(positionSchema), summaries: z.record(blockIdSchema, positionSummarySchema) });
export type DocumentPositions = z.infer<typeof documentPositionsSchema>;

const recordedPositionSchema = z.object({ position: positionSchema, summary: positionSummarySchema });
const flagListSchema = z.object({ flags: z.array(flagSchema) });

/** Every position recorded on the document (all of them, latest per delegation included) and the current summary per paragraph. */
export async function listPositions(documentId: string): Promise<DocumentPositions> {
  return readBody(await api.api.documents[':documentId'].positions.$get({ param: { documentId } }), documentPositionsSchema);
}

/** Records the signed-in delegate's delegation's position on a paragraph (the server takes the delegation from the session). */
export async function recordPosition(input: RecordPositionInput): Promise<{ position: Position; summary: PositionSummary }> {
  return readBody(await api.api.documents[':documentId'].positions.$put({ param: { documentId: input.documentId }, json: input }), recordedPositionSchema);
}

/** The document's "our views are not reflected" flags, answered or not. */
export async function listFlags(documentId: string): Promise<Flag[]> {
  return (await readBody(await api.api.documents[':documentId'].flags.$get({ param: { documentId } }), flagListSchema)).flags;
}

/** Raises the signed-in delegate's delegation's flag on a paragraph. */
export async function raiseFlag(input: RaiseFlagInput): Promise<Flag> {
  return readBody(await api.api.documents[':documentId'].flags.$post({ param: { documentId: input.documentId }, json: input }), flagSchema);
}

/** A chair's written answer to a flag. */
export async function answerFlag(flagId: string, answer: string): Promise<Flag> {
  return readBody(await api.api.flags[':flagId'].answer.$post({ param: { flagId }, json: { answer } }), flagSchema);
}

/** What a PositionsStore reads from. */
export const positionsApi = { listPositions, listFlags };
