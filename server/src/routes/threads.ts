import { randomBytes } from 'node:crypto';
import { Hono, type Context } from 'hono';
import {
  createComment,
  createCommentInputSchema,
  createThread,
  createThreadInputSchema,
  decideFloor,
  decideModeration,
  documentIdSchema,
  moderationInputSchema,
  raiseFlag,
  raiseFlagInputSchema,
  recordPosition,
  recordPositionInputSchema,
  summarisePositions,
  threadBalance,
  threadIdSchema,
  voiceOf,
  type CreationRefusal,
  type ModerationRefusal,
  type SessionUser,
  type ThreadRules,
} from '@concord/shared';
import { auditActorOf } from '../accounts/Accounts.ts';
import type { AuditLog } from '../audit/AuditLog.ts';
import type { AppEnv } from '../http/appEnv.ts';
import { requirePermission } from '../http/session.ts';
import { jsonBody } from '../http/validate.ts';
import type { Store } from '../storage/Store.ts';
import type { CommentRateLimiter } from '../threads/CommentRateLimiter.ts';
import { moderationPatch } from '../threads/moderationPatch.ts';
import { refusalStatus } from '../threads/refusalStatus.ts';
import type { StoredThread, ThreadStore } from '../threads/ThreadStore.ts';
import { visibleComments } from '../threads/visibleComments.ts';
import { errorBody } from './errors.ts';

export interface ThreadRouteDependencies {
  store: Store;
  threads: ThreadStore;
  audit: AuditLog;
  rules: ThreadRules;
  rateLimiter: CommentRateLimiter;
}

/** Optimistic writes race other instances; after this many lost races the client is told to try again. */
const maxAttempts = 5;

const newId = () => randomBytes(12).toString('base64url');
const now = () => new Date().toISOString();
/** The audit schema caps a detail at 500 characters; a chair's reason is kept whole up to that. */
const auditText = (text: string | null) => (text === null ? null : text.slice(0, 500));

function refused(context: Context, code: CreationRefusal | ModerationRefusal, detail: string) {
  const { status, code: errorCode } = refusalStatus(code);
  return context.json(errorBody(errorCode, detail), status);
}

const invalidPath = (context: Context, message: string) => context.json(errorBody('invalid_request', message), 400);
const conflict = (context: Context) => context.json(errorBody('conflict', 'the thread kept changing; try again'), 409);

/** A thread as a viewer reads it: the comments they may see and the balance of the published ones. */
function threadView(viewer: SessionUser, stored: StoredThread) {
  return { ...stored.thread, version: stored.version, comments: visibleComments(viewer, stored.comments), balance: threadBalance(stored.comments) };
}

