import { Hono, type Context } from 'hono';
import {
  authorOf,
  createComment,
  createCommentInputSchema,
  createThread,
  createThreadInputSchema,
  decideFloor,
  decideModeration,
  moderationInputSchema,
  threadIdSchema,
  voiceOf,
  type SessionUser,
} from '@concord/shared';
import { auditActorOf } from '../accounts/Accounts.ts';
import type { AppEnv } from '../http/appEnv.ts';
import { requirePermission } from '../http/session.ts';
import { jsonBody } from '../http/validate.ts';
import { moderationPatch } from '../threads/moderationPatch.ts';
import type { StoredThread } from '../threads/ThreadStore.ts';
import { errorBody } from './errors.ts';
import {
  auditText,
  conflict,
  existingDocument,
  invalidPath,
  newId,
  noDocument,
  now,
  rateLimited,
  refused,
  threadView,
  type ThreadRouteDependencies,
} from './threadRouteKit.ts';

/** Optimistic writes race other instances; after this many lost races the client is told to try again. */
const maxAttempts = 5;

/** A document's threads: /api/documents/:documentId/threads */
export function documentThreadRoutes({ store, threads, notifications, notifier, audit, rules, rateLimiter }: ThreadRouteDependencies) {
  return new Hono<AppEnv>()
    .get('/:documentId/threads', requirePermission('document.read'), async (context) => {
      const documentId = await existingDocument(store, context.req.param('documentId'));
      if (documentId === null) return noDocument(context);
      const user = context.var.session.user;
      const stored = await threads.listThreadsWithComments(documentId);
      const following = await Promise.all(stored.map((thread) => notifications.isFollowing(thread.thread.id, user.id)));
      return context.json({ threads: stored.map((thread, index) => threadView(user, thread, following[index]!)) }, 200);
    })
    .post('/:documentId/threads', requirePermission('document.comment'), jsonBody(createThreadInputSchema, 'the request body is not a valid thread'), async (context) => {
      const documentId = await existingDocument(store, context.req.param('documentId'));
      if (documentId === null) return noDocument(context);
      const input = context.req.valid('json');
      if (input.documentId !== documentId) return invalidPath(context, 'the body names another document');
      const user = context.var.session.user;
      const created = createThread(user, input, { threadId: newId(), commentId: newId() }, now(), rules);
      if (!created.ok) return refused(context, created.code, created.detail);
      if (!(await rateLimiter.tryTake(user.id))) return rateLimited(context, rules);
      // An empty thread has no run, so this publishes; it is asked anyway so that the floor has one place.
      const floor = decideFloor(created.thread, [], voiceOf(created.comment.author), rules);
      const comment = floor.state === 'published' ? created.comment : { ...created.comment, state: floor.state, publishedAt: null };
      await threads.createThread(created.thread, comment);
      await notifications.follow(created.thread.id, user.id);
      await audit.append({
        type: 'thread-created',
        actor: auditActorOf(user),
        ip: context.var.clientIp,
        documentId,
        detail: { threadId: created.thread.id, commentId: comment.id, blockId: created.thread.anchor.blockId, anchor: created.thread.anchor.kind },
      });
      await notifier.threadChanged(created.thread);
      if (comment.state === 'published') await notifier.commentPublished(created.thread, comment);
      return context.json(threadView(user, { thread: created.thread, comments: [comment], version: 1 }, true), 201);
    });
}

/** One thread, its replies, its moderation and who follows it: /api/threads/:threadId/... */
export function threadRoutes({ threads, notifications, notifier, audit, rules, rateLimiter }: ThreadRouteDependencies) {
  const noThread = (context: Context) => context.json(errorBody('not_found', 'no such thread'), 404);
  const threadIdOf = (raw: string) => {
    const parsed = threadIdSchema.safeParse(raw);
    return parsed.success ? parsed.data : null;
  };
  const viewOf = async (user: SessionUser, stored: StoredThread) => threadView(user, stored, await notifications.isFollowing(stored.thread.id, user.id));

  return new Hono<AppEnv>()
    .get('/:threadId', requirePermission('document.read'), async (context) => {
      const threadId = threadIdOf(context.req.param('threadId'));
      const stored = threadId === null ? null : await threads.getThread(threadId);
      if (stored === null) return noThread(context);
      return context.json(await viewOf(context.var.session.user, stored), 200);
    })
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
        if (!rateChecked && !(await rateLimiter.tryTake(user.id))) return rateLimited(context, rules);
        rateChecked = true;
        if (!(await threads.appendCommentIf(threadId, stored.version, created.comment))) continue;
        await notifications.follow(threadId, user.id);
        await audit.append({
          type: 'comment-posted',
          actor: auditActorOf(user),
          ip: context.var.clientIp,
          documentId: stored.thread.documentId,
          detail: { threadId, commentId: created.comment.id, state: created.comment.state },
        });
        await notifier.threadChanged(stored.thread);
        if (created.comment.state === 'published') await notifier.commentPublished(stored.thread, created.comment);
        return context.json(created.comment, 201);
      }
      return conflict(context);
    })
    .post('/:threadId/moderation', requirePermission('document.read'), jsonBody(moderationInputSchema, 'the request body is not a valid moderation action'), async (context) => {
      const threadId = threadIdOf(context.req.param('threadId'));
      if (threadId === null) return noThread(context);
      const input = context.req.valid('json');
      if (input.action === 'answer-flag') return invalidPath(context, 'flags are answered at POST /api/flags/:flagId/answer');
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
        await notifier.threadChanged(updated.thread);
        const released = input.action === 'release' ? updated.comments.find((comment) => comment.id === input.commentId) : undefined;
        if (released !== undefined) await notifier.commentPublished(updated.thread, released);
        if (input.action === 'request-input') await notifier.inputRequested(updated.thread, input.target, authorOf(user));
        return context.json(await viewOf(user, updated), 200);
      }
      return conflict(context);
    })
    .post('/:threadId/follow', requirePermission('document.read'), async (context) => {
      const threadId = threadIdOf(context.req.param('threadId'));
      if (threadId === null || (await threads.getThread(threadId)) === null) return noThread(context);
      await notifications.follow(threadId, context.var.session.user.id);
      return context.json({ following: true }, 200);
    })
    .delete('/:threadId/follow', requirePermission('document.read'), async (context) => {
      const threadId = threadIdOf(context.req.param('threadId'));
      if (threadId === null || (await threads.getThread(threadId)) === null) return noThread(context);
      await notifications.unfollow(threadId, context.var.session.user.id);
      return context.json({ following: false }, 200);
    });
}
