import { z } from 'zod';
import { commentSchema, threadViewSchema, type CreateThreadInput, type ModerationInput, type ThreadComment, type ThreadView } from '@concord/shared';
import { api } from './http.ts';
import { readBody } from './readBody.ts';

export { threadBalanceSchema, threadViewSchema, type ThreadView } from '@concord/shared';

const threadListSchema = z.object({ threads: z.array(threadViewSchema) });
const followingSchema = z.object({ following: z.boolean() });

/** The thread routes the discussion panel uses; DiscussionStore takes them as a parameter (tests give their own). */
export interface ThreadsApi {
  listThreads(documentId: string): Promise<ThreadView[]>;
  getThread(threadId: string): Promise<ThreadView>;
  createThread(input: CreateThreadInput): Promise<ThreadView>;
  postComment(threadId: string, body: string): Promise<ThreadComment>;
  moderate(input: Exclude<ModerationInput, { action: 'answer-flag' }>): Promise<ThreadView>;
  setFollowing(threadId: string, following: boolean): Promise<boolean>;
}

/** A document's threads with what this viewer may see of them. */
export async function listThreads(documentId: string): Promise<ThreadView[]> {
  return (await readBody(await api.api.documents[':documentId'].threads.$get({ param: { documentId } }), threadListSchema)).threads;
}

/** One thread, as after a live-update message naming it. */
export async function getThread(threadId: string): Promise<ThreadView> {
  return readBody(await api.api.threads[':threadId'].$get({ param: { threadId } }), threadViewSchema);
}

/** Opens a thread with its first comment; the server names the author from the session. */
export async function createThread(input: CreateThreadInput): Promise<ThreadView> {
  return readBody(await api.api.documents[':documentId'].threads.$post({ param: { documentId: input.documentId }, json: input }), threadViewSchema);
}

/** A reply; the answer says whether it was published or waits in the chair's queue (alternating floor). */
export async function postComment(threadId: string, body: string): Promise<ThreadComment> {
  return readBody(await api.api.threads[':threadId'].comments.$post({ param: { threadId }, json: { threadId, body } }), commentSchema);
}

/** A chair's moderation action; the answer is the thread after it. */
export async function moderate(input: Exclude<ModerationInput, { action: 'answer-flag' }>): Promise<ThreadView> {
  return readBody(await api.api.threads[':threadId'].moderation.$post({ param: { threadId: input.threadId }, json: input }), threadViewSchema);
}

/** Follows or stops following a thread (replies then notify, or no longer); answers the new state. */
export async function setFollowing(threadId: string, following: boolean): Promise<boolean> {
  const route = api.api.threads[':threadId'].follow;
  const response = following ? await route.$post({ param: { threadId } }) : await route.$delete({ param: { threadId } });
  return (await readBody(response, followingSchema)).following;
}

export const threadsApi: ThreadsApi = { listThreads, getThread, createThread, postComment, moderate, setFollowing };
