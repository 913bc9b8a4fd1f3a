/**
 * The server as the authority, proven with raw protocol clients that bypass any UI: who may connect, who may
 * write where, and what the server says about who wrote what. Every refused attempt must close only its
 * sender, with the documented code and reason, leave the server's document and every other client as they
 * were, and be in the audit log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode, RefusalReason, csrfHeaderName, documentField, groupMix, type AuditEntry } from '@concord/shared';
import { protocol } from '@concord/server';
import { RawClient, type CloseEvent } from '../utils/RawClient.ts';
import { websocketHeaders, type Credentials } from '../utils/credentials.ts';
import { draftText } from '../utils/draft.ts';
import { startTestServer, type TestServer } from '../utils/startTestServer.ts';

let clock = Date.now();
let server: TestServer;
let chair: Credentials;
let france: Credentials;
let egypt: Credentials;
let iaea: Credentials;

beforeAll(async () => {
  server = await startTestServer({ HEARTBEAT_INTERVAL_MS: 200 }, { now: () => new Date(clock) });
  chair = await server.asRole('chair', { kind: 'delegation', delegationCode: 'KWT' });
  france = await server.asRole('delegate', { kind: 'delegation', delegationCode: 'FRA' });
  egypt = await server.asRole('delegate', { kind: 'delegation', delegationCode: 'EGY' });
  iaea = await server.asRole('observer', { kind: 'observer', organisationId: 'IAEA' });
});

afterAll(async () => {
  await server?.stop();
});

/** A raw client signed in as `who`, synced with the server. */
async function connect(who: Credentials, documentId: string, options: { ledger?: boolean } = {}): Promise<RawClient> {
  const client = new RawClient(server.url, documentId, { headers: websocketHeaders(server.url, who), ...options });
  await client.opened;
  await client.whenSynced();
  return client;
}

/** How the upgrade ended: 'open', or the HTTP status that refused it. */
async function upgradeOutcome(documentId: string, headers: Record<string, string>): Promise<string> {
  const client = new RawClient(server.url, documentId, { headers });
  try {
    await client.opened;
    return 'open';
  } catch (error) {
    return /HTTP (\d+)/.exec((error as Error).message)?.[1] ?? (error as Error).message;
  } finally {
    client.destroy();
  }
}

/** What a brand-new client receives from the server: the server's document as text. */
async function serverText(documentId: string): Promise<string> {
  const reader = await connect(chair, documentId);
  try {
    return reader.text;
  } finally {
    reader.destroy();
  }
}

async function auditEntries(query: Record<string, string>): Promise<AuditEntry[]> {
  const response = await fetch(`${server.url}/api/audit?${new URLSearchParams(query).toString()}`, { headers: chair.headers });
  expect(response.status).toBe(200);
  return ((await response.json()) as { entries: AuditEntry[] }).entries;
}

function paragraph(id: string, status: string, text: string): Y.XmlElement {
  const element = new Y.XmlElement('paragraph');
  element.setAttribute('id', id);
  element.setAttribute('status', status);
  element.setAttribute('role', 'operative');
  const content = new Y.XmlText();
  content.insert(0, text);
  element.insert(0, [content]);
  return element;
}

const fragmentOf = (client: RawClient) => client.doc.getXmlFragment(documentField);
const blockOf = (client: RawClient, index: number) => fragmentOf(client).get(index) as Y.XmlElement;
const textOf = (client: RawClient, index: number) => blockOf(client, index).get(0) as Y.XmlText;

/** A document with a draft paragraph (FRA's text) and an agreed one the chair wrote. */
async function negotiatedDocument(): Promise<string> {
  const documentId = await server.createDocument('Negotiated text');
  const writer = await connect(chair, documentId);
  draftText(writer.doc).insert(0, 'Calls upon the nuclear-weapon States');
  fragmentOf(writer).insert(1, [paragraph('agreed-one', 'agreed', 'Reaffirms that the Treaty is the cornerstone')]);
  await writer.whenStored();
  writer.destroy();
  return documentId;
}

