import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { documentField, type DocumentMeta } from '@concord/shared';
import { SqliteStore, initialContent, type Cursor } from '@concord/server';
import { DocumentLedger } from '../../../server/src/collaboration/ledger/DocumentLedger.ts';
import { transactionEffect } from '../../../server/src/collaboration/ledger/touchedBlocks.ts';
import { parseAuthor, type UpdateAuthor } from '../../../server/src/collaboration/ledger/UpdateAuthor.ts';
import type { BenchOptions } from '../benchOptions.ts';
import { startConcord } from '../benchServers.ts';
import { LoadClient } from '../LoadClient.ts';
import type { WorkloadResult } from '../report.ts';
import { draftText } from '../../utils/draft.ts';

/** The server's default COMPACT_AFTER_UPDATES. */
const compactAfterUpdates = 1000;
const appendChunk = 1000;
const documentId = 'history';

/** Who typed the history, stamped on each entry as the collaboration server stamps a delegate's updates. */
const typist: UpdateAuthor = { userId: 'bench-delegate', name: 'Benchmark delegate', role: 'delegate', speaker: 'FRA', typedFor: false, at: new Date().toISOString() };
const storedTypist = JSON.stringify(typist);

/**
 * Generates `count` keystroke-sized edits in the first paragraph, one update each: typing 1-3 characters at a
 * cursor that jumps to a random place now and then (1 in 50), and a backspace every tenth edit. `doc` already
 * holds the document's first content.
 */
function* smallEdits(doc: Y.Doc, count: number): Generator<Uint8Array> {
  const text = draftText(doc);
  const emitted: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => emitted.push(update));
  let cursor = 0;
  for (let index = 0; index < count; index++) {
    if (Math.random() < 0.02) cursor = Math.floor(Math.random() * (text.length + 1));
    if (index % 10 === 9 && cursor > 0) {
      text.delete(cursor - 1, 1);
      cursor--;
    } else {
      const typed = 'abc'.slice(0, 1 + (index % 3));
      text.insert(cursor, typed);
      cursor += typed.length;
    }
    const update = emitted.pop();
    if (update === undefined || emitted.length > 0) throw new Error('an edit must produce exactly one update');
    yield update;
  }
}

/**
 * Writes the same history into two stores, as a document created through the API and typed into would have
 * it (its first content, then the typist's edits, each with its author): one compacted every
 * `compactAfterUpdates` appends with the ledger the server derives, as a running server leaves it, and one
 * never compacted.
 */
async function writeHistories(editCount: number): Promise<{ compactedDirectory: string; rawDirectory: string; textLength: number }> {
  const compactedDirectory = mkdtempSync(join(tmpdir(), 'concord-bench-compacted-'));
  const rawDirectory = mkdtempSync(join(tmpdir(), 'concord-bench-raw-'));
  const stores = [new SqliteStore({ directory: compactedDirectory, synchronous: 'NORMAL' }), new SqliteStore({ directory: rawDirectory, synchronous: 'NORMAL' })] as const;
  const [compacted, raw] = stores;
  const doc = new Y.Doc();
  const firstContent = initialContent();
  Y.applyUpdate(doc, firstContent);
  const ledger = new DocumentLedger();
  const root = doc.getXmlFragment(documentField);
  doc.on('afterTransaction', (transaction: Y.Transaction) => ledger.record(transactionEffect(transaction, root), typist));
  try {
    const meta: DocumentMeta = { id: documentId, title: `${editCount} small edits`, kind: 'other', session: 'Benchmark session', createdAt: new Date().toISOString() };
    for (const store of stores) {
      await store.createDocument(meta);
      await store.appendUpdate(documentId, firstContent, 'create', null);
    }
    let chunk: Uint8Array[] = [];
    let sinceCompaction = 1;
    const flush = async (): Promise<void> => {
      const [cursors] = await Promise.all([
        Promise.all(chunk.map((update) => compacted.appendUpdate(documentId, update, 'bench', storedTypist))),
        Promise.all(chunk.map((update) => raw.appendUpdate(documentId, update, 'bench', storedTypist))),
      ]);
      sinceCompaction += chunk.length;
      const last: Cursor | undefined = cursors.at(-1);
      if (sinceCompaction >= compactAfterUpdates && last !== undefined) {
        await compacted.compact(documentId, Y.encodeStateAsUpdate(doc), last, ledger.serialize());
        sinceCompaction = 0;
      }
      chunk = [];
    };
    for (const update of smallEdits(doc, editCount)) {
      chunk.push(update);
      if (chunk.length === appendChunk) await flush();
    }
    if (chunk.length > 0) await flush();
    return { compactedDirectory, rawDirectory, textLength: draftText(doc).length };
  } finally {
    for (const store of stores) await store.close();
  }
}

