import { z } from 'zod';
import { discussionMessageSchema, documentIdSchema, userIdSchema, type DiscussionMessage } from '@concord/shared';
import type { Channel } from '../storage/Channel.ts';
import { LocalChannel } from '../storage/LocalChannel.ts';
import { RedisChannel } from '../storage/RedisChannel.ts';

/** Between instances: a message 103 for every connection to a document, or for every connection of some users. */
export const discussionEventSchema = z.discriminatedUnion('audience', [
  z.object({ audience: z.literal('document'), documentId: documentIdSchema, message: discussionMessageSchema }).strict(),
  z.object({ audience: z.literal('users'), userIds: z.array(userIdSchema).min(1).max(10_000), message: discussionMessageSchema }).strict(),
]);
export type DiscussionEvent = z.infer<typeof discussionEventSchema>;
export type DiscussionEvents = Channel<DiscussionEvent>;

/** The Redis pub/sub channel of discussion events. */
export const discussionEventsChannel = 'concord:discussion-events';

/** Through Redis when the deployment has it (every instance hears), else within this process. */
export function openDiscussionEvents(redisUrl: string | undefined, onError: (error: unknown) => void): DiscussionEvents {
  if (redisUrl === undefined || redisUrl === '') return new LocalChannel<DiscussionEvent>(onError);
  return new RedisChannel({ url: redisUrl, channel: discussionEventsChannel, schema: discussionEventSchema, encode: JSON.stringify, decode: JSON.parse, onError });
}

export const toDocument = (documentId: string, message: DiscussionMessage): DiscussionEvent => ({ audience: 'document', documentId, message });
export const toUsers = (userIds: string[], message: DiscussionMessage): DiscussionEvent => ({ audience: 'users', userIds, message });
