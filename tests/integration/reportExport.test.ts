/**
 * Issue 6, progress reports against the real server: documents of two phases drafted over the websocket by
 * delegations of both groups, threads opened, answered, resolved (once by a chair's override), a snapshot taken;
 * then the report of the period read from the server's own stores, and its HTML and DOCX renderings.
 */
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import * as Y from 'yjs';
import { addDays, dayOf, documentField, type DocumentKind, type DocumentMeta, type ThreadView } from '@concord/shared';
import { buildProgressReport, type ProgressReportSources } from '../../server/src/reports/buildProgressReport.ts';
import { renderProgressReportDocx } from '../../server/src/reports/progressReportDocx.ts';
import { renderProgressReportHtml } from '../../server/src/reports/progressReportHtml.ts';
import { json, send } from '../utils/apiRequest.ts';
import { websocketHeaders } from '../utils/credentials.ts';
import { RawClient } from '../utils/RawClient.ts';
import { startTestServer, type SignedInAs, type TestServer } from '../utils/startTestServer.ts';

const hostile = '<script>alert("x")</script> & ]]> <w:p/>';
const delegation = (delegationCode: string) => ({ kind: 'delegation' as const, delegationCode });

async function connect(server: TestServer, documentId: string, who: SignedInAs): Promise<RawClient> {
  const client = new RawClient(server.url, documentId, { headers: websocketHeaders(server.url, who) });
  await client.opened;
  await client.whenSynced();
  return client;
}

/** The n-th paragraph (0-based) of the document, as the template made it (headings skipped). */
function paragraph(client: RawClient, index: number): Y.XmlElement {
  const paragraphs = client.doc.getXmlFragment(documentField).toArray().filter((block): block is Y.XmlElement => block instanceof Y.XmlElement && block.nodeName === 'paragraph');
  const found = paragraphs[index];
  if (found === undefined) throw new Error(`no paragraph ${index}`);
  return found;
}

/** Types text into a paragraph as `who`, over the websocket, as the editor does. */
async function type(server: TestServer, documentId: string, who: SignedInAs, index: number, text: string): Promise<string> {
  const client = await connect(server, documentId, who);
  const target = paragraph(client, index);
  client.doc.transact(() => (target.get(0) as Y.XmlText).insert(0, text));
  await client.whenStored();
  await client.close();
  return String(target.getAttribute('id'));
}

async function setStatus(server: TestServer, documentId: string, chair: SignedInAs, index: number, status: 'agreed' | 'agreed-ad-ref'): Promise<void> {
  const client = await connect(server, documentId, chair);
  const target = paragraph(client, index);
  client.doc.transact(() => target.setAttribute('status', status));
  await client.whenStored();
  await client.close();
}

async function createDocument(server: TestServer, who: SignedInAs, title: string, kind: DocumentKind, session: string): Promise<string> {
  return (await json<DocumentMeta>(await send(server, 'POST', '/api/documents', who.headers, { title, kind, session }), 201)).id;
}

async function openThread(server: TestServer, author: SignedInAs, documentId: string, blockId: string, body: string): Promise<ThreadView> {
  return json<ThreadView>(await send(server, 'POST', `/api/documents/${documentId}/threads`, author.headers, { documentId, anchor: { kind: 'paragraph', blockId }, body }), 201);
}

async function reply(server: TestServer, author: SignedInAs, threadId: string, body: string): Promise<void> {
  await json(await send(server, 'POST', `/api/threads/${threadId}/comments`, author.headers, { threadId, body }), 201);
}

async function resolve(server: TestServer, chair: SignedInAs, threadId: string, overrideReason?: string): Promise<void> {
  await json(await send(server, 'POST', `/api/threads/${threadId}/moderation`, chair.headers, { threadId, action: 'resolve', ...(overrideReason ? { overrideReason } : {}) }), 200);
}

