import { randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import { documentIdSchema, threadBalance, type CreationRefusal, type ModerationRefusal, type SessionUser, type ThreadRules } from '@concord/shared';
import type { AuditLog } from '../audit/AuditLog.ts';
import type { NotificationStore } from '../notifications/NotificationStore.ts';
import type { Store } from '../storage/Store.ts';
import type { CommentRateLimiter } from '../threads/CommentRateLimiter.ts';
import type { DiscussionNotifier } from '../threads/DiscussionNotifier.ts';
import { refusalStatus } from '../threads/refusalStatus.ts';
import type { StoredThread, ThreadStore } from '../threads/ThreadStore.ts';
import { visibleComments } from '../threads/visibleComments.ts';
import { errorBody } from './errors.ts';

/** What the thread, position, flag and notification routes work with. */
export interface ThreadRouteDependencies {
  store: Store;
  threads: ThreadStore;
  notifications: NotificationStore;
  notifier: DiscussionNotifier;
  audit: AuditLog;
  rules: ThreadRules;
  rateLimiter: CommentRateLimiter;
}

export const newId = () => randomBytes(12).toString('base64url');
export const now = () => new Date().toISOString();
/** The audit schema caps a detail at 500 characters; a chair's reason is kept whole up to that. */
export const auditText = (text: string | null) => (text === null ? null : text.slice(0, 500));

export function refused(context: Context, code: CreationRefusal | ModerationRefusal, detail: string) {
  const { status, code: errorCode } = refusalStatus(code);
  return context.json(errorBody(errorCode, detail), status);
}

export const invalidPath = (context: Context, message: string) => context.json(errorBody('invalid_request', message), 400);
export const conflict = (context: Context) => context.json(errorBody('conflict', 'the thread kept changing; try again'), 409);
export const noDocument = (context: Context) => context.json(errorBody('not_found', 'no such document'), 404);
export const rateLimited = (context: Context, rules: ThreadRules) =>
  context.json(errorBody('rate_limited', `at most ${rules.commentsPerMinute} comments a minute`), 429, { 'Retry-After': '60' });

/** The document id of the path when the document exists, else null (to be answered 404). */
export async function existingDocument(store: Store, raw: string): Promise<string | null> {
  const parsed = documentIdSchema.safeParse(raw);
  return parsed.success && (await store.getDocument(parsed.data)) !== null ? parsed.data : null;
}

/** A thread as a viewer reads it: the comments they may see, the balance of the published ones, and whether they follow it. */
export function threadView(viewer: SessionUser, stored: StoredThread, following: boolean) {
  return { ...stored.thread, version: stored.version, comments: visibleComments(viewer, stored.comments), balance: threadBalance(stored.comments), following };
}