describe('websocket access', () => {
  let documentId: string;
  beforeAll(async () => {
    documentId = await server.createDocument('Access');
  });

  it('opens for a signed-in account from the server’s own origin', async () => {
    expect(await upgradeOutcome(documentId, websocketHeaders(server.url, france))).toBe('open');
  });

  it.each([
    ['no session cookie', () => ({ origin: server.url })],
    ['an unknown session', () => ({ origin: server.url, cookie: 'concord_session=Xq3sVd9Jw2lQ8ZmT0bR5cN7yA1eK4uPfH6gI0oLs2Wc' })],
  ])('refuses %s with 401 before any websocket exists', async (_case, headers) => {
    expect(await upgradeOutcome(documentId, headers())).toBe('401');
  });

  it.each([
    ['a foreign origin (cross-site websocket hijacking)', () => ({ origin: 'https://evil.example', cookie: france.cookie })],
    ['no origin', () => ({ cookie: france.cookie })],
  ])('refuses %s with 403 even with a valid session', async (_case, headers) => {
    expect(await upgradeOutcome(documentId, headers())).toBe('403');
  });

  it('records refused upgrades in the audit log', async () => {
    await upgradeOutcome(documentId, { origin: 'https://evil.example', cookie: france.cookie });
    const entries = await auditEntries({ type: 'websocket-refused', documentId });
    expect(entries.some((entry) => entry.detail.status === 403)).toBe(true);
    expect(entries.some((entry) => entry.detail.status === 401)).toBe(true);
  });

  it('refuses an expired session, and closes the sockets it had opened', async () => {
    const shortLived = await server.asRole('delegate', { kind: 'delegation', delegationCode: 'IRL' });
    const client = await connect(shortLived, documentId);
    const before = clock;
    clock += 13 * 60 * 60 * 1000; // past SESSION_TTL_HOURS (12 by default)
    try {
      const closed = await client.closed;
      expect(closed.code).toBe(CloseCode.reauthenticate);
      expect(await upgradeOutcome(documentId, websocketHeaders(server.url, shortLived))).toBe('401');
    } finally {
      clock = before;
    }
  });

  it('closes the sockets of a session that signs out, and refuses it afterwards', async () => {
    const leaving = await server.asRole('delegate', { kind: 'delegation', delegationCode: 'MEX' });
    const client = await connect(leaving, documentId);
    const response = await fetch(`${server.url}/api/session`, { method: 'DELETE', headers: leaving.headers });
    expect(response.status).toBe(204);
    expect((await client.closed).code).toBe(CloseCode.reauthenticate);
    expect(await upgradeOutcome(documentId, websocketHeaders(server.url, leaving))).toBe('401');
  });

  it('closes the sockets of a disabled account, which can no longer connect', async () => {
    const disabled = await server.asRole('delegate', { kind: 'delegation', delegationCode: 'BRA' });
    const client = await connect(disabled, documentId);
    const secretariat = await server.asRole('secretariat');
    const response = await fetch(`${server.url}/api/users/${disabled.user.id}`, {
      method: 'PATCH',
      headers: { ...secretariat.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ disabled: true }),
    });
    expect(response.status).toBe(200);
    expect((await client.closed).code).toBe(CloseCode.reauthenticate);
    expect(await upgradeOutcome(documentId, websocketHeaders(server.url, disabled))).toBe('401');
  });

  it('closes the sockets of an account whose role changes; it reconnects with the new role', async () => {
    const demoted = await server.asRole('delegate', { kind: 'delegation', delegationCode: 'ZAF' });
    const client = await connect(demoted, documentId);
    const secretariat = await server.asRole('secretariat');
    const response = await fetch(`${server.url}/api/users/${demoted.user.id}`, {
      method: 'PATCH',
      headers: { ...secretariat.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'observer', affiliation: { kind: 'observer', organisationId: 'UNODA' } }),
    });
    expect(response.status).toBe(200);
    expect((await client.closed).code).toBe(CloseCode.reauthenticate);
    const again = await connect(demoted, documentId);
    draftText(again.doc).insert(0, 'now an observer');
    expect(await again.closed).toEqual({ code: CloseCode.forbidden, reason: RefusalReason.readOnly });
  });
});