const entities: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
/** The text of each Word paragraph, entities decoded. */
function wordParagraphs(xml: string): string[] {
  const decode = (text: string) => text.replace(/&([a-z]+);/g, (all, name: string) => entities[name] ?? all);
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((match) => [...match[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((run) => decode(run[1] ?? '')).join(''));
}

describe('progress report (SQLite)', () => {
  let server: TestServer;
  let sources: ProgressReportSources;
  let options: string;
  let plan: string;
  const started = new Date();

  beforeAll(async () => {
    server = await startTestServer();
    sources = { store: server.store, threads: server.threads, snapshots: server.snapshotStore };
    const secretariat = await server.asRole('secretariat');
    const chair = await server.asRole('chair');
    const egypt = await server.asRole('delegate', delegation('EGY'));
    const kuwait = await server.asRole('delegate', delegation('KWT'));
    const france = await server.asRole('delegate', delegation('FRA'));
    const unitedStates = await server.asRole('delegate', delegation('USA'));
    const observer = await server.asRole('observer');

    // Created out of phase order: the report lists them by phase.
    plan = await createDocument(server, secretariat, 'Action plan', 'phase2-action-plan', '2026, second session');
    options = await createDocument(server, secretariat, `Options ${hostile}`, 'phase1-options-report', `Session ${hostile}`);

    const mandate = await type(server, options, egypt, 0, 'The committee shall consider all options.');
    await type(server, options, france, 1, 'Recalling the unilateral declarations.');
    const objectives = await type(server, plan, unitedStates, 0, 'Objectives of the negotiations.');
    await setStatus(server, options, chair, 0, 'agreed');
    await setStatus(server, options, chair, 1, 'agreed-ad-ref');

    const balanced = await openThread(server, egypt, options, mandate, 'Should the mandate name the review process?');
    await reply(server, france, balanced.id, 'We would prefer a general reference.');
    await reply(server, observer, balanced.id, 'The IAEA can brief on verification.');
    await reply(server, chair, balanced.id, 'Noted; the Chair will propose wording.');
    await resolve(server, chair, balanced.id);
    const oneSided = await openThread(server, kuwait, plan, objectives, 'A timeline is needed.');
    await resolve(server, chair, oneSided.id, 'Agreed in informal consultations on 3 March.');
    await openThread(server, unitedStates, plan, objectives, 'Which forum?');

    await json(await send(server, 'POST', `/api/documents/${options}/snapshots`, chair.headers, { name: 'First reading' }), 201);
  });

  afterAll(async () => {
    await server.stop();
  });

  /** The days around this run, so that a run across midnight (UTC) still falls in the period. */
  const period = () => ({ from: addDays(dayOf(started.toISOString())!, -1), to: addDays(dayOf(new Date().toISOString())!, 1) });

  it('counts the documents by phase, their agreed paragraphs and the snapshots taken', async () => {
    const report = await buildProgressReport(sources, period(), new Date());
    expect(report.documents).toEqual([
      // Only paragraphs holding text count (the outlines' empty placeholders and headings do not): the two written in phase 1, the one in phase 2.
      { id: options, title: `Options ${hostile}`, kind: 'phase1-options-report', session: `Session ${hostile}`, countedIn: null, paragraphs: 2, agreed: 1, agreedAdRef: 1, draft: 0, snapshots: 1 },
      { id: plan, title: 'Action plan', kind: 'phase2-action-plan', session: '2026, second session', countedIn: null, paragraphs: 1, agreed: 0, agreedAdRef: 0, draft: 1, snapshots: 0 },
    ]);
  });

  it('counts threads opened, resolved (with an override) and still open', async () => {
    const report = await buildProgressReport(sources, period(), new Date());
    expect(report.threads).toEqual({ opened: 3, resolved: 2, resolvedWithOverride: 1, openAtEnd: 1 });
  });

  it('counts participation by group from the ledger and the comments, observers and presiding apart', async () => {
    const report = await buildProgressReport(sources, period(), new Date());
    expect(report.participation).toEqual({
      groups: [
        { groupId: 'NWS', activeDelegations: ['FRA', 'USA'], edits: 2, comments: 2 },
        { groupId: 'NNWS', activeDelegations: ['EGY', 'KWT'], edits: 1, comments: 2 },
      ],
      observers: { organisations: ['IAEA'], comments: 1 },
      // The chair's comment, and the two status changes (each an edit of its paragraph).
      presiding: { edits: 2, comments: 1 },
    });
    const totals = report.timeline.reduce(
      (sum, week) => ({ nws: sum.nws + week.groups['NWS']!.comments + week.groups['NWS']!.edits, nnws: sum.nnws + week.groups['NNWS']!.comments + week.groups['NNWS']!.edits, observers: sum.observers + week.observers }),
      { nws: 0, nnws: 0, observers: 0 },
    );
    expect(totals).toEqual({ nws: 4, nnws: 3, observers: 1 });
  });

  it('reports nothing for a period before the documents existed', async () => {
    const report = await buildProgressReport(sources, { from: '2020-01-01', to: '2020-12-31' }, new Date('2021-01-04T08:00:00.000Z'));
    expect(report.documents).toEqual([]);
    expect(report.threads).toEqual({ opened: 0, resolved: 0, resolvedWithOverride: 0, openAtEnd: 0 });
    expect(report.participation.groups.map((group) => group.edits + group.comments + group.activeDelegations.length)).toEqual([0, 0]);
    expect(report.timeline).toHaveLength(53);
    expect(report.timeline.every((week) => week.observers === 0)).toBe(true);
  });

  it('renders the report as HTML with every record escaped and the weekly chart', async () => {
    const report = await buildProgressReport(sources, period(), new Date());
    const html = renderProgressReportHtml(report, 'en');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<w:p/>');
    expect(html).toContain('<td dir="ltr">Options &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; ]]&gt; &lt;w:p/&gt;</td>');
    expect(html).toContain('<td class="number">1 / 2</td>');
    expect(html).toMatch(/<svg [^>]*role="img"/);
    expect(html).toContain('Non-nuclear-weapon States (NNWS)</th><td dir="ltr">2: EGY, KWT</td>');
    const french = renderProgressReportHtml(report, 'fr');
    expect(french).toContain('Rapport annuel sur les progrès accomplis du comité subsidiaire sur les assurances négatives de sécurité');
    expect(french).toContain('<td dir="ltr">Phase 1 : rapport sur les options</td>');
  });

  it('renders the report as a well-formed, reproducible DOCX with the hostile title as text', async () => {
    const report = await buildProgressReport(sources, period(), new Date());
    const bytes = await renderProgressReportDocx(report, 'en');
    expect(Buffer.from(await renderProgressReportDocx(report, 'en')).equals(Buffer.from(bytes))).toBe(true);
    const xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
    const checked = await validateXML({ xml: { fileName: 'document.xml', contents: xml }, normalization: 'format' });
    expect(checked.errors.map((error) => error.rawMessage)).toEqual([]);
    expect(xml).not.toContain('<script>');
    const paragraphs = wordParagraphs(xml);
    expect(paragraphs).toContain(`Options ${hostile}`);
    expect(paragraphs).toContain('Phase 2: action plan');
    expect(paragraphs).toContain('2: FRA, USA');
    expect(wordParagraphs(await (await JSZip.loadAsync(await renderProgressReportDocx(report, 'fr'))).file('word/document.xml')!.async('string'))).toContain('Fils résolus');
  });

  it('for a period that is over, counts a document in its last snapshot taken by the end, not in today’s text', async () => {
    // After the snapshot, the paragraph agreed ad referendum is agreed.
    await setStatus(server, options, await server.asRole('chair'), 1, 'agreed');
    const { to } = period();
    const later = new Date(`${addDays(to, 2)}T08:00:00.000Z`);
    const over = await buildProgressReport(sources, { from: period().from, to }, later);
    const snapshot = (await sources.snapshots.list(options))[0]!;
    expect(over.documents.map(({ id, countedIn, agreed, agreedAdRef }) => ({ id, countedIn, agreed, agreedAdRef }))).toEqual([
      { id: options, countedIn: { number: 1, createdAt: snapshot.createdAt }, agreed: 1, agreedAdRef: 1 },
      // No snapshot: the text as stored now.
      { id: plan, countedIn: null, agreed: 0, agreedAdRef: 0 },
    ]);
    // The period still running counts today's text.
    const running = await buildProgressReport(sources, period(), new Date());
    expect(running.documents.find((document) => document.id === options)).toMatchObject({ countedIn: null, agreed: 2, agreedAdRef: 0 });
  });
});
