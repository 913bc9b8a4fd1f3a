import { z } from 'zod';
import { notificationListSchema, type MarkNotificationsReadInput, type NotificationList } from '@concord/shared';
import { api } from './http.ts';
import { readBody } from './readBody.ts';

const unreadSchema = z.object({ unread: z.number().int().min(0) });

/** The signed-in user's latest notifications, newest first, and how many are unread in all. */
export async function listNotifications(limit = 30): Promise<NotificationList> {
  return readBody(await api.api.notifications.$get({ query: { limit: String(limit) } }), notificationListSchema);
}

/** Marks some notifications, or all of them, read; returns how many remain unread. */
export async function markNotificationsRead(input: MarkNotificationsReadInput): Promise<number> {
  return (await readBody(await api.api.notifications.read.$post({ json: input }), unreadSchema)).unread;
}