describe('observers and read-only connections', () => {
  it('answer an observer’s sync step 1, refuse its updates and sync step 2, and change nothing', async () => {
    const documentId = await negotiatedDocument();
    const delegate = await connect(france, documentId);
    const observer = await connect(iaea, documentId);
    expect(observer.text).toBe(delegate.text);
    draftText(observer.doc).insert(0, 'The IAEA decides ');
    expect(await observer.closed).toEqual({ code: CloseCode.forbidden, reason: RefusalReason.readOnly });

    // A sync step 2 that carries a change, sent as the first answer of a fresh connection.
    const offline = new Y.Doc();
    Y.applyUpdate(offline, Y.encodeStateAsUpdate(delegate.doc));
    draftText(offline).insert(0, 'Observer text ');
    const second = new RawClient(server.url, documentId, { headers: websocketHeaders(server.url, iaea), doc: offline });
    expect(await second.closed).toEqual({ code: CloseCode.forbidden, reason: RefusalReason.readOnly });

    expect(await serverText(documentId)).toBe(delegate.text);
    expect(delegate.text).not.toContain('IAEA');
    delegate.destroy();
  });

  it('show an observer changes live', async () => {
    const documentId = await negotiatedDocument();
    const observer = await connect(iaea, documentId);
    const delegate = await connect(france, documentId);
    draftText(delegate.doc).insert(0, 'Urges ');
    await observer.waitFor(() => observer.text.startsWith('Urges '), 10_000, 'the observer to see the edit');
    delegate.destroy();
    observer.destroy();
  });
});

