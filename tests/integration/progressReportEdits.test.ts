/**
 * Progress reports count each editing session in the period in which it began, from the ledger stored with a
 * compacted document (real SQLite files): a delegation that edited in March and again in May is active in both
 * months' reports, each with its own sessions.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { documentField, type DocumentMeta } from '@concord/shared';
import { buildProgressReport, type ProgressReportSources } from '../../server/src/reports/buildProgressReport.ts';
import { SqliteSnapshotStore } from '../../server/src/snapshots/SqliteSnapshotStore.ts';
import { SqliteStore } from '../../server/src/storage/SqliteStore.ts';
import { SqliteThreadStore } from '../../server/src/threads/SqliteThreadStore.ts';

const contribution = (edits: number, lastEditAt: string) => ({ edits, lastEditAt, typists: [] });

describe('editing sessions in a progress report', () => {
  let directory: string;
  let sources: ProgressReportSources & { store: SqliteStore; threads: SqliteThreadStore; snapshots: SqliteSnapshotStore };
  let meta: DocumentMeta;

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'concord-report-edits-'));
    sources = { store: new SqliteStore({ directory }), threads: new SqliteThreadStore(directory), snapshots: new SqliteSnapshotStore(directory) };
    // Created before the periods reported on (a report lists the documents that existed by its end).
    meta = { id: 'doc-edited-over-months', title: 'Edited over months', kind: 'phase1-options-report', session: '2026, first session', createdAt: '2026-02-01T09:00:00.000Z' };
    await sources.store.createDocument(meta);
    const doc = new Y.Doc();
    const paragraph = new Y.XmlElement('paragraph');
    for (const [name, value] of Object.entries({ id: 'para-1', status: 'draft', role: 'operative' })) paragraph.setAttribute(name, value);
    paragraph.insert(0, [new Y.XmlText('Urges all States')]);
    doc.getXmlFragment(documentField).insert(0, [paragraph]);
    const through = await sources.store.appendUpdate(meta.id, Y.encodeStateAsUpdate(doc), 'test');
    const ledger = {
      version: 1,
      paragraphs: { 'para-1': { originator: 'EGY', originatorTypist: null, createdAt: '2026-03-10T09:00:00.000Z', contributors: { EGY: contribution(3, '2026-05-04T10:00:00.000Z'), FRA: contribution(1, '2026-05-06T10:00:00.000Z') } } },
      clientOwners: {},
      activity: { EGY: { '2026-03-10': 2, '2026-05-04': 1 }, FRA: { '2026-05-06': 1 } },
    };
    // Compacted as a room would: the document's state, and the ledger derived from its log.
    await sources.store.compact(meta.id, Y.encodeStateAsUpdate(doc), through, JSON.stringify(ledger));
    doc.destroy();
  });

  afterAll(async () => {
    await sources?.store.close();
    await sources?.threads.close();
    await sources?.snapshots.close();
    rmSync(directory, { recursive: true, force: true });
  });

  const groupsIn = async (from: string, to: string) =>
    (await buildProgressReport(sources, { from, to }, new Date('2026-11-30T12:00:00.000Z'))).participation.groups.map(({ groupId, activeDelegations, edits }) => ({ groupId, activeDelegations, edits }));

  it('counts March’s sessions in March and May’s in May', async () => {
    expect(await groupsIn('2026-03-01', '2026-03-31')).toEqual([
      { groupId: 'NWS', activeDelegations: [], edits: 0 },
      { groupId: 'NNWS', activeDelegations: ['EGY'], edits: 2 },
    ]);
    expect(await groupsIn('2026-05-01', '2026-05-31')).toEqual([
      { groupId: 'NWS', activeDelegations: ['FRA'], edits: 1 },
      { groupId: 'NNWS', activeDelegations: ['EGY'], edits: 1 },
    ]);
    expect(await groupsIn('2026-04-01', '2026-04-30')).toEqual([
      { groupId: 'NWS', activeDelegations: [], edits: 0 },
      { groupId: 'NNWS', activeDelegations: [], edits: 0 },
    ]);
  });
});