/** Threads, positions and flags of one document: /api/documents/:documentId/... */
export function documentThreadRoutes({ store, threads, audit, rules, rateLimiter }: ThreadRouteDependencies) {
  /** The document id of the path when the document exists, else null (answered 404). */
  const existingDocument = async (raw: string): Promise<string | null> => {
    const parsed = documentIdSchema.safeParse(raw);
    return parsed.success && (await store.getDocument(parsed.data)) !== null ? parsed.data : null;
  };
  const noDocument = (context: Context) => context.json(errorBody('not_found', 'no such document'), 404);

  return new Hono<AppEnv>()
    .get('/:documentId/threads', requirePermission('document.read'), async (context) => {
      const documentId = await existingDocument(context.req.param('documentId'));
      if (documentId === null) return noDocument(context);
      const user = context.var.session.user;
      const stored = await threads.listThreadsWithComments(documentId);
      return context.json({ threads: stored.map((thread) => threadView(user, thread)) }, 200);
    })
    .post('/:documentId/threads', requirePermission('document.comment'), jsonBody(createThreadInputSchema, 'the request body is not a valid thread'), async (context) => {
      const documentId = await existingDocument(context.req.param('documentId'));
      if (documentId === null) return noDocument(context);
      const input = context.req.valid('json');
      if (input.documentId !== documentId) return invalidPath(context, 'the body names another document');
      const user = context.var.session.user;
      const created = createThread(user, input, { threadId: newId(), commentId: newId() }, now(), rules);
      if (!created.ok) return refused(context, created.code, created.detail);
      if (!rateLimiter.tryTake(user.id)) return context.json(errorBody('rate_limited', `at most ${rules.commentsPerMinute} comments a minute`), 429);
      // An empty thread has no run, so this publishes; it is asked anyway so that the floor has one place.
      const floor = decideFloor(created.thread, [], voiceOf(created.comment.author), rules);
      const comment = floor.state === 'published' ? created.comment : { ...created.comment, state: floor.state, publishedAt: null };
      await threads.createThread(created.thread, comment);
      await audit.append({
        type: 'thread-created',
        actor: auditActorOf(user),
        ip: context.var.clientIp,
        documentId,
        detail: { threadId: created.thread.id, commentId: comment.id, blockId: created.thread.anchor.blockId, anchor: created.thread.anchor.kind },
      });
      return context.json(threadView(user, { thread: created.thread, comments: [comment], version: 1 }), 201);
    })
    .get('/:documentId/positions', requirePermission('document.read'), async (context) => {
      const documentId = await existingDocument(context.req.param('documentId'));
      if (documentId === null) return noDocument(context);
      const positions = await threads.listPositions(documentId);
      const blockIds = [...new Set(positions.map((position) => position.blockId))];
      const summaries = Object.fromEntries(blockIds.map((blockId) => [blockId, summarisePositions(positions, documentId, blockId)]));
      return context.json({ positions, summaries }, 200);
    })
    .put('/:documentId/positions', requirePermission('document.comment'), jsonBody(recordPositionInputSchema, 'the request body is not a valid position'), async (context) => {
      const documentId = await existingDocument(context.req.param('documentId'));
      if (documentId === null) return noDocument(context);
      const input = context.req.valid('json');
      if (input.documentId !== documentId) return invalidPath(context, 'the body names another document');
      const user = context.var.session.user;
      const recorded = recordPosition(user, input, now(), rules);
      if (!recorded.ok) return refused(context, recorded.code, recorded.detail);
      if (!(await threads.setPosition(recorded.position))) return context.json(errorBody('conflict', 'a later position of this delegation was recorded'), 409);
      await audit.append({
        type: 'position-recorded',
        actor: auditActorOf(user),
        ip: context.var.clientIp,
        documentId,
        detail: { blockId: input.blockId, delegationCode: recorded.position.delegationCode, stance: input.stance },
      });
      const summary = summarisePositions(await threads.listPositions(documentId), documentId, input.blockId);
      return context.json({ position: recorded.position, summary }, 200);
    })
    .get('/:documentId/flags', requirePermission('document.read'), async (context) => {
      const documentId = await existingDocument(context.req.param('documentId'));
      if (documentId === null) return noDocument(context);
      return context.json({ flags: await threads.listFlags(documentId) }, 200);
    })
    .post('/:documentId/flags', requirePermission('document.comment'), jsonBody(raiseFlagInputSchema, 'the request body is not a valid flag'), async (context) => {
      const documentId = await existingDocument(context.req.param('documentId'));
      if (documentId === null) return noDocument(context);
      const input = context.req.valid('json');
      if (input.documentId !== documentId) return invalidPath(context, 'the body names another document');
      const user = context.var.session.user;
      const raised = raiseFlag(user, input, newId(), now(), rules);
      if (!raised.ok) return refused(context, raised.code, raised.detail);
      await threads.raiseFlag(raised.flag);
      await audit.append({
        type: 'flag-raised',
        actor: auditActorOf(user),
        ip: context.var.clientIp,
        documentId,
        detail: { flagId: raised.flag.id, blockId: input.blockId, delegationCode: raised.flag.delegationCode },
      });
      return context.json(raised.flag, 201);
    });
}

