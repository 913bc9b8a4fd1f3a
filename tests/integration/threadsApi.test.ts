import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { commentSchema, moderationActionNames, type Role, type ThreadComment } from '@concord/shared';
import { json, send } from '../utils/apiRequest.ts';
import { expectErrorBody } from '../utils/expectErrorBody.ts';
import { startRedisServer, type RedisServer } from '../utils/redisServer.ts';
import { startTestServer, type SignedInAs, type TestServer } from '../utils/startTestServer.ts';

interface ThreadView {
  id: string;
  state: string;
  locked: boolean;
  pinned: boolean;
  floor: { enabled: boolean; k: number | null };
  resolution: { by: string; overrideReason: string | null } | null;
  comments: ThreadComment[];
  balance: { indicator: { kind: string } };
}

const delegation = (delegationCode: string) => ({ kind: 'delegation' as const, delegationCode });
const blockId = 'para-000001';

async function openThread(server: TestServer, author: SignedInAs, documentId: string, body = 'An opening comment'): Promise<ThreadView> {
  const response = await send(server, 'POST', `/api/documents/${documentId}/threads`, author.headers, { documentId, anchor: { kind: 'paragraph', blockId }, body });
  return json<ThreadView>(response, 201);
}

async function reply(server: TestServer, author: SignedInAs, threadId: string, body: string): Promise<Response> {
  return send(server, 'POST', `/api/threads/${threadId}/comments`, author.headers, { threadId, body });
}

function moderate(server: TestServer, actor: SignedInAs, threadId: string, action: Record<string, unknown>): Promise<Response> {
  return send(server, 'POST', `/api/threads/${threadId}/moderation`, actor.headers, { threadId, ...action });
}

async function threadsSeenBy(server: TestServer, viewer: SignedInAs, documentId: string): Promise<ThreadView[]> {
  return (await json<{ threads: ThreadView[] }>(await send(server, 'GET', `/api/documents/${documentId}/threads`, viewer.headers), 200)).threads;
}

