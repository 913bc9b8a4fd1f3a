import { z } from 'zod';
import {
  acceptInvitationSchema,
  auditEntrySchema,
  auditQuerySchema,
  commentSchema,
  createCommentInputSchema,
  createDocumentSchema,
  createThreadInputSchema,
  createUserSchema,
  flagSchema,
  moderationInputSchema,
  positionSchema,
  raiseFlagInputSchema,
  recordPositionInputSchema,
  threadSchema,
  documentMetaSchema,
  invitationSchema,
  sessionInfoSchema,
  signInSchema,
  updateUserSchema,
  userSchema,
} from '@concord/shared';
import type { RouteDescription, RouteResponse } from '../http/openApiDocument.ts';
import { errorBodySchema } from './errors.ts';

const error = (description: string): RouteResponse => ({ description, schema: errorBodySchema });
const invalid = error('invalid_request: the body or query does not match the schema (see issues)');
const unauthenticated = error('unauthenticated: no valid session');
const forbidden = error('forbidden: the role does not grant this; csrf: foreign or missing Origin, or a missing or wrong CSRF token');
const csrf = error('csrf: foreign or missing Origin, or a body that is not application/json');
const notFound = error('not_found');
const refusedByRules = {
  403: error('forbidden, own_comment, not_a_delegation: the rules refuse this account'),
  404: notFound,
  409: error("thread_locked, thread_resolved, one_sided, not_queued, ...: the thread's state does not allow it now; conflict: it kept changing"),
  422: error('too_long, reason_too_long, ...: the committee\'s rules refuse the input'),
};
/** A thread as a viewer reads it (comments filtered for non-chairs, balance of the published ones). */
const threadViewSchema = threadSchema.extend({ version: z.number().int(), comments: z.array(commentSchema), balance: z.record(z.string(), z.unknown()) });

/**
 * Every route the server answers, described once for GET /api/openapi.json. The schemas are the
 * ones the routes validate with; routes/openapi.test.ts checks that this table and the app agree.
 */
