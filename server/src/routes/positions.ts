import { Hono } from 'hono';
import { z } from 'zod';
import {
  decideModeration,
  flagIdSchema,
  raiseFlag,
  raiseFlagInputSchema,
  reasonSchema,
  recordPosition,
  recordPositionInputSchema,
  summarisePositions,
} from '@concord/shared';
import { auditActorOf } from '../accounts/Accounts.ts';
import type { AppEnv } from '../http/appEnv.ts';
import { requirePermission } from '../http/session.ts';
import { jsonBody } from '../http/validate.ts';
import { errorBody } from './errors.ts';
import { auditText, existingDocument, invalidPath, newId, noDocument, now, refused, type ThreadRouteDependencies } from './threadRouteKit.ts';

/** POST /api/flags/:flagId/answer: the flag id is the path's, so the body carries only the answer. */
const answerFlagInputSchema = z.object({ answer: reasonSchema }).strict();

/** A document's positions and "our views are not reflected" flags: /api/documents/:documentId/... */
export function documentPositionRoutes({ store, threads, notifier, audit, rules }: ThreadRouteDependencies) {
  return new Hono<AppEnv>()
    .get('/:documentId/positions', requirePermission('document.read'), async (context) => {
      const documentId = await existingDocument(store, context.req.param('documentId'));
      if (documentId === null) return noDocument(context);
      const positions = await threads.listPositions(documentId);
      const blockIds = [...new Set(positions.map((position) => position.blockId))];
      const summaries = Object.fromEntries(blockIds.map((blockId) => [blockId, summarisePositions(positions, documentId, blockId)]));
      return context.json({ positions, summaries }, 200);
    })
    .put('/:documentId/positions', requirePermission('document.comment'), jsonBody(recordPositionInputSchema, 'the request body is not a valid position'), async (context) => {
      const documentId = await existingDocument(store, context.req.param('documentId'));
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
      await notifier.positionsChanged(documentId, input.blockId);
      const summary = summarisePositions(await threads.listPositions(documentId), documentId, input.blockId);
      return context.json({ position: recorded.position, summary }, 200);
    })
    .get('/:documentId/flags', requirePermission('document.read'), async (context) => {
      const documentId = await existingDocument(store, context.req.param('documentId'));
      if (documentId === null) return noDocument(context);
      return context.json({ flags: await threads.listFlags(documentId) }, 200);
    })
    .post('/:documentId/flags', requirePermission('document.comment'), jsonBody(raiseFlagInputSchema, 'the request body is not a valid flag'), async (context) => {
      const documentId = await existingDocument(store, context.req.param('documentId'));
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
      await notifier.flagsChanged(documentId, raised.flag.id);
      return context.json(raised.flag, 201);
    });
}

/** A chair's answer to a flag: /api/flags/:flagId/answer */
export function flagRoutes({ threads, notifier, audit, rules }: ThreadRouteDependencies) {
  return new Hono<AppEnv>().post(
    '/:flagId/answer',
    requirePermission('document.read'),
    jsonBody(answerFlagInputSchema, 'the request body is not a valid answer'),
    async (context) => {
      const flagId = flagIdSchema.safeParse(context.req.param('flagId'));
      const user = context.var.session.user;
      const flag = flagId.success ? await threads.getFlag(flagId.data) : null;
      const input = { action: 'answer-flag' as const, flagId: flagId.success ? flagId.data : '', answer: context.req.valid('json').answer };
      // The rules answer first, so that a delegate learns "forbidden" rather than whether the flag exists.
      const decision = decideModeration(user, input, { thread: null, comments: [], flag }, rules);
      if (!decision.ok) return refused(context, decision.code, decision.detail);
      if (flag === null) return context.json(errorBody('not_found', 'no such flag'), 404);
      const answer = { by: user.id, at: now(), text: input.answer };
      if (!(await threads.answerFlag(flag.id, answer))) return refused(context, 'already-answered', 'the flag has been answered');
      await audit.append({
        type: 'flag-answered',
        actor: auditActorOf(user),
        ip: context.var.clientIp,
        documentId: flag.documentId,
        detail: { flagId: flag.id, blockId: flag.blockId, delegationCode: flag.delegationCode, answer: auditText(input.answer) },
      });
      await notifier.flagsChanged(flag.documentId, flag.id);
      return context.json({ ...flag, answer }, 200);
    },
  );
}
