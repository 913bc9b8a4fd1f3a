import { z } from 'zod';
import { userIdSchema } from '../accounts/accounts.ts';
import { delegationCodeSchema } from '../committee/delegations.ts';
import { groupIdSchema } from '../committee/groups.ts';
import { roleSchema } from '../committee/roles.ts';
import { blockIdSchema } from '../documentModel/documentModel.ts';
import { documentIdSchema } from '../schemas/document.ts';
import { threadLimits } from './committeeRules.ts';

/** Same shape as the `comment` mark's threadId, since the mark in the CRDT carries it. */
export const threadIdSchema = z.string().regex(/^[A-Za-z0-9_-]{6,40}$/, 'a thread id is 6-40 letters, digits, _ or -');
export const commentIdSchema = z.string().regex(/^[A-Za-z0-9_-]{6,40}$/, 'a comment id is 6-40 letters, digits, _ or -');
export const flagIdSchema = z.string().regex(/^[A-Za-z0-9_-]{6,40}$/, 'a flag id is 6-40 letters, digits, _ or -');

// C0 controls other than tab and newline, and DEL: they have no place in a comment and can disguise text.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const controlCharacters = /[\u0000-\u0008\u000b-\u001f\u007f]/u;

/** Whether text holds a control character other than tab and newline. */
export function hasControlCharacters(text: string): boolean {
  return controlCharacters.test(text);
}

/** Plain text, shown as text by every client (never as HTML); `max` is the hard cap, committees may set less. */
function plainText(label: string, max: number) {
  return z
    .string()
    .trim()
    .min(1, `${label} is required`)
    .max(max, `${label} is at most ${max} characters`)
    .refine((text) => !hasControlCharacters(text), `${label} contains control characters`);
}

export const commentBodySchema = plainText('a comment', threadLimits.commentBody);
export const explanationSchema = plainText('an explanation', threadLimits.explanation);
/** A chair's written reason: for an override, a rejection, a hidden comment, an answer to a flag. */
export const reasonSchema = plainText('a reason', threadLimits.reason);

/**
 * Where a thread hangs. A range's exact extent lives in the CRDT (a `comment` mark carrying the thread id) so it
 * survives concurrent edits; the record keeps the paragraph, where the thread stays if the marked text is deleted.
 */
export const threadAnchorSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('range'), blockId: blockIdSchema, quote: z.string().max(threadLimits.quote) }).strict(),
  z.object({ kind: z.literal('paragraph'), blockId: blockIdSchema }).strict(),
]);
export type ThreadAnchor = z.infer<typeof threadAnchorSchema>;

/** The author as the session knew them when they wrote (copied, so later account changes do not rewrite history). */
export const commentAuthorSchema = z.object({
  userId: userIdSchema,
  name: z.string().max(120),
  role: roleSchema,
  /** Delegation code, observer organisation id or "secretariat". */
  affiliation: z.string().max(64),
  /** The delegation's group, or null for observers, the secretariat and unknown delegations. */
  group: groupIdSchema.nullable(),
});
export type CommentAuthor = z.infer<typeof commentAuthorSchema>;

export const commentStateSchema = z.enum(['published', 'queued', 'rejected', 'hidden']);
export type CommentState = z.infer<typeof commentStateSchema>;

/** Why a chair rejected or hid a comment; the comment itself is kept for chairs and the audit log. */
export const moderationRecordSchema = z.object({ by: userIdSchema, at: z.iso.datetime(), reason: reasonSchema });
export type ModerationRecord = z.infer<typeof moderationRecordSchema>;

export const commentSchema = z
  .object({
    id: commentIdSchema,
    threadId: threadIdSchema,
    documentId: documentIdSchema,
    author: commentAuthorSchema,
    body: commentBodySchema,
    createdAt: z.iso.datetime(),
    /** When it reached the floor: its creation, or its release from the queue; null while queued or if rejected. */
    publishedAt: z.iso.datetime().nullable(),
    state: commentStateSchema,
    moderation: moderationRecordSchema.nullable(),
  })
  .superRefine((comment, context) => {
    const needsReason = comment.state === 'rejected' || comment.state === 'hidden';
    if (needsReason !== (comment.moderation !== null)) {
      context.addIssue({ code: 'custom', message: `a ${comment.state} comment ${needsReason ? 'needs' : 'has no'} moderation record`, path: ['moderation'] });
    }
  });
/** Named apart from the DOM's Comment node, which client code also sees. */
export type ThreadComment = z.infer<typeof commentSchema>;

/** The alternating floor of one thread; a null k means the committee's default. */
export const floorSettingsSchema = z.object({ enabled: z.boolean(), k: z.number().int().min(1).max(threadLimits.floorK).nullable() });
export type FloorSettings = z.infer<typeof floorSettingsSchema>;