describe('document policy against raw clients', () => {
  interface Attempt {
    who: () => Credentials;
    edit: (client: RawClient) => void;
    code: number;
    reason: string;
  }

  const attempts: Record<string, Attempt> = {
    'a delegate changing a status': { who: () => france, edit: (client) => blockOf(client, 0).setAttribute('status', 'agreed'), code: CloseCode.forbidden, reason: RefusalReason.statusForbidden },
    'a delegate editing text inside an agreed paragraph': { who: () => france, edit: (client) => textOf(client, 1).insert(9, 'not '), code: CloseCode.forbidden, reason: RefusalReason.lockedBlock },
    'a delegate deleting text inside an agreed paragraph': { who: () => france, edit: (client) => textOf(client, 1).delete(0, 10), code: CloseCode.forbidden, reason: RefusalReason.lockedBlock },
    'a delegate formatting an agreed paragraph': { who: () => france, edit: (client) => textOf(client, 1).format(0, 9, { bracket: {} }), code: CloseCode.forbidden, reason: RefusalReason.lockedBlock },
    'a delegate deleting an agreed paragraph': { who: () => france, edit: (client) => fragmentOf(client).delete(1, 1), code: CloseCode.forbidden, reason: RefusalReason.lockedBlock },
    'a delegate moving an agreed paragraph': {
      who: () => france,
      edit: (client) =>
        client.doc.transact(() => {
          fragmentOf(client).delete(1, 1);
          fragmentOf(client).insert(0, [paragraph('agreed-one', 'agreed', 'Reaffirms that the Treaty is the cornerstone')]);
        }),
      code: CloseCode.forbidden,
      reason: RefusalReason.lockedBlock,
    },
    'a chair editing an agreed paragraph without reopening it': { who: () => chair, edit: (client) => textOf(client, 1).insert(0, 'Strongly '), code: CloseCode.forbidden, reason: RefusalReason.lockedBlock },
    'a node the schema does not allow': {
      who: () => france,
      edit: (client) => fragmentOf(client).insert(0, [new Y.XmlElement('script')]),
      code: CloseCode.refusedUpdate,
      reason: RefusalReason.schemaViolation,
    },
    'an attribute the schema does not allow': {
      who: () => france,
      edit: (client) => blockOf(client, 0).setAttribute('onclick', 'alert(1)'),
      code: CloseCode.refusedUpdate,
      reason: RefusalReason.schemaViolation,
    },
    'a root outside the document': { who: () => france, edit: (client) => client.doc.getMap('meta').set('status', 'agreed'), code: CloseCode.refusedUpdate, reason: RefusalReason.schemaViolation },
  };

  it.each(Object.keys(attempts))('refuses %s, changes nothing anyone sees, and audits it', async (name) => {
    const attempt = attempts[name]!;
    const documentId = await negotiatedDocument();
    const bystander = await connect(egypt, documentId);
    const before = await serverText(documentId);
    const attacker = await connect(attempt.who(), documentId);
    attempt.edit(attacker);
    expect(await attacker.closed).toEqual({ code: attempt.code, reason: attempt.reason });
    // The bystander keeps editing; its later edit arrives, the refused one never does.
    draftText(bystander.doc).insert(0, '[EGY] ');
    await bystander.whenStored();
    expect(await serverText(documentId)).toBe(`[EGY] ${before}`);
    expect(bystander.text).toBe(`[EGY] ${before}`);
    const refused = await auditEntries({ type: 'update-refused', documentId });
    expect(refused.map((entry) => [entry.actor?.userId, entry.detail.reason])).toContainEqual([attempt.who().user.id, attempt.reason]);
    bystander.destroy();
  });

  it('lets a chair reopen an agreed paragraph, after which delegates edit it; both changes are audited', async () => {
    const documentId = await negotiatedDocument();
    const presiding = await connect(chair, documentId);
    blockOf(presiding, 1).setAttribute('status', 'draft');
    await presiding.whenStored();
    const delegate = await connect(france, documentId);
    textOf(delegate, 1).insert(0, 'Also ');
    await delegate.whenStored();
    expect(await serverText(documentId)).toContain('Also Reaffirms');
    blockOf(presiding, 1).setAttribute('status', 'agreed');
    await presiding.whenStored();
    const changes = await auditEntries({ type: 'status-changed', documentId });
    expect(changes.map((entry) => [entry.detail.from, entry.detail.to, entry.actor?.userId])).toEqual([
      ['draft', 'agreed', chair.user.id],
      ['agreed', 'draft', chair.user.id],
    ]);
    // Audit entries carry ids and statuses, never the paragraph's text.
    expect(JSON.stringify(changes)).not.toContain('Reaffirms');
    presiding.destroy();
    delegate.destroy();
  });

  it('refuses a clientID bound to another user', async () => {
    const documentId = await negotiatedDocument();
    const owner = await connect(france, documentId);
    draftText(owner.doc).insert(0, 'FRA: ');
    await owner.whenStored();
    const impostor = await connect(egypt, documentId);
    // yjs gives a document a new clientID when a remote update uses its own, so the forged edit is made on a
    // copy whose clientID is set back to the owner's after the copy is made.
    const forged = new Y.Doc();
    Y.applyUpdate(forged, Y.encodeStateAsUpdate(impostor.doc));
    forged.clientID = owner.doc.clientID;
    draftText(forged).insert(0, 'Forged ');
    impostor.sendUpdate(Y.encodeStateAsUpdate(forged, Y.encodeStateVector(impostor.doc)));
    expect(await impostor.closed).toEqual({ code: CloseCode.clientIdTaken, reason: RefusalReason.clientIdTaken });
    expect(await serverText(documentId)).not.toContain('Forged');
    owner.destroy();
  });

  it('stamps awareness with the sender’s real identity: nobody appears as someone else', async () => {
    const documentId = await negotiatedDocument();
    const watcher = await connect(iaea, documentId);
    const forger = await connect(france, documentId);
    forger.awareness.setLocalState({ user: { name: 'United States delegate', affiliation: 'USA', group: 'NWS', role: 'chair' }, cursor: null });
    forger.sendAwareness();
    await watcher.waitFor(() => watcher.awareness.getStates().has(forger.doc.clientID), 10_000, 'the forged presence');
    const seen = watcher.awareness.getStates().get(forger.doc.clientID) as { user: Record<string, unknown> };
    expect(seen.user).toMatchObject({ id: france.user.id, name: france.user.name, role: 'delegate', affiliation: 'FRA', group: 'NWS' });
    forger.destroy();
    watcher.destroy();
  });
});