/** Replies and moderation of one thread: /api/threads/:threadId/... */
export function threadRoutes({ threads, audit, rules, rateLimiter }: ThreadRouteDependencies) {
  const noThread = (context: Context) => context.json(errorBody('not_found', 'no such thread'), 404);
  const threadIdOf = (raw: string) => {
    const parsed = threadIdSchema.safeParse(raw);
    return parsed.success ? parsed.data : null;
  };

  return new Hono<AppEnv>()
    .post('/:threadId/comments', requirePermission('document.comment'), jsonBody(createCommentInputSchema, 'the request body is not a valid comment'), async (context) => {
      const threadId = threadIdOf(context.req.param('threadId'));
      if (threadId === null) return noThread(context);
      const input = context.req.valid('json');
      if (input.threadId !== threadId) return invalidPath(context, 'the body names another thread');
      const user = context.var.session.user;
      let rateChecked = false;
      for (let attempt = 0; attempt < maxAttempts; attempt += 1) {
        const stored = await threads.getThread(threadId);
        if (stored === null) return noThread(context);
        const created = createComment(user, stored.thread, stored.comments, input, newId(), now(), rules);
        if (!created.ok) return refused(context, created.code, created.detail);
        // Counted once the rules accept the comment, and only once however many races it loses.
        if (!rateChecked && !rateLimiter.tryTake(user.id)) return context.json(errorBody('rate_limited', `at most ${rules.commentsPerMinute} comments a minute`), 429);
        rateChecked = true;
        if (await threads.appendCommentIf(threadId, stored.version, created.comment)) return context.json(created.comment, 201);
      }
      return conflict(context);
    })
    .post('/:threadId/moderation', requirePermission('document.read'), jsonBody(moderationInputSchema, 'the request body is not a valid moderation action'), async (context) => {
      const threadId = threadIdOf(context.req.param('threadId'));
      if (threadId === null) return noThread(context);
      const input = context.req.valid('json');
      if (input.action === 'answer-flag') return context.json(errorBody('unsupported_action', 'flags are answered elsewhere (not yet available)'), 422);
      if (input.threadId !== threadId) return invalidPath(context, 'the body names another thread');
      const user = context.var.session.user;
      for (let attempt = 0; attempt < maxAttempts; attempt += 1) {
        const stored = await threads.getThread(threadId);
        // The rules answer first, so that a delegate learns "forbidden" rather than whether the thread exists.
        const decision = decideModeration(user, input, { thread: stored?.thread ?? null, comments: stored?.comments ?? [], flag: null }, rules);
        if (!decision.ok) return refused(context, decision.code, decision.detail);
        if (stored === null) return noThread(context);
        const write = moderationPatch(input, user, decision.overrideReason, now());
        const written =
          write.kind === 'comment'
            ? await threads.updateComment(threadId, write.commentId, stored.version, write.patch)
            : write.kind === 'thread'
              ? await threads.updateThread(threadId, stored.version, write.patch)
              : true;
        if (!written) continue;
        await audit.append({
          type: write.kind === 'comment' ? 'comment-moderated' : 'thread-moderated',
          actor: auditActorOf(user),
          ip: context.var.clientIp,
          documentId: stored.thread.documentId,
          detail: {
            threadId,
            action: input.action,
            commentId: 'commentId' in input ? input.commentId : null,
            reason: 'reason' in input ? auditText(input.reason) : null,
            overrideReason: auditText(decision.overrideReason),
            target: input.action === 'request-input' ? (input.target.kind === 'group' ? input.target.groupId : input.target.delegationCode) : null,
          },
        });
        const updated = await threads.getThread(threadId);
        if (updated === null) return noThread(context);
        return context.json(threadView(user, updated), 200);
      }
      return conflict(context);
    });
}
