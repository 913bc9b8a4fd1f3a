/**
 * Issue 5, live: every change of the discussion reaches the sockets it concerns as message 103 (on every instance
 * sharing Redis), and readers are notified of mentions, requests for input and replies in threads they follow.
 * Raw websocket clients and plain HTTP: nothing of the UI is involved.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { documentField, type DiscussionMessage, type Flag, type NotificationList, type ThreadComment, type ThreadView } from '@concord/shared';
import { json, send } from '../utils/apiRequest.ts';
import { expectErrorBody } from '../utils/expectErrorBody.ts';
import { RawClient } from '../utils/RawClient.ts';
import { websocketHeaders } from '../utils/credentials.ts';
import { startRedisServer, type RedisServer } from '../utils/redisServer.ts';
import { startTestServer, type SignedInAs, type TestServer } from '../utils/startTestServer.ts';

const delegation = (delegationCode: string) => ({ kind: 'delegation' as const, delegationCode });
const blockId = 'para-000001';

async function listen(server: TestServer, documentId: string, who: SignedInAs): Promise<RawClient> {
  const client = new RawClient(server.url, documentId, { headers: websocketHeaders(server.url, { ...who, headers: who.headers }) });
  await client.opened;
  await client.whenSynced();
  return client;
}

const heard = (client: RawClient, message: DiscussionMessage) =>
  client.waitFor(() => client.discussion.some((received) => JSON.stringify(received) === JSON.stringify(message)), 10_000, JSON.stringify(message));

async function openThread(server: TestServer, author: SignedInAs, documentId: string, body = 'An opening comment'): Promise<ThreadView> {
  return json<ThreadView>(await send(server, 'POST', `/api/documents/${documentId}/threads`, author.headers, { documentId, anchor: { kind: 'paragraph', blockId }, body }), 201);
}

async function reply(server: TestServer, author: SignedInAs, threadId: string, body: string): Promise<ThreadComment> {
  return json<ThreadComment>(await send(server, 'POST', `/api/threads/${threadId}/comments`, author.headers, { threadId, body }), 201);
}

async function moderate(server: TestServer, chair: SignedInAs, threadId: string, action: Record<string, unknown>): Promise<ThreadView> {
  return json<ThreadView>(await send(server, 'POST', `/api/threads/${threadId}/moderation`, chair.headers, { threadId, ...action }), 200);
}

async function notificationsOf(server: TestServer, reader: SignedInAs): Promise<NotificationList> {
  return json<NotificationList>(await send(server, 'GET', '/api/notifications', reader.headers), 200);
}

describe('discussion delivery and notifications (SQLite)', () => {
  let server: TestServer;
  let chair: SignedInAs;
  beforeAll(async () => {
    server = await startTestServer();
    chair = await server.asRole('chair');
  });
  afterAll(async () => {
    await server.stop();
  });

  it('tells the connections to the document, and only those, that a thread changed', async () => {
    const [first, second] = [await server.createDocument('First'), await server.createDocument('Second')];
    const egypt = await server.asRole('delegate', delegation('EGY'));
    const onFirst = await listen(server, first, egypt);
    const onSecond = await listen(server, second, egypt);
    const thread = await openThread(server, egypt, first);
    await heard(onFirst, { kind: 'thread', threadId: thread.id });
    const other = await openThread(server, egypt, second);
    await heard(onSecond, { kind: 'thread', threadId: other.id });
    expect(onSecond.discussion).toEqual([{ kind: 'thread', threadId: other.id }]);
    await reply(server, egypt, thread.id, 'A second thought');
    await moderate(server, chair, thread.id, { action: 'pin' });
    await onFirst.waitFor(() => onFirst.discussion.length === 3);
    expect(onFirst.discussion).toEqual(Array.from({ length: 3 }, () => ({ kind: 'thread', threadId: thread.id })));
    onFirst.close();
    onSecond.close();
  });

  it('tells the document of positions and flags, and a chair answers a flag once', async () => {
    const documentId = await server.createDocument('Positions');
    const france = await server.asRole('delegate', delegation('FRA'));
    const client = await listen(server, documentId, france);
    await json(await send(server, 'PUT', `/api/documents/${documentId}/positions`, france.headers, { documentId, blockId, stance: 'supports', explanation: null }), 200);
    await heard(client, { kind: 'positions', blockId });
    const flag = await json<Flag>(await send(server, 'POST', `/api/documents/${documentId}/flags`, france.headers, { documentId, blockId, explanation: 'Our proposal is missing' }), 201);
    await heard(client, { kind: 'flags', flagId: flag.id });

    const answerPath = `/api/flags/${flag.id}/answer`;
    await expectErrorBody(await send(server, 'POST', answerPath, france.headers, { answer: 'I answer myself' }), 403, 'forbidden');
    await expectErrorBody(await send(server, 'POST', '/api/flags/no-such-flag/answer', chair.headers, { answer: 'Noted' }), 404, 'not_found');
    await expectErrorBody(await send(server, 'POST', answerPath, chair.headers, { answer: '' }), 400, 'invalid_request');
    const answered = await json<Flag>(await send(server, 'POST', answerPath, chair.headers, { answer: 'Paragraph 3 now carries it in brackets' }), 200);
    expect(answered.answer).toMatchObject({ by: chair.user.id, text: 'Paragraph 3 now carries it in brackets' });
    await expectErrorBody(await send(server, 'POST', answerPath, chair.headers, { answer: 'A second answer' }), 409, 'already_answered');
    const { flags } = await json<{ flags: Flag[] }>(await send(server, 'GET', `/api/documents/${documentId}/flags`, france.headers), 200);
    expect(flags.map((stored) => stored.answer?.text)).toEqual(['Paragraph 3 now carries it in brackets']);
    const audited = await server.audit.query({ documentId, limit: 50 });
    expect(audited.filter((entry) => entry.type === 'flag-answered').map((entry) => entry.detail['flagId'])).toEqual([flag.id]);
    client.close();
  });

  it('notifies the members of a mentioned delegation, live on any document they have open', async () => {
    const [documentId, elsewhere] = [await server.createDocument('Mentions'), await server.createDocument('Elsewhere')];
    const egypt = await server.asRole('delegate', delegation('EGY'));
    const france = await server.asRole('delegate', delegation('FRA'));
    const unitedStates = await server.asRole('delegate', delegation('USA'));
    const franceSocket = await listen(server, elsewhere, france);
    const thread = await openThread(server, egypt, documentId, 'Could @FRA explain its reading of paragraph 2?');
    await heard(franceSocket, { kind: 'notifications' });
    const { notifications, unread } = await notificationsOf(server, france);
    expect(unread).toBe(1);
    expect(notifications).toEqual([
      expect.objectContaining({
        userId: france.user.id,
        documentId,
        threadId: thread.id,
        blockId,
        commentId: thread.comments[0]!.id,
        actor: { name: egypt.user.name, affiliation: 'EGY' },
        reason: { kind: 'mention', delegationCode: 'FRA' },
        readAt: null,
      }),
    ]);
    expect(JSON.stringify(notifications)).not.toContain('reading of paragraph 2');
    expect(await notificationsOf(server, unitedStates)).toEqual({ notifications: [], unread: 0 });
    expect((await notificationsOf(server, egypt)).unread).toBe(0);
    franceSocket.close();
  });

  it('names the paragraph in the notification by its label when the comment was made', async () => {
    const documentId = await server.createDocument('Labels');
    const egypt = await server.asRole('delegate', delegation('EGY'));
    const france = await server.asRole('delegate', delegation('FRA'));
    const writer = await listen(server, documentId, egypt);
    writer.doc.transact(() => {
      const fragment = writer.doc.getXmlFragment(documentField);
      for (const [id, role, alternativeOf] of [['pp-label-1', 'preambular', null], ['op-label-1', 'operative', null], ['op-label-2', 'operative', null], ['op-label-alt', 'operative', 'op-label-2']] as const) {
        const paragraph = new Y.XmlElement('paragraph');
        for (const [name, value] of Object.entries({ id, status: 'draft', role, ...(alternativeOf === null ? {} : { alternativeOf }) })) paragraph.setAttribute(name, value);
        paragraph.insert(0, [new Y.XmlText(`Text of ${id}`)]);
        fragment.push([paragraph]);
      }
    });
    await writer.whenStored();
    const on = (paragraphId: string) =>
      send(server, 'POST', `/api/documents/${documentId}/threads`, egypt.headers, { documentId, anchor: { kind: 'paragraph', blockId: paragraphId }, body: `@FRA on ${paragraphId}` });
    // While the document is open (labels read in its room), then once nobody has it open (read from the store).
    await json<ThreadView>(await on('op-label-2'), 201);
    writer.close();
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (const paragraphId of ['op-label-alt', blockId]) await json<ThreadView>(await on(paragraphId), 201);
    const labels = (await notificationsOf(server, france)).notifications.filter((notification) => notification.documentId === documentId).map((notification) => [notification.blockId, notification.paragraph]);
    expect(labels).toEqual([
      // Newest first; the document's first paragraph is plain text, with no label.
      [blockId, null],
      ['op-label-alt', { number: '2.', alternative: 1 }],
      ['op-label-2', { number: '2.', alternative: 0 }],
    ]);
  });

  it('notifies of a queued comment only once the chair releases it', async () => {
    const documentId = await server.createDocument('Queue');
    const egypt = await server.asRole('delegate', delegation('EGY'));
    const mexico = await server.asRole('delegate', delegation('MEX'));
    const france = await server.asRole('delegate', delegation('FRA'));
    const thread = await openThread(server, egypt, documentId);
    await moderate(server, chair, thread.id, { action: 'set-floor', enabled: true, k: 1 });
    const queued = await reply(server, mexico, thread.id, 'We too, and @FRA should answer');
    expect(queued.state).toBe('queued');
    expect((await notificationsOf(server, france)).unread).toBe(0);
    const seenByFrance = await json<ThreadView>(await send(server, 'GET', `/api/threads/${thread.id}`, france.headers), 200);
    expect(seenByFrance.comments.map((comment) => comment.id)).not.toContain(queued.id);

    await moderate(server, chair, thread.id, { action: 'release', commentId: queued.id });
    const { notifications } = await notificationsOf(server, france);
    expect(notifications.map((notification) => [notification.commentId, notification.actor.affiliation, notification.reason.kind])).toEqual([[queued.id, 'MEX', 'mention']]);
    // The thread's opener follows it and hears of the released reply too.
    expect((await notificationsOf(server, egypt)).notifications.map((notification) => notification.reason.kind)).toEqual(['reply']);
  });

  it('notifies followers of replies, and stops after unfollowing', async () => {
    const documentId = await server.createDocument('Follow');
    const france = await server.asRole('delegate', delegation('FRA'));
    const egypt = await server.asRole('delegate', delegation('EGY'));
    const ireland = await server.asRole('delegate', delegation('IRL'));
    const thread = await openThread(server, france, documentId);
    expect(thread.following).toBe(true);
    await reply(server, egypt, thread.id, 'A reply');
    expect((await notificationsOf(server, france)).notifications.map((notification) => notification.reason)).toEqual([{ kind: 'reply' }]);

    expect(await json(await send(server, 'POST', `/api/threads/${thread.id}/follow`, ireland.headers), 200)).toEqual({ following: true });
    expect(await json(await send(server, 'DELETE', `/api/threads/${thread.id}/follow`, france.headers), 200)).toEqual({ following: false });
    expect((await json<ThreadView>(await send(server, 'GET', `/api/threads/${thread.id}`, france.headers), 200)).following).toBe(false);
    await reply(server, egypt, thread.id, 'Another reply');
    expect((await notificationsOf(server, france)).notifications).toHaveLength(1);
    expect((await notificationsOf(server, ireland)).notifications.map((notification) => notification.reason)).toEqual([{ kind: 'reply' }]);
    await expectErrorBody(await send(server, 'POST', '/api/threads/no-such-thread/follow', ireland.headers), 404, 'not_found');
  });

  it("tells a group's delegates, not the chair, that a chair requests their input", async () => {
    const documentId = await server.createDocument('Input');
    const egypt = await server.asRole('delegate', delegation('EGY'));
    const china = await server.asRole('delegate', delegation('CHN'));
    const russia = await server.asRole('delegate', delegation('RUS'));
    const observer = await server.asRole('observer');
    const thread = await openThread(server, egypt, documentId);
    await moderate(server, chair, thread.id, { action: 'request-input', target: { kind: 'group', groupId: 'NWS' } });
    for (const nws of [china, russia]) {
      const { notifications } = await notificationsOf(server, nws);
      expect(notifications.filter((notification) => notification.threadId === thread.id).map((notification) => [notification.reason, notification.actor.affiliation])).toEqual([
        [{ kind: 'input-requested', target: { kind: 'group', groupId: 'NWS' } }, chair.user.affiliation.kind === 'delegation' ? chair.user.affiliation.delegationCode : ''],
      ]);
    }
    for (const outside of [egypt, observer, chair]) {
      expect((await notificationsOf(server, outside)).notifications.filter((notification) => notification.reason.kind === 'input-requested' && notification.threadId === thread.id)).toEqual([]);
    }
  });

  it('marks notifications read, only the reader’s own', async () => {
    const documentId = await server.createDocument('Read');
    const egypt = await server.asRole('delegate', delegation('EGY'));
    const france = await server.asRole('delegate', delegation('FRA'));
    const unitedKingdom = await server.asRole('delegate', delegation('GBR'));
    for (const body of ['@FRA @GBR one', '@FRA @GBR two', '@FRA @GBR three']) await openThread(server, egypt, documentId, body);
    const [newest, , oldest] = (await notificationsOf(server, france)).notifications;
    const britishIds = (await notificationsOf(server, unitedKingdom)).notifications.map((notification) => notification.id);
    expect(await json(await send(server, 'POST', '/api/notifications/read', france.headers, { ids: [oldest!.id, ...britishIds] }), 200)).toEqual({ unread: 2 });
    expect((await notificationsOf(server, unitedKingdom)).unread).toBe(3);
    const after = await notificationsOf(server, france);
    expect(after.notifications.find((notification) => notification.id === oldest!.id)?.readAt).toEqual(expect.any(String));
    expect(after.notifications.find((notification) => notification.id === newest!.id)?.readAt).toBeNull();
    expect(await json(await send(server, 'POST', '/api/notifications/read', france.headers, { all: true }), 200)).toEqual({ unread: 0 });
    await expectErrorBody(await send(server, 'POST', '/api/notifications/read', france.headers, { ids: [] }), 400, 'invalid_request');
    await expectErrorBody(await send(server, 'POST', '/api/notifications/read', france.headers, { all: true, userId: egypt.user.id }), 400, 'invalid_request');
    await expectErrorBody(await send(server, 'GET', '/api/notifications?limit=0', france.headers), 400, 'invalid_request');
    await expectErrorBody(await send(server, 'GET', '/api/notifications', { origin: server.url }), 401, 'unauthenticated');
  });
});

describe('discussion across two instances sharing Redis', () => {
  let redis: RedisServer;
  let one: TestServer;
  let two: TestServer;
  let chair: SignedInAs;
  beforeAll(async () => {
    redis = await startRedisServer();
    [one, two] = await Promise.all([startTestServer({ REDIS_URL: redis.url }), startTestServer({ REDIS_URL: redis.url })]);
    chair = await one.asRole('chair');
  });
  afterAll(async () => {
    await Promise.all([one?.stop(), two?.stop()]);
    await redis?.stop();
  });

  it('carries threads, the queue, positions and notifications to sockets on the other instance', async () => {
    const documentId = await one.createDocument('Two instances');
    const egypt = await one.asRole('delegate', delegation('EGY'));
    const mexico = await one.asRole('delegate', delegation('MEX'));
    const france = await one.asRole('delegate', delegation('FRA'));
    const egyptOnTwo = await listen(two, documentId, egypt);
    const franceOnOne = await listen(one, documentId, france);
    const thread = await openThread(one, egypt, documentId);
    await heard(egyptOnTwo, { kind: 'thread', threadId: thread.id });

    await moderate(two, chair, thread.id, { action: 'set-floor', enabled: true, k: 1 });
    const queued = await reply(one, mexico, thread.id, 'Queued behind Egypt, @FRA take note');
    expect(queued.state).toBe('queued');
    const queue = (await json<ThreadView>(await send(two, 'GET', `/api/threads/${thread.id}`, chair.headers), 200)).comments.filter((comment) => comment.state === 'queued');
    expect(queue.map((comment) => comment.id)).toEqual([queued.id]);
    await moderate(two, chair, thread.id, { action: 'release', commentId: queued.id });
    await heard(franceOnOne, { kind: 'notifications' });
    expect((await notificationsOf(one, france)).notifications.map((notification) => notification.commentId)).toEqual([queued.id]);
    const released = await json<ThreadView>(await send(one, 'GET', `/api/threads/${thread.id}`, france.headers), 200);
    expect(released.comments.find((comment) => comment.id === queued.id)?.state).toBe('published');

    await json(await send(two, 'PUT', `/api/documents/${documentId}/positions`, france.headers, { documentId, blockId, stance: 'opposes', explanation: null }), 200);
    await heard(franceOnOne, { kind: 'positions', blockId });
    await heard(egyptOnTwo, { kind: 'positions', blockId });
    egyptOnTwo.close();
    franceOnOne.close();
  });

  it('counts the comment rate limit across instances', async () => {
    const documentId = await one.createDocument('Rate');
    const egypt = await one.asRole('delegate', delegation('EGY'));
    const thread = await openThread(one, egypt, documentId);
    // The committee allows 10 comments a minute: the opening one, then nine more split between the instances.
    for (let index = 0; index < 9; index += 1) await reply(index % 2 === 0 ? two : one, egypt, thread.id, `Comment ${index}`);
    const refused = await send(two, 'POST', `/api/threads/${thread.id}/comments`, egypt.headers, { threadId: thread.id, body: 'One too many' });
    expect(refused.headers.get('retry-after')).toBe('60');
    await expectErrorBody(refused, 429, 'rate_limited');
    await expectErrorBody(await send(one, 'POST', `/api/threads/${thread.id}/comments`, egypt.headers, { threadId: thread.id, body: 'Still too many' }), 429, 'rate_limited');
  });
});