describe('attribution stamped by the server', () => {
  it('names every delegation that wrote a paragraph, with the NWS/NNWS mix', async () => {
    const documentId = await server.createDocument('Attribution');
    const fra = await connect(france, documentId, { ledger: true });
    draftText(fra.doc).insert(0, 'Calls upon');
    await fra.whenStored();
    const egy = await connect(egypt, documentId, { ledger: true });
    draftText(egy.doc).insert(draftText(egy.doc).length, ' all States');
    await egy.whenStored();
    const id = blockOf(fra, 0).getAttribute('id')!;
    await fra.waitFor(() => fra.ledger.get(id)?.contributors.EGY !== undefined, 10_000, 'EGY in the ledger');
    const attribution = fra.ledger.get(id)!;
    expect(attribution.originator).toBe('FRA');
    expect(Object.keys(attribution.contributors).sort()).toEqual(['EGY', 'FRA']);
    expect(groupMix(attribution)).toEqual({ NWS: 1, NNWS: 1 });
    expect(egy.ledger.get(id)).toEqual(attribution);
    fra.destroy();
    egy.destroy();
  });

  it('records the typist when a chair types for a delegation, and refuses that to a delegate', async () => {
    const documentId = await server.createDocument('Read out in the room');
    const presiding = await connect(chair, documentId, { ledger: true });
    presiding.send(protocol.encodeSpeaker({ typingFor: 'MEX' }));
    draftText(presiding.doc).insert(0, 'Mexico proposes');
    await presiding.whenStored();
    const id = blockOf(presiding, 0).getAttribute('id')!;
    await presiding.waitFor(() => presiding.ledger.has(id), 10_000, 'the ledger');
    const attribution = presiding.ledger.get(id)!;
    expect(attribution.originator).toBe('MEX');
    expect(attribution.contributors.MEX!.typists).toEqual([{ userId: chair.user.id, name: chair.user.name, role: 'chair' }]);
    expect(attribution.contributors.CHAIR).toBeUndefined();

    const delegate = await connect(france, documentId);
    delegate.send(protocol.encodeSpeaker({ typingFor: 'USA' }));
    expect(await delegate.closed).toEqual({ code: CloseCode.forbidden, reason: RefusalReason.typingForForbidden });
    presiding.destroy();
  });

  it('cannot be written by clients: a ledger message from a client is refused as malformed', async () => {
    const documentId = await server.createDocument('Forged ledger');
    const client = await connect(france, documentId);
    client.send(protocol.encodeLedger({ full: true, paragraphs: {} }));
    const closed: CloseEvent = await client.closed;
    expect(closed.code).toBe(CloseCode.malformedMessage);
  });
});