describe('threads API (SQLite)', () => {
  let server: TestServer;
  let documentId: string;
  let chair: SignedInAs;
  let france: SignedInAs;
  let egypt: SignedInAs;
  let brazil: SignedInAs;
  let mexico: SignedInAs;
  beforeAll(async () => {
    server = await startTestServer();
    documentId = await server.createDocument('Threads');
    chair = await server.asRole('chair');
  });
  // Fresh delegates per test: each user has their own comment rate limit.
  beforeEach(async () => {
    france = await server.asRole('delegate', delegation('FRA'));
    egypt = await server.asRole('delegate', delegation('EGY'));
    brazil = await server.asRole('delegate', delegation('BRA'));
    mexico = await server.asRole('delegate', delegation('MEX'));
  });
  afterAll(async () => {
    await server.stop();
  });

  it('takes the author from the session and audits the new thread', async () => {
    const thread = await openThread(server, egypt, documentId);
    expect(thread.comments).toHaveLength(1);
    expect(thread.comments[0]!.author).toMatchObject({ userId: egypt.user.id, affiliation: 'EGY', group: 'NNWS', role: 'delegate' });
    expect(thread.balance.indicator.kind).toBe('only');
    const entries = await server.audit.query({ type: 'thread-created', documentId, limit: 10 });
    expect(entries.some((entry) => entry.detail['threadId'] === thread.id && entry.actor?.userId === egypt.user.id)).toBe(true);
  });

  it('refuses author fields in a body (400, strict schema) and stores nothing', async () => {
    const thread = await openThread(server, egypt, documentId);
    const forged = { threadId: thread.id, body: 'I am France', author: { userId: france.user.id, affiliation: 'FRA', group: 'NWS' } };
    await expectErrorBody(await send(server, 'POST', `/api/threads/${thread.id}/comments`, egypt.headers, forged), 400, 'invalid_request');
    const forgedThread = { documentId, anchor: { kind: 'paragraph', blockId }, body: 'x', delegationCode: 'FRA' };
    await expectErrorBody(await send(server, 'POST', `/api/documents/${documentId}/threads`, egypt.headers, forgedThread), 400, 'invalid_request');
    const forgedPosition = { documentId, blockId, stance: 'supports', delegationCode: 'FRA' };
    await expectErrorBody(await send(server, 'PUT', `/api/documents/${documentId}/positions`, egypt.headers, forgedPosition), 400, 'invalid_request');
    const stored = await server.threads.getThread(thread.id);
    expect(stored?.comments).toHaveLength(1);
  });

  it('answers 404 for an unknown document and an unknown thread', async () => {
    await expectErrorBody(await send(server, 'GET', '/api/documents/no-such-document/threads', egypt.headers), 404, 'not_found');
    await expectErrorBody(await reply(server, egypt, 'no-such-thread', 'hello'), 404, 'not_found');
  });

  describe('role x moderation action', () => {
    const refusedRoles: Role[] = ['delegate', 'observer', 'secretariat'];
    /** Every action on a thread prepared so that a chair may take it: a queued comment, a published one, a balanced thread. */
    async function prepared(): Promise<{ threadId: string; queuedId: string; publishedId: string }> {
      const thread = await openThread(server, france, documentId);
      await json(await moderate(server, chair, thread.id, { action: 'set-floor', enabled: true, k: 1 }), 200);
      const published = commentSchema.parse(await json(await reply(server, egypt, thread.id, 'NNWS view'), 201));
      const queued = commentSchema.parse(await json(await reply(server, brazil, thread.id, 'NNWS again'), 201));
      expect(queued.state).toBe('queued');
      return { threadId: thread.id, queuedId: queued.id, publishedId: published.id };
    }
    const bodyOf = (action: string, ids: { queuedId: string; publishedId: string }): Record<string, unknown> | null => {
      switch (action) {
        case 'release':
          return { action, commentId: ids.queuedId };
        case 'reject':
          return { action, commentId: ids.queuedId, reason: 'off topic' };
        case 'hide':
          return { action, commentId: ids.publishedId, reason: 'insulting' };
        case 'request-input':
          return { action, target: { kind: 'group', groupId: 'NWS' } };
        case 'set-floor':
          return { action, enabled: false, k: null };
        case 'unlock':
        case 'unpin':
        case 'reopen':
        case 'answer-flag':
          return null;
        default:
          return { action };
      }
    };
    const threadActions = moderationActionNames.filter((action) => bodyOf(action, { queuedId: 'x', publishedId: 'y' }) !== null);

    it.each(refusedRoles)('the %s role is refused every action (403) and nothing changes', async (role) => {
      const member = await server.asRole(role);
      const ids = await prepared();
      const before = await server.threads.getThread(ids.threadId);
      for (const action of threadActions) await expectErrorBody(await moderate(server, member, ids.threadId, bodyOf(action, ids)!), 403, 'forbidden');
      await expectErrorBody(await moderate(server, member, ids.threadId, { action: 'unlock' }), 403, 'forbidden');
      expect(await server.threads.getThread(ids.threadId)).toEqual(before);
    });

    it.each(threadActions)('a chair may %s, and it is audited', async (action) => {
      const ids = await prepared();
      const view = await json<ThreadView>(await moderate(server, chair, ids.threadId, bodyOf(action, ids)!), 200);
      expect(view.id).toBe(ids.threadId);
      const entries = await server.audit.query({ documentId, userId: chair.user.id, limit: 500 });
      expect(entries.some((entry) => entry.detail['threadId'] === ids.threadId && entry.detail['action'] === action)).toBe(true);
    });

    it('a chair may unlock, unpin and reopen what was locked, pinned and resolved', async () => {
      const ids = await prepared();
      for (const action of ['lock', 'pin', 'unlock', 'unpin']) await json(await moderate(server, chair, ids.threadId, { action }), 200);
      await json(await moderate(server, chair, ids.threadId, { action: 'resolve' }), 200);
      const reopened = await json<ThreadView>(await moderate(server, chair, ids.threadId, { action: 'reopen' }), 200);
      expect(reopened).toMatchObject({ state: 'open', locked: false, pinned: false, resolution: null });
    });
  });

  it('refuses a comment in a locked thread with 409 thread_locked', async () => {
    const thread = await openThread(server, egypt, documentId);
    await json(await moderate(server, chair, thread.id, { action: 'lock' }), 200);
    await expectErrorBody(await reply(server, france, thread.id, 'too late'), 409, 'thread_locked');
  });

  it('a delegate releasing their own queued comment gets 403 and it stays queued', async () => {
    const thread = await openThread(server, france, documentId);
    await json(await moderate(server, chair, thread.id, { action: 'set-floor', enabled: true, k: 1 }), 200);
    await json(await reply(server, egypt, thread.id, 'first'), 201);
    const queued = commentSchema.parse(await json(await reply(server, egypt, thread.id, 'second'), 201));
    expect(queued.state).toBe('queued');
    await expectErrorBody(await moderate(server, egypt, thread.id, { action: 'release', commentId: queued.id }), 403, 'forbidden');
    expect((await server.threads.getThread(thread.id))?.comments.find((comment) => comment.id === queued.id)?.state).toBe('queued');
  });

  it('a delegate cannot resolve a one-sided thread; a chair only with a written reason, which is recorded', async () => {
    const thread = await openThread(server, egypt, documentId);
    await expectErrorBody(await moderate(server, egypt, thread.id, { action: 'resolve' }), 403, 'forbidden');
    await expectErrorBody(await moderate(server, chair, thread.id, { action: 'resolve' }), 409, 'one_sided');
    expect((await server.threads.getThread(thread.id))?.thread.state).toBe('open');
    const reason = 'The NWS delegations declined to comment after two requests.';
    const resolved = await json<ThreadView>(await moderate(server, chair, thread.id, { action: 'resolve', overrideReason: reason }), 200);
    expect(resolved.state).toBe('resolved');
    expect(resolved.resolution).toMatchObject({ by: chair.user.id, overrideReason: reason });
    const entries = await server.audit.query({ type: 'thread-moderated', documentId, limit: 500 });
    expect(entries.some((entry) => entry.detail['threadId'] === thread.id && entry.detail['overrideReason'] === reason)).toBe(true);
  });

  it('alternating floor: the third NNWS comment in a row waits for the chair, who releases it', async () => {
    const thread = await openThread(server, france, documentId);
    await json(await moderate(server, chair, thread.id, { action: 'set-floor', enabled: true, k: 2 }), 200);
    expect(commentSchema.parse(await json(await reply(server, egypt, thread.id, 'NNWS one'), 201)).state).toBe('published');
    expect(commentSchema.parse(await json(await reply(server, brazil, thread.id, 'NNWS two'), 201)).state).toBe('published');
    const third = commentSchema.parse(await json(await reply(server, mexico, thread.id, 'NNWS three'), 201));
    expect(third.state).toBe('queued');

    const ofThread = (threads: ThreadView[]) => threads.find((candidate) => candidate.id === thread.id)!;
    expect(ofThread(await threadsSeenBy(server, chair, documentId)).comments.map((comment) => comment.id)).toContain(third.id);
    expect(ofThread(await threadsSeenBy(server, france, documentId)).comments.map((comment) => comment.id)).not.toContain(third.id);
    expect(ofThread(await threadsSeenBy(server, egypt, documentId)).comments.map((comment) => comment.id)).not.toContain(third.id);
    expect(ofThread(await threadsSeenBy(server, mexico, documentId)).comments.find((comment) => comment.id === third.id)?.state).toBe('queued');

    await json(await moderate(server, chair, thread.id, { action: 'release', commentId: third.id }), 200);
    expect(ofThread(await threadsSeenBy(server, france, documentId)).comments.find((comment) => comment.id === third.id)?.state).toBe('published');
  });

  it('stores hostile content and returns it as the same plain text', async () => {
    const hostile = '<script>alert(document.cookie)</script><img src=x onerror=alert(1)>';
    const thread = await openThread(server, egypt, documentId, hostile);
    await json(await reply(server, france, thread.id, hostile), 201);
    const seen = (await threadsSeenBy(server, france, documentId)).find((candidate) => candidate.id === thread.id)!;
    expect(seen.comments.map((comment) => comment.body)).toEqual([hostile, hostile]);
  });

  it('limits comment creation per user (429); another user is not limited', async () => {
    const writer = await server.asRole('delegate', delegation('MEX'));
    const thread = await openThread(server, writer, documentId);
    const statuses: number[] = [];
    for (let index = 0; index < 10; index += 1) statuses.push((await reply(server, writer, thread.id, `comment ${index}`)).status);
    // The default is 10 a minute: the thread's opening comment and nine replies.
    expect(statuses).toEqual([...Array<number>(9).fill(201), 429]);
    await expectErrorBody(await reply(server, writer, thread.id, 'again'), 429, 'rate_limited');
    expect(await reply(server, egypt, thread.id, 'another user is not limited')).toHaveProperty('status', 201);
  });

  it('records positions and flags for the delegate’s delegation', async () => {
    const position = { documentId, blockId, stance: 'supports', explanation: '<b>yes</b>' };
    const recorded = await json<{ summary: { supports: Array<{ delegationCode: string; explanation: string }> } }>(
      await send(server, 'PUT', `/api/documents/${documentId}/positions`, egypt.headers, position),
      200,
    );
    expect(recorded.summary.supports).toEqual([{ delegationCode: 'EGY', group: 'NNWS', explanation: '<b>yes</b>' }]);
    const listed = await json<{ summaries: Record<string, unknown> }>(await send(server, 'GET', `/api/documents/${documentId}/positions`, chair.headers), 200);
    expect(listed.summaries[blockId]).toMatchObject({ supports: [{ delegationCode: 'EGY' }] });
    await expectErrorBody(await send(server, 'PUT', `/api/documents/${documentId}/positions`, chair.headers, position), 403, 'not_a_delegation');

    const flag = await json<{ id: string; delegationCode: string }>(
      await send(server, 'POST', `/api/documents/${documentId}/flags`, france.headers, { documentId, blockId, explanation: 'not our view' }),
      201,
    );
    expect(flag.delegationCode).toBe('FRA');
    const flags = await json<{ flags: Array<{ id: string }> }>(await send(server, 'GET', `/api/documents/${documentId}/flags`, chair.headers), 200);
    expect(flags.flags.map((candidate) => candidate.id)).toContain(flag.id);
  });
});