export const resolutionRecordSchema = z.object({
  by: userIdSchema,
  at: z.iso.datetime(),
  /** The chair's written reason when the thread was resolved without both groups' input, else null. */
  overrideReason: reasonSchema.nullable(),
});
export type ResolutionRecord = z.infer<typeof resolutionRecordSchema>;

export const threadSchema = z.object({
  id: threadIdSchema,
  documentId: documentIdSchema,
  anchor: threadAnchorSchema,
  createdBy: commentAuthorSchema,
  createdAt: z.iso.datetime(),
  state: z.enum(['open', 'resolved']),
  locked: z.boolean(),
  pinned: z.boolean(),
  floor: floorSettingsSchema,
  /** The latest resolution, null while open (kept in the audit log when reopened). */
  resolution: resolutionRecordSchema.nullable(),
});
export type Thread = z.infer<typeof threadSchema>;

export const stanceSchema = z.enum(['proposes', 'supports', 'opposes', 'reservation']);
export type Stance = z.infer<typeof stanceSchema>;

/** One delegation's position on a paragraph at one moment; the latest per delegation is its current one. */
export const positionSchema = z.object({
  documentId: documentIdSchema,
  blockId: blockIdSchema,
  delegationCode: delegationCodeSchema,
  stance: stanceSchema,
  explanation: explanationSchema.nullable(),
  recordedBy: userIdSchema,
  recordedAt: z.iso.datetime(),
});
export type Position = z.infer<typeof positionSchema>;

/** "Our views are not reflected": raised by a delegation on a paragraph, answered by a chair. */
export const flagSchema = z.object({
  id: flagIdSchema,
  documentId: documentIdSchema,
  blockId: blockIdSchema,
  delegationCode: delegationCodeSchema,
  explanation: explanationSchema.nullable(),
  raisedBy: userIdSchema,
  raisedAt: z.iso.datetime(),
  answer: z.object({ by: userIdSchema, at: z.iso.datetime(), text: reasonSchema }).nullable(),
});
export type Flag = z.infer<typeof flagSchema>;

/** Whom a chair asks for input: a whole group or one delegation. */
export const inputTargetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('group'), groupId: groupIdSchema }).strict(),
  z.object({ kind: z.literal('delegation'), delegationCode: delegationCodeSchema }).strict(),
]);
export type InputTarget = z.infer<typeof inputTargetSchema>;

// Inputs are strict: an author, a delegation or a state sent by a client is refused, never silently used.

export const createThreadInputSchema = z.object({ documentId: documentIdSchema, anchor: threadAnchorSchema, body: commentBodySchema }).strict();
export type CreateThreadInput = z.infer<typeof createThreadInputSchema>;

export const createCommentInputSchema = z.object({ threadId: threadIdSchema, body: commentBodySchema }).strict();
export type CreateCommentInput = z.infer<typeof createCommentInputSchema>;

export const recordPositionInputSchema = z
  .object({ documentId: documentIdSchema, blockId: blockIdSchema, stance: stanceSchema, explanation: explanationSchema.nullable().default(null) })
  .strict();
export type RecordPositionInput = z.infer<typeof recordPositionInputSchema>;

export const raiseFlagInputSchema = z
  .object({ documentId: documentIdSchema, blockId: blockIdSchema, explanation: explanationSchema.nullable().default(null) })
  .strict();
export type RaiseFlagInput = z.infer<typeof raiseFlagInputSchema>;

const onThread = { threadId: threadIdSchema };
const onComment = { threadId: threadIdSchema, commentId: commentIdSchema };

/** Every chair moderation action, as a client sends it. */
export const moderationInputSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('release'), ...onComment }).strict(),
  z.object({ action: z.literal('reject'), ...onComment, reason: reasonSchema }).strict(),
  z.object({ action: z.literal('hide'), ...onComment, reason: reasonSchema }).strict(),
  z.object({ action: z.literal('lock'), ...onThread }).strict(),
  z.object({ action: z.literal('unlock'), ...onThread }).strict(),
  z.object({ action: z.literal('pin'), ...onThread }).strict(),
  z.object({ action: z.literal('unpin'), ...onThread }).strict(),
  // The override reason is checked by decideResolution, which knows whether one is needed.
  z.object({ action: z.literal('resolve'), ...onThread, overrideReason: z.string().max(threadLimits.reason * 2).optional() }).strict(),
  z.object({ action: z.literal('reopen'), ...onThread }).strict(),
  z.object({ action: z.literal('request-input'), ...onThread, target: inputTargetSchema }).strict(),
  z.object({ action: z.literal('set-floor'), ...onThread, enabled: z.boolean(), k: z.number().int().min(1).max(threadLimits.floorK).nullable().default(null) }).strict(),
  z.object({ action: z.literal('answer-flag'), flagId: flagIdSchema, answer: reasonSchema }).strict(),
]);
export type ModerationInput = z.infer<typeof moderationInputSchema>;
export type ModerationActionName = ModerationInput['action'];
export const moderationActionNames: readonly ModerationActionName[] = moderationInputSchema.options.map((option) => option.shape.action.value);