describe('role × action matrix', () => {
  type Who = 'secretariat' | 'chair' | 'delegate' | 'observer' | 'nobody';
  const everyone: Who[] = ['secretariat', 'chair', 'delegate', 'observer', 'nobody'];
  const credentials = new Map<Who, Credentials | null>();
  let documentId: string;

  beforeAll(async () => {
    credentials.set('secretariat', await server.asRole('secretariat'));
    credentials.set('chair', chair);
    credentials.set('delegate', france);
    credentials.set('observer', iaea);
    credentials.set('nobody', null);
    documentId = await server.createDocument('Matrix');
  });

  const headersOf = (who: Who): Record<string, string> => {
    const signedIn = credentials.get(who);
    return signedIn ? signedIn.headers : { origin: server.url, [csrfHeaderName]: 'none' };
  };

  /** Every cell written out, not derived from the policy module, so a change there must change this table. */
  const expected: Record<string, Record<Who, number | string>> = {
    'REST create a document': { secretariat: 201, chair: 201, delegate: 403, observer: 403, nobody: 401 },
    'REST list documents': { secretariat: 200, chair: 200, delegate: 200, observer: 200, nobody: 401 },
    'REST read a document': { secretariat: 200, chair: 200, delegate: 200, observer: 200, nobody: 401 },
    'REST manage accounts': { secretariat: 200, chair: 403, delegate: 403, observer: 403, nobody: 401 },
    'REST read the audit log': { secretariat: 200, chair: 200, delegate: 403, observer: 403, nobody: 401 },
    'websocket connect and read': { secretariat: 'open', chair: 'open', delegate: 'open', observer: 'open', nobody: '401' },
    'websocket edit text': { secretariat: 'stored', chair: 'stored', delegate: 'stored', observer: 'read-only', nobody: '401' },
    'websocket change a status': { secretariat: 'status-forbidden', chair: 'stored', delegate: 'status-forbidden', observer: 'read-only', nobody: '401' },
    'websocket type for a delegation': { secretariat: 'stored', chair: 'stored', delegate: 'typing-for-forbidden', observer: 'typing-for-forbidden', nobody: '401' },
  };

  const rest: Record<string, (who: Who) => Promise<Response>> = {
    'REST create a document': (who) =>
      fetch(`${server.url}/api/documents`, {
        method: 'POST',
        headers: { ...headersOf(who), 'content-type': 'application/json' },
        body: JSON.stringify({ title: 'Matrix cell', kind: 'other', session: 'Matrix' }),
      }),
    'REST list documents': (who) => fetch(`${server.url}/api/documents`, { headers: headersOf(who) }),
    'REST read a document': (who) => fetch(`${server.url}/api/documents/${documentId}`, { headers: headersOf(who) }),
    'REST manage accounts': (who) => fetch(`${server.url}/api/users`, { headers: headersOf(who) }),
    'REST read the audit log': (who) => fetch(`${server.url}/api/audit`, { headers: headersOf(who) }),
  };

  /** Connects as `who`, does `act`, and says what happened: stored, or the refusal reason, or the HTTP status. */
  async function websocketOutcome(who: Who, act: ((client: RawClient) => void) | null): Promise<string> {
    const signedIn = credentials.get(who) ?? null;
    const client = new RawClient(server.url, documentId, { headers: signedIn ? websocketHeaders(server.url, signedIn) : { origin: server.url } });
    try {
      await client.opened;
    } catch (error) {
      return /HTTP (\d+)/.exec((error as Error).message)?.[1] ?? 'error';
    }
    try {
      await client.whenSynced();
      if (act === null) return 'open';
      act(client);
      const outcome = await Promise.race([client.whenStored().then(() => 'stored'), client.closed.then((closed) => closed.reason)]);
      return outcome;
    } finally {
      client.destroy();
    }
  }

  const websocket: Record<string, ((client: RawClient) => void) | null> = {
    'websocket connect and read': null,
    'websocket edit text': (client) => draftText(client.doc).insert(0, 'x'),
    'websocket change a status': (client) => blockOf(client, 0).setAttribute('status', blockOf(client, 0).getAttribute('status') === 'draft' ? 'agreed-ad-ref' : 'draft'),
    'websocket type for a delegation': (client) => {
      client.send(protocol.encodeSpeaker({ typingFor: 'CHN' }));
      // The status chip is not locked by agreed-ad-ref for the speaker message; the edit goes into a fresh paragraph.
      const fresh = new Y.XmlElement('paragraph');
      fresh.setAttribute('id', `matrix-${Math.random().toString(36).slice(2, 10)}`);
      fresh.setAttribute('status', 'draft');
      fresh.insert(0, [new Y.XmlText()]);
      fragmentOf(client).insert(fragmentOf(client).length, [fresh]);
    },
  };

  const cells = Object.keys(expected).flatMap((action) => everyone.map((who) => [action, who] as const));

  it.each(cells)('%s as %s', async (action, who) => {
    const want = expected[action]![who];
    if (action in rest) {
      const response = await rest[action]!(who);
      expect(response.status).toBe(want);
      return;
    }
    expect(await websocketOutcome(who, websocket[action]!)).toBe(want);
  });

  it('documents stay intact: the matrix never wrote through a refused cell', async () => {
    // Secretariat, chair and delegate each typed one x; nobody else wrote anything.
    expect((await serverText(documentId)).split('\n')[0]).toBe('xxx');
  });
});
