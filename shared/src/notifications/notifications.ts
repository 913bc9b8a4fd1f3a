import { z } from 'zod';
import { userIdSchema } from '../accounts/accounts.ts';
import { groupOf, nsaCommittee, type Committee } from '../committee/committee.ts';
import { blockIdSchema } from '../documentModel/documentModel.ts';
import { paragraphLabelSchema } from '../documentModel/paragraphLabels.ts';
import { documentIdSchema } from '../schemas/document.ts';
import type { SessionUser } from '../threads/authorship.ts';
import { mentionedDelegations } from '../threads/mentions.ts';
import { commentIdSchema, inputTargetSchema, threadIdSchema, type InputTarget, type Thread, type ThreadComment } from '../threads/schemas.ts';

export const notificationIdSchema = z.string().regex(/^[A-Za-z0-9_-]{6,40}$/, 'a notification id is 6-40 letters, digits, _ or -');

/**
 * What a notification tells. It names the thread and who acted, never a comment's words: the comment may be hidden
 * later, and the thread (fetched with the viewer's rights) is where its words are read.
 */
export const notificationSchema = z.object({
  id: notificationIdSchema,
  userId: userIdSchema,
  documentId: documentIdSchema,
  threadId: threadIdSchema,
  blockId: blockIdSchema,
  /**
   * The paragraph's label when the notification was made ("PP 2", "3." and its alternative rank), or null for an
   * unlabelled paragraph (and in notifications stored before labels were kept).
   */
  paragraph: paragraphLabelSchema.nullable().default(null),
  commentId: commentIdSchema.nullable(),
  /** Who acted: their name and delegation code, organisation id or "secretariat". */
  actor: z.object({ name: z.string().max(120), affiliation: z.string().max(64) }),
  reason: z.discriminatedUnion('kind', [
    /** The comment names the reader's delegation (@FRA). */
    z.object({ kind: z.literal('mention'), delegationCode: z.string().max(8) }).strict(),
    /** A chair asked the reader's group or delegation for input. */
    z.object({ kind: z.literal('input-requested'), target: inputTargetSchema }).strict(),
    /** A new comment in a thread the reader follows. */
    z.object({ kind: z.literal('reply') }).strict(),
  ]),
  createdAt: z.iso.datetime(),
  readAt: z.iso.datetime().nullable(),
});
export type Notification = z.infer<typeof notificationSchema>;
export type NotificationReason = Notification['reason'];

/** The answer of GET /api/notifications: the latest notifications, newest first, and how many are unread in all. */
export const notificationListSchema = z.object({ notifications: z.array(notificationSchema), unread: z.number().int().min(0) });
export type NotificationList = z.infer<typeof notificationListSchema>;

/** POST /api/notifications/read: these ids, or every notification of the reader. */
export const markNotificationsReadInputSchema = z.union([
  z.object({ ids: z.array(notificationIdSchema).min(1).max(200) }).strict(),
  z.object({ all: z.literal(true) }).strict(),
]);
export type MarkNotificationsReadInput = z.infer<typeof markNotificationsReadInputSchema>;

/** A notification to store: one reader, one reason. */
export interface NotificationDraft {
  userId: string;
  reason: NotificationReason;
}

type Reader = Pick<SessionUser, 'id' | 'role' | 'affiliation' | 'disabled'>;

const delegationOf = (reader: Reader) => (reader.affiliation.kind === 'delegation' ? reader.affiliation.delegationCode : null);

/**
 * Who hears of a published comment, each reader once: the delegations it mentions (any member, chair included), then
 * the thread's followers (a reply). Nobody is told of their own comment, and a disabled account hears nothing.
 */
export function notificationsForComment(
  comment: Pick<ThreadComment, 'body' | 'author' | 'state'>,
  followerIds: readonly string[],
  readers: readonly Reader[],
  committee: Committee = nsaCommittee,
): NotificationDraft[] {
  if (comment.state !== 'published') return [];
  const drafts = new Map<string, NotificationDraft>();
  const eligible = readers.filter((reader) => !reader.disabled && reader.id !== comment.author.userId);
  const mentioned = new Set(mentionedDelegations(comment.body, committee));
  for (const reader of eligible) {
    const code = delegationOf(reader);
    if (code !== null && mentioned.has(code)) drafts.set(reader.id, { userId: reader.id, reason: { kind: 'mention', delegationCode: code } });
  }
  const followers = new Set(followerIds);
  for (const reader of eligible) {
    if (followers.has(reader.id) && !drafts.has(reader.id)) drafts.set(reader.id, { userId: reader.id, reason: { kind: 'reply' } });
  }
  return [...drafts.values()];
}

/**
 * Who a chair's request for input reaches: a group's delegates, or every member of one delegation. The requester is
 * left out; observers and the secretariat speak for no group.
 */
export function notificationsForInputRequest(target: InputTarget, requesterId: string, readers: readonly Reader[], committee: Committee = nsaCommittee): NotificationDraft[] {
  return readers
    .filter((reader) => !reader.disabled && reader.id !== requesterId)
    .filter((reader) => {
      const code = delegationOf(reader);
      if (code === null) return false;
      if (target.kind === 'delegation') return code === target.delegationCode;
      return reader.role === 'delegate' && groupOf(code, committee)?.id === target.groupId;
    })
    .map((reader) => ({ userId: reader.id, reason: { kind: 'input-requested' as const, target } }));
}

/** Where a notification points: the thread's paragraph. */
export function notificationPlace(thread: Pick<Thread, 'id' | 'documentId' | 'anchor'>) {
  return { documentId: thread.documentId, threadId: thread.id, blockId: thread.anchor.blockId };
}
