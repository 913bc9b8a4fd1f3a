import { z } from 'zod';
import { groupIdSchema } from '../committee/groups.ts';
import { commentSchema, threadSchema } from './schemas.ts';

/** ThreadBalance (balance.ts) as it travels in an API answer. */
export const threadBalanceSchema = z.object({
  groups: z.array(z.object({ groupId: groupIdSchema, comments: z.number().int().min(0), delegations: z.array(z.string()) })),
  delegations: z.array(z.string()),
  observerComments: z.number().int().min(0),
  presidingComments: z.number().int().min(0),
  indicator: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('none') }),
    z.object({ kind: z.literal('only'), heard: z.array(groupIdSchema), missing: z.array(groupIdSchema) }),
    z.object({ kind: z.literal('all') }),
  ]),
  ratio: z.number().min(0).max(1).nullable(),
});

/**
 * A thread as one viewer reads it: the comments they may see (chairs: all; others: published ones and their own),
 * the balance of the published comments, and whether the viewer follows it.
 */
export const threadViewSchema = threadSchema.extend({
  version: z.number().int().min(1),
  comments: z.array(commentSchema),
  balance: threadBalanceSchema,
  following: z.boolean(),
});
export type ThreadView = z.infer<typeof threadViewSchema>;
