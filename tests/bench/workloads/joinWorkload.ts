import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import * as Y from 'yjs';
import { documentField } from '@concord/shared';
import type { BenchOptions } from '../benchOptions.ts';
import { startConcord, startReference, type BenchServer } from '../benchServers.ts';
import { LoadClient } from '../LoadClient.ts';
import { median } from '../LatencyRecorder.ts';
import type { WorkloadResult } from '../report.ts';
import { editTreatyParagraph, writeTreatyDocument } from '../treatyDocument.ts';

const paragraphs = 500;
const smallEdits = 200;

/** Starts (or restarts, on the same storage and port) one server of this workload. */
type Launcher = () => Promise<BenchServer>;

interface JoinFigures {
  cold: number[];
  unloaded: number[];
  warm: number[];
}

/** Top-level blocks of the document: the treaty's paragraphs and the empty one every document starts with. */
const blocks = paragraphs + 1;

/** Milliseconds from opening the websocket to holding all paragraphs. */
async function timeJoin(server: BenchServer, documentId: string): Promise<{ milliseconds: number; client: LoadClient }> {
  const started = performance.now();
  const client = new LoadClient({ serverUrl: server.url, documentId });
  // Complete, not just synced: the reference answers sync step 2 before LevelDB has loaded, then sends the content.
  await client.waitFor(() => client.isSynced && client.doc.getXmlFragment(documentField).length === blocks, 60_000, 'the full document');
  return { milliseconds: performance.now() - started, client };
}

async function waitForUnload(server: BenchServer): Promise<void> {
  const deadline = performance.now() + 15_000;
  while ((await server.stats()).documentsLoaded > 0) {
    if (performance.now() > deadline) throw new Error(`${server.label} kept the document loaded 15 s after its last client left`);
    await delay(25);
  }
}

async function measure(launch: Launcher, coldRuns: number, repeats: number): Promise<JoinFigures & { updateBytes: number }> {
  let server = await launch();
  const figures: JoinFigures = { cold: [], unloaded: [], warm: [] };
  let updateBytes: number;
  try {
    const documentId = await server.createDocument('500-paragraph treaty');
    const author = new LoadClient({ serverUrl: server.url, documentId });
    await author.whenSynced();
    author.change(() => writeTreatyDocument(author.doc, paragraphs));
    if (author.doc.getXmlFragment(documentField).length !== blocks) throw new Error(`${server.label}: the document should start with one paragraph`);
    // Ten edits per message keeps the author under Concord's message rate limit (200/s).
    for (let edit = 0; edit < smallEdits; edit += 10) {
      author.change(() => {
        for (let offset = edit; offset < edit + 10; offset++) editTreatyParagraph(author.doc, (offset * 37) % paragraphs, `amended ${offset} `);
      });
    }
    await author.roundTrip();
    updateBytes = Y.encodeStateAsUpdate(author.doc).byteLength;
    await author.close();
    await waitForUnload(server);

    for (let run = 0; run < coldRuns; run++) {
      await server.stop();
      server = await launch();
      const { milliseconds, client } = await timeJoin(server, documentId);
      figures.cold.push(milliseconds);
      if (run < coldRuns - 1) await client.close();
      else {
        // The room stays loaded while this client is connected: the next joins are warm.
        for (let repeat = 0; repeat < repeats; repeat++) {
          const warm = await timeJoin(server, documentId);
          figures.warm.push(warm.milliseconds);
          await warm.client.close();
        }
        await client.close();
      }
    }
    for (let repeat = 0; repeat < repeats; repeat++) {
      await waitForUnload(server);
      const { milliseconds, client } = await timeJoin(server, documentId);
      figures.unloaded.push(milliseconds);
      await client.close();
    }
  } finally {
    await server.stop();
  }
  return { ...figures, updateBytes };
}

/** Workload 4: joining a 500-paragraph document that must be loaded from storage. */
export async function runJoinWorkload(options: BenchOptions): Promise<WorkloadResult> {
  const coldRuns = options.quick ? 1 : 3;
  const repeats = options.quick ? 3 : 10;
  const concordDirectory = mkdtempSync(join(tmpdir(), 'concord-bench-join-'));
  const levelDirectory = mkdtempSync(join(tmpdir(), 'reference-bench-join-'));
  let concordPort: number | undefined;
  let referencePort: number | undefined;
  const launchers: Array<[string, Launcher]> = [
    [
      'Concord (SQLite)',
      async () => {
        const server = await startConcord({ label: 'Concord (SQLite)', dataDirectory: concordDirectory, ...(concordPort === undefined ? {} : { port: concordPort }) });
        concordPort = server.port;
        return server;
      },
    ],
    [
      'reference y-websocket (LevelDB)',
      async () => {
        const server = await startReference({ label: 'reference y-websocket (LevelDB)', persistenceDirectory: levelDirectory, ...(referencePort === undefined ? {} : { port: referencePort }) });
        referencePort = server.port;
        return server;
      },
    ],
  ];
  const result: WorkloadResult = {
    id: 4,
    title: `Join a ${paragraphs}-paragraph document (+${smallEdits} small edits) loaded from storage: connect -> holds the whole document`,
    columns: [
      { key: 'server', header: 'server', format: 'text' },
      { key: 'cold', header: 'cold after restart ms (median)', format: 'ms' },
      { key: 'coldRuns', header: 'restarts', format: 'count' },
      { key: 'unloaded', header: 'reloaded, warm process ms (median)', format: 'ms' },
      { key: 'warm', header: 'warm, in memory ms (median)', format: 'ms' },
      { key: 'warmMax', header: 'warm max ms', format: 'ms' },
    ],
    rows: [],
    notes: [],
  };
  let updateBytes = 0;
  try {
    for (const [label, launch] of launchers) {
      const figures = await measure(launch, coldRuns, repeats);
      updateBytes = figures.updateBytes;
      result.rows.push({
        server: label,
        cold: median(figures.cold),
        coldRuns: figures.cold.length,
        unloaded: median(figures.unloaded),
        warm: median(figures.warm),
        warmMax: Math.max(...figures.warm),
      });
    }
  } finally {
    for (const directory of [concordDirectory, levelDirectory]) rmSync(directory, { recursive: true, force: true });
  }
  result.notes.push(
    `Document: ${paragraphs} paragraphs, ${(updateBytes / 1024).toFixed(0)} KiB as one Yjs update. Cold = first join after the server process restarted; reloaded = the room was unloaded after its last client left, the process stays up; warm = another client already holds the room.`,
    'The reference persists with y-leveldb (YPERSISTENCE), its only built-in storage.',
  );
  return result;
}
