import { Hono } from 'hono';
import { z } from 'zod';
import { markNotificationsReadInputSchema } from '@concord/shared';
import type { AppEnv } from '../http/appEnv.ts';
import { requireSession } from '../http/session.ts';
import { jsonBody, queryString } from '../http/validate.ts';
import type { NotificationStore } from '../notifications/NotificationStore.ts';

const listQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) });

/** The signed-in user's notifications: /api/notifications */
export function notificationRoutes(notifications: NotificationStore) {
  return new Hono<AppEnv>()
    .get('/', requireSession, queryString(listQuerySchema, 'limit is a number from 1 to 200'), async (context) => {
      const userId = context.var.session.user.id;
      const { limit } = context.req.valid('query');
      const [list, unread] = await Promise.all([notifications.list(userId, limit), notifications.unreadCount(userId)]);
      return context.json({ notifications: list, unread }, 200);
    })
    .post('/read', requireSession, jsonBody(markNotificationsReadInputSchema, 'the request body names no notifications'), async (context) => {
      const userId = context.var.session.user.id;
      const input = context.req.valid('json');
      const at = new Date().toISOString();
      if ('all' in input) await notifications.markAllRead(userId, at);
      else await notifications.markRead(userId, input.ids, at);
      return context.json({ unread: await notifications.unreadCount(userId) }, 200);
    });
}