/**
 * Store.loadDocument plus applying everything, as Room.load does, in this process: the snapshot and its ledger,
 * then each later entry, attributed to its author.
 */
async function loadDirectly(directory: string): Promise<{ milliseconds: number; logLength: number; snapshotBytes: number }> {
  const store = new SqliteStore({ directory, synchronous: 'NORMAL' });
  try {
    const logLength = await store.countUpdates(documentId);
    const started = performance.now();
    const loaded = await store.loadDocument(documentId);
    const doc = new Y.Doc();
    const ledger = DocumentLedger.parse(loaded.ledger);
    const root = doc.getXmlFragment(documentField);
    let author: UpdateAuthor | null = null;
    doc.on('afterTransaction', (transaction: Y.Transaction) => {
      if (author !== null) ledger.record(transactionEffect(transaction, root), author);
    });
    if (loaded.snapshot) Y.applyUpdate(doc, loaded.snapshot);
    for (const entry of loaded.updates) {
      author = parseAuthor(entry.author);
      Y.applyUpdate(doc, entry.update);
    }
    return { milliseconds: performance.now() - started, logLength, snapshotBytes: loaded.snapshot?.byteLength ?? 0 };
  } finally {
    await store.close();
  }
}

/** A cold join: a fresh Concord process on `directory`, one client, time to holding the whole text. */
async function coldJoin(directory: string, textLength: number): Promise<number> {
  const server = await startConcord({ label: 'Concord (SQLite)', dataDirectory: directory });
  try {
    const started = performance.now();
    const client = new LoadClient({ serverUrl: server.url, documentId });
    await client.whenSynced(180_000);
    // Until the state arrives; the client's own apply is not the server's load time.
    const milliseconds = (client.firstSyncStep2At ?? performance.now()) - started;
    const received = draftText(client.doc).length;
    await client.close();
    if (received !== textLength) throw new Error(`the joining client got ${received} characters, the history has ${textLength}`);
    return milliseconds;
  } finally {
    await server.stop();
  }
}

/** Workload 7: load time against history length, with and without compaction. */
export async function runLogLengthWorkload(options: BenchOptions): Promise<WorkloadResult> {
  const editCounts = options.quick ? [1_000, 10_000] : [1_000, 100_000];
  const result: WorkloadResult = {
    id: 7,
    title: 'Load time vs history length (Concord, SQLite): cold join (fresh process) and direct Store.loadDocument + apply',
    columns: [
      { key: 'history', header: 'history', format: 'text' },
      { key: 'logLength', header: 'log entries held', format: 'count' },
      { key: 'snapshot', header: 'snapshot KiB', format: 'text' },
      { key: 'coldJoin', header: 'cold join ms', format: 'ms' },
      { key: 'direct', header: 'load + apply ms', format: 'ms' },
      { key: 'logAfterJoin', header: 'log after join', format: 'count' },
    ],
    rows: [],
    notes: [],
  };
  for (const editCount of editCounts) {
    const { compactedDirectory, rawDirectory, textLength } = await writeHistories(editCount);
    for (const [kind, directory] of [['compacted as the server does', compactedDirectory], ['never compacted', rawDirectory]] as const) {
      try {
        const direct = await loadDirectly(directory);
        const joinMilliseconds = await coldJoin(directory, textLength);
        const after = await loadDirectly(directory);
        result.rows.push({
          history: `${editCount.toLocaleString('en-US')} edits, ${kind}`,
          logLength: direct.logLength,
          snapshot: direct.snapshotBytes === 0 ? 'none' : (direct.snapshotBytes / 1024).toFixed(0),
          coldJoin: joinMilliseconds,
          direct: direct.milliseconds,
          logAfterJoin: after.logLength,
        });
      } finally {
        rmSync(directory, { recursive: true, force: true });
      }
    }
  }
  result.notes.push(
    `Edits written straight through SqliteStore as the server writes them (the document's first content, then each edit with its author); "compacted" replays the server's rule (snapshot, with the ledger derived from the log, every COMPACT_AFTER_UPDATES = ${compactAfterUpdates} appends). Load + apply replays the ledger too, as Room.load does. A room that loads a log of >= ${compactAfterUpdates} entries compacts it, and a closing room compacts too: "log after join" is what the store held after that first join.`,
    'Cold join: a fresh Concord process (its start not counted); from opening the websocket to the arrival of sync step 2 = upgrade + room load from SQLite + applying snapshot and log + encoding the state. Edits: typing 1-3 characters at a cursor that jumps 1 time in 50, a backspace every tenth edit.',
  );
  return result;
}
