import { setTimeout as delay } from 'node:timers/promises';
import type { BenchOptions } from '../benchOptions.ts';
import { startConcord, startReference, type BenchServer } from '../benchServers.ts';
import { LoadClient } from '../LoadClient.ts';
import { draftText } from '../../utils/draft.ts';
import { readMemory, RssSampler } from '../processStats.ts';
import type { WorkloadResult } from '../report.ts';

const documentCount = 200;
const concurrency = 10;
const editsPerVisit = 20;
const settleSeconds = 5;
/** ~1 KB per edit, so each visited document holds ~20 KB of text: enough for kept documents to show. */
const paragraph = 'The States Parties to this Treaty undertake to pursue negotiations in good faith on effective measures relating to cessation of the nuclear arms race. '.repeat(7);

/** One visit: join, type a few paragraphs' worth into the first paragraph, wait until the server has them, leave. */
async function visit(server: BenchServer, documentId: string): Promise<void> {
  const client = new LoadClient({ serverUrl: server.url, documentId });
  await client.whenSynced();
  const text = draftText(client.doc);
  for (let edit = 0; edit < editsPerVisit; edit++) client.change(() => text.insert(text.length, `${edit}. ${paragraph}\n`));
  await client.roundTrip();
  await client.close();
}

async function measure(server: BenchServer) {
  const documentIds: string[] = [];
  for (let index = 0; index <= documentCount; index++) documentIds.push(await server.createDocument(`memory ${index}`));
  const [warmUp, ...visited] = documentIds;
  if (warmUp === undefined) throw new Error('no document to warm up with');
  // One visit first, so code loading and JIT are in the baseline rather than in the growth.
  await visit(server, warmUp);
  await delay(1000);
  await server.collectGarbage();
  const baseline = { ...readMemory(server.pid), ...(await server.stats()) };
  const sampler = new RssSampler(server.pid);
  const queue = [...visited];
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let documentId = queue.shift(); documentId !== undefined; documentId = queue.shift()) await visit(server, documentId);
    }),
  );
  const afterClose = { ...readMemory(server.pid), ...(await server.stats()) };
  await delay(settleSeconds * 1000);
  const settled = { ...readMemory(server.pid), ...(await server.stats()) };
  await server.collectGarbage();
  const collected = { ...readMemory(server.pid), ...(await server.stats()) };
  return { baseline, peak: sampler.stop(), afterClose, settled, collected };
}

/** Workload 5: memory before, during and after 200 documents were each opened, edited and left. */
export async function runMemoryWorkload(_options: BenchOptions): Promise<WorkloadResult> {
  const result: WorkloadResult = {
    id: 5,
    title: `Memory: ${documentCount} documents each opened (join, ${editsPerVisit} edits of ~1 KB, leave), ${concurrency} at a time`,
    columns: [
      { key: 'server', header: 'server', format: 'text' },
      { key: 'baseline', header: 'RSS baseline MB', format: 'mb' },
      { key: 'peak', header: 'peak MB', format: 'mb' },
      { key: 'afterClose', header: 'all closed MB', format: 'mb' },
      { key: 'settled', header: `+${settleSeconds} s MB`, format: 'mb' },
      { key: 'growth', header: `growth +${settleSeconds} s MB`, format: 'mb' },
      { key: 'afterGc', header: 'after full GC MB', format: 'mb' },
      { key: 'heapBaseline', header: 'heap baseline MB', format: 'mb' },
      { key: 'heapSettled', header: `heap +${settleSeconds} s MB`, format: 'mb' },
      { key: 'heapAfterGc', header: 'heap after full GC MB', format: 'mb' },
      { key: 'documentsLoaded', header: `docs in memory +${settleSeconds} s`, format: 'count' },
    ],
    rows: [],
    notes: [],
  };
  const starters: Array<() => Promise<BenchServer>> = [
    () => startConcord({ label: 'Concord (SQLite)', inspector: true }),
    () => startReference({ label: 'reference y-websocket', inspector: true }),
  ];
  for (const start of starters) {
    const server = await start();
    try {
      const figures = await measure(server);
      result.rows.push({
        server: server.label,
        baseline: figures.baseline.rss,
        peak: figures.peak,
        afterClose: figures.afterClose.rss,
        settled: figures.settled.rss,
        growth: figures.settled.rss - figures.baseline.rss,
        afterGc: figures.collected.rss,
        heapBaseline: figures.baseline.heapUsed,
        heapSettled: figures.settled.heapUsed,
        heapAfterGc: figures.collected.heapUsed,
        documentsLoaded: figures.settled.documentsLoaded,
      });
    } finally {
      await server.stop();
    }
  }
  result.notes.push(
    'RSS from /proc (VmRSS; peak sampled every 100 ms). Heap used and documents in memory as the server reports them (Concord: /metrics; reference: a /stats route of referenceServer.ts). The baseline and the last two columns follow a full GC run through the V8 inspector (both servers run with --inspect), so heap after full GC is what is still referenced; RSS rarely falls back fully since V8 and the allocator keep freed pages.',
    'The reference keeps every document it ever opened unless persistence is configured.',
  );
  return result;
}