describe('threads API (Redis)', () => {
  let redis: RedisServer;
  let server: TestServer;
  beforeAll(async () => {
    redis = await startRedisServer();
    server = await startTestServer({ REDIS_URL: redis.url });
  });
  afterAll(async () => {
    await server.stop();
    await redis.stop();
  });

  it('stores threads, the floor queue and moderation in Redis', async () => {
    const documentId = await server.createDocument('Threads on Redis');
    const chair = await server.asRole('chair');
    const france = await server.asRole('delegate', delegation('FRA'));
    const egypt = await server.asRole('delegate', delegation('EGY'));
    const thread = await openThread(server, egypt, documentId);
    await json(await moderate(server, chair, thread.id, { action: 'set-floor', enabled: true, k: 1 }), 200);
    const queued = commentSchema.parse(await json(await reply(server, egypt, thread.id, 'again'), 201));
    expect(queued.state).toBe('queued');
    await json(await reply(server, france, thread.id, 'NWS view'), 201);
    await json(await moderate(server, chair, thread.id, { action: 'release', commentId: queued.id }), 200);
    const resolved = await json<ThreadView>(await moderate(server, chair, thread.id, { action: 'resolve' }), 200);
    expect(resolved.state).toBe('resolved');
    expect(resolved.comments.map((comment) => comment.state)).toEqual(['published', 'published', 'published']);
    expect((await server.threads.getThread(thread.id))?.version).toBeGreaterThan(1);
  });
});