export const apiRouteTable: readonly RouteDescription[] = [
  { id: 'home', method: 'get', path: '/', tag: 'operations', summary: 'The drafting-room client (its page answers every client address); without a built client (CLIENT_DIR=off or no build), a plain page: the server runs, and the documents for a signed-in member', access: { kind: 'public' }, responses: { 200: { description: 'HTML page', mediaType: 'text/html' } } },
  { id: 'homeStylesheet', method: 'get', path: '/home.css', tag: 'operations', summary: "The home page's stylesheet", access: { kind: 'public' }, responses: { 200: { description: 'CSS', mediaType: 'text/css' } } },
  { id: 'liveness', method: 'get', path: '/healthz', tag: 'operations', summary: 'The process answers', access: { kind: 'public' }, responses: { 200: { description: 'alive', schema: z.object({ status: z.literal('ok') }) } } },
  {
    id: 'readiness',
    method: 'get',
    path: '/readyz',
    tag: 'operations',
    summary: 'The store answers',
    access: { kind: 'public' },
    responses: {
      200: { description: 'ready', schema: z.object({ status: z.literal('ready'), store: z.enum(['sqlite', 'redis']) }) },
      503: { description: 'the store does not answer', schema: z.object({ status: z.literal('unavailable'), store: z.enum(['sqlite', 'redis']) }) },
    },
  },
  { id: 'metrics', method: 'get', path: '/metrics', tag: 'operations', summary: 'Prometheus metrics', access: { kind: 'public' }, responses: { 200: { description: 'Prometheus text format', mediaType: 'text/plain' } } },
  { id: 'openApi', method: 'get', path: '/api/openapi.json', tag: 'operations', summary: 'This document', access: { kind: 'public' }, responses: { 200: { description: 'OpenAPI 3.1', schema: z.record(z.string(), z.unknown()) } } },

  {
    id: 'signIn',
    method: 'post',
    path: '/api/session',
    tag: 'session',
    summary: 'Sign in: sets the HttpOnly session cookie and ends the session the request came with',
    access: { kind: 'public' },
    withoutCsrfToken: true,
    body: signInSchema,
    responses: {
      200: { description: 'signed in; Set-Cookie carries the session', schema: sessionInfoSchema, headers: { 'Set-Cookie': 'concord_session=…; HttpOnly; SameSite=Lax; Path=/; Max-Age=…' } },
      400: invalid,
      401: error('invalid_credentials: the same answer for an unknown email, a wrong password and a disabled account'),
      403: csrf,
      429: { ...error('too_many_attempts: too many failures for this account or address'), headers: { 'Retry-After': 'seconds to wait' } },
    },
  },
  { id: 'getSession', method: 'get', path: '/api/session', tag: 'session', summary: 'The current session', access: { kind: 'session' }, responses: { 200: { description: 'the session', schema: sessionInfoSchema }, 401: unauthenticated } },
  { id: 'signOut', method: 'delete', path: '/api/session', tag: 'session', summary: 'Sign out: ends the session and clears the cookie', access: { kind: 'public' }, responses: { 204: { description: 'signed out' }, 403: forbidden } },

  { id: 'listUsers', method: 'get', path: '/api/users', tag: 'users', summary: 'All accounts', access: { kind: 'permission', action: 'users.manage' }, responses: { 200: { description: 'accounts', schema: z.object({ users: z.array(userSchema) }) }, 401: unauthenticated, 403: forbidden } },
  {
    id: 'createUser',
    method: 'post',
    path: '/api/users',
    tag: 'users',
    summary: 'Create an account (without a password: send the person an invitation)',
    access: { kind: 'permission', action: 'users.manage' },
    body: createUserSchema,
    responses: { 201: { description: 'created', schema: userSchema }, 400: invalid, 401: unauthenticated, 403: forbidden, 409: error('email_taken') },
  },
  {
    id: 'updateUser',
    method: 'patch',
    path: '/api/users/:userId',
    tag: 'users',
    summary: 'Change name, role, affiliation or disable; a disabled account is signed out everywhere',
    access: { kind: 'permission', action: 'users.manage' },
    body: updateUserSchema,
    responses: { 200: { description: 'changed', schema: userSchema }, 400: invalid, 401: unauthenticated, 403: forbidden, 404: notFound },
  },
  {
    id: 'inviteUser',
    method: 'post',
    path: '/api/users/:userId/invitation',
    tag: 'users',
    summary: 'Issue a one-time invitation link (replaces an earlier one); the token is in the fragment',
    access: { kind: 'permission', action: 'users.manage' },
    responses: { 201: { description: 'the link, shown once', schema: invitationSchema }, 401: unauthenticated, 403: forbidden, 404: notFound },
  },
  {
    id: 'acceptInvitation',
    method: 'post',
    path: '/api/invitations/accept',
    tag: 'users',
    summary: "Set the account's password with an invitation token",
    access: { kind: 'public' },
    withoutCsrfToken: true,
    body: acceptInvitationSchema,
    responses: { 204: { description: 'password set; sign in next' }, 400: error('invalid_invitation: unknown, used or expired; invalid_request: the password does not qualify'), 403: csrf },
  },

  {
    id: 'queryAudit',
    method: 'get',
    path: '/api/audit',
    tag: 'audit',
    summary: 'The audit log, newest first',
    access: { kind: 'permission', action: 'audit.read' },
    query: auditQuerySchema,
    responses: { 200: { description: 'entries', schema: z.object({ entries: z.array(auditEntrySchema) }) }, 400: invalid, 401: unauthenticated, 403: forbidden },
  },

  { id: 'listDocuments', method: 'get', path: '/api/documents', tag: 'documents', summary: 'All documents, oldest first', access: { kind: 'permission', action: 'document.read' }, responses: { 200: { description: 'documents', schema: z.object({ documents: z.array(documentMetaSchema) }) }, 401: unauthenticated, 403: forbidden } },
  {
    id: 'createDocument',
    method: 'post',
    path: '/api/documents',
    tag: 'documents',
    summary: 'Create a document',
    access: { kind: 'permission', action: 'document.create' },
    body: createDocumentSchema,
    responses: { 201: { description: 'created', schema: documentMetaSchema }, 400: invalid, 401: unauthenticated, 403: forbidden, 413: error('payload_too_large: over 64 KiB') },
  },
  { id: 'getDocument', method: 'get', path: '/api/documents/:documentId', tag: 'documents', summary: "A document's metadata", access: { kind: 'permission', action: 'document.read' }, responses: { 200: { description: 'the document', schema: documentMetaSchema }, 401: unauthenticated, 403: forbidden, 404: notFound } },

  {
    id: 'listThreads',
    method: 'get',
    path: '/api/documents/:documentId/threads',
    tag: 'threads',
    summary: "A document's threads with the comments the viewer may see (chairs: all; others: published and their own) and each thread's balance",
    access: { kind: 'permission', action: 'document.read' },
    responses: { 200: { description: 'threads', schema: z.object({ threads: z.array(threadViewSchema) }) }, 401: unauthenticated, 403: forbidden, 404: notFound },
  },
  {
    id: 'createThread',
    method: 'post',
    path: '/api/documents/:documentId/threads',
    tag: 'threads',
    summary: 'Open a thread with its first comment; the author is the session user',
    access: { kind: 'permission', action: 'document.comment' },
    body: createThreadInputSchema,
    responses: { 201: { description: 'created', schema: threadViewSchema }, 400: invalid, 401: unauthenticated, ...refusedByRules, 429: error('rate_limited: too many comments this minute') },
  },
  {
    id: 'createComment',
    method: 'post',
    path: '/api/threads/:threadId/comments',
    tag: 'threads',
    summary: 'Reply in a thread: published, or queued for the chair by the alternating floor',
    access: { kind: 'permission', action: 'document.comment' },
    body: createCommentInputSchema,
    responses: { 201: { description: 'the comment (state published or queued)', schema: commentSchema }, 400: invalid, 401: unauthenticated, ...refusedByRules, 429: error('rate_limited: too many comments this minute') },
  },
  {
    id: 'moderateThread',
    method: 'post',
    path: '/api/threads/:threadId/moderation',
    tag: 'threads',
    summary: "A chair's moderation action (release, reject, hide, lock, unlock, pin, unpin, resolve, reopen, request-input, set-floor); audited",
    access: { kind: 'permission', action: 'document.read' },
    body: moderationInputSchema,
    responses: { 200: { description: 'the thread after the action', schema: threadViewSchema }, 400: invalid, 401: unauthenticated, ...refusedByRules },
  },
  {
    id: 'listPositions',
    method: 'get',
    path: '/api/documents/:documentId/positions',
    tag: 'threads',
    summary: "Delegations' current positions, and per paragraph who proposes, supports, opposes or reserves",
    access: { kind: 'permission', action: 'document.read' },
    responses: { 200: { description: 'positions', schema: z.object({ positions: z.array(positionSchema), summaries: z.record(z.string(), z.unknown()) }) }, 401: unauthenticated, 403: forbidden, 404: notFound },
  },
  {
    id: 'recordPosition',
    method: 'put',
    path: '/api/documents/:documentId/positions',
    tag: 'threads',
    summary: "Record the session delegate's delegation's position on a paragraph",
    access: { kind: 'permission', action: 'document.comment' },
    body: recordPositionInputSchema,
    responses: { 200: { description: 'recorded', schema: z.object({ position: positionSchema, summary: z.record(z.string(), z.unknown()) }) }, 400: invalid, 401: unauthenticated, ...refusedByRules },
  },
  {
    id: 'listFlags',
    method: 'get',
    path: '/api/documents/:documentId/flags',
    tag: 'threads',
    summary: '"Our views are not reflected" flags, with their answers',
    access: { kind: 'permission', action: 'document.read' },
    responses: { 200: { description: 'flags', schema: z.object({ flags: z.array(flagSchema) }) }, 401: unauthenticated, 403: forbidden, 404: notFound },
  },
  {
    id: 'raiseFlag',
    method: 'post',
    path: '/api/documents/:documentId/flags',
    tag: 'threads',
    summary: '"Our views are not reflected" on a paragraph, for the session delegate\'s delegation',
    access: { kind: 'permission', action: 'document.comment' },
    body: raiseFlagInputSchema,
    responses: { 201: { description: 'raised', schema: flagSchema }, 400: invalid, 401: unauthenticated, ...refusedByRules },
  },
];
