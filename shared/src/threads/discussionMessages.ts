import { z } from 'zod';
import { blockIdSchema } from '../documentModel/documentModel.ts';
import { flagIdSchema, threadIdSchema } from './schemas.ts';

/**
 * Message 103, server to client: something of the discussion changed. It names what, never its content: the client
 * refetches it over HTTP, where the server filters what this viewer may see (a hidden comment, a queued one).
 * `resync` means events may have been missed (a server lost its Redis subscription): refetch everything.
 */
export const discussionMessageSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('thread'), threadId: threadIdSchema }).strict(),
  z.object({ kind: z.literal('positions'), blockId: blockIdSchema }).strict(),
  z.object({ kind: z.literal('flags'), flagId: flagIdSchema }).strict(),
  z.object({ kind: z.literal('notifications') }).strict(),
  z.object({ kind: z.literal('resync') }).strict(),
]);
export type DiscussionMessage = z.infer<typeof discussionMessageSchema>;

/** Parses message 103's JSON text; null for anything else (a newer server's kind is ignored, not fatal). */
export function parseDiscussionMessage(text: string): DiscussionMessage | null {
  try {
    const parsed = discussionMessageSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
