import { countedParagraphs, byEndOf, documentKindSchema, inPeriod, nsaCommittee, progressReportSchema, summariseParticipation, type Committee, type DocumentMeta, type DocumentProgress, type EditEvent, type ProgressReport, type ReportPeriod, type ThreadComment, type ThreadProgress } from '@concord/shared';
import { readStoredDocument } from '../collaboration/Room.ts';
import type { DocumentLedger } from '../collaboration/ledger/DocumentLedger.ts';
import { snapshotContentOf } from '../snapshots/snapshotContentOf.ts';
import type { SnapshotStore } from '../snapshots/SnapshotStore.ts';
import type { Store } from '../storage/Store.ts';
import type { StoredThread, ThreadStore } from '../threads/ThreadStore.ts';

/** Where a report reads from: the documents, their threads and their snapshots. */
export interface ProgressReportSources {
  store: Store;
  threads: ThreadStore;
  snapshots: SnapshotStore;
  /** Whose groups the participation is counted in; the NSA committee unless given. */
  committee?: Committee;
}

const phaseOrder = documentKindSchema.options;

/** Phase order (the working paper's), then creation, then id: the same documents always list the same way. */
function byPhase(first: DocumentMeta, second: DocumentMeta): number {
  return phaseOrder.indexOf(first.kind) - phaseOrder.indexOf(second.kind) || first.createdAt.localeCompare(second.createdAt) || first.id.localeCompare(second.id);
}

/** Every speaker's editing sessions, dated by the UTC day each began (deleted paragraphs included: the work was done). */
function editEventsOf(ledger: DocumentLedger): EditEvent[] {
  return ledger.dailyEdits().map(({ speaker, day, edits }) => ({ speaker, at: `${day}T00:00:00.000Z`, edits }));
}

/**
 * Threads opened and resolved in the period, and those open when it ended. A thread keeps only its latest
 * resolution: one resolved in the period and reopened since counts as neither resolved in it nor closed at its end.
 */
function threadProgressOf(threads: readonly StoredThread[], period: ReportPeriod): ThreadProgress {
  const progress: ThreadProgress = { opened: 0, resolved: 0, resolvedWithOverride: 0, openAtEnd: 0 };
  for (const { thread } of threads) {
    const resolution = thread.state === 'resolved' ? thread.resolution : null;
    if (inPeriod(thread.createdAt, period)) progress.opened += 1;
    if (resolution !== null && inPeriod(resolution.at, period)) {
      progress.resolved += 1;
      if (resolution.overrideReason !== null) progress.resolvedWithOverride += 1;
    }
    if (byEndOf(thread.createdAt, period) && !(resolution !== null && byEndOf(resolution.at, period))) progress.openAtEnd += 1;
  }
  return progress;
}

/**
 * A document's paragraphs by status: for a period that is over, in the last snapshot taken by its end (the agreed
 * record of that time); otherwise, or with no such snapshot, in the text as stored now. Headings structure the
 * text, they are not counted.
 */
async function documentProgressOf(sources: ProgressReportSources, meta: DocumentMeta, period: ReportPeriod, today: string): Promise<{ progress: DocumentProgress; edits: EditEvent[] }> {
  const { doc, ledger } = await readStoredDocument(sources.store, meta.id);
  const snapshots = await sources.snapshots.list(meta.id);
  const periodOver = period.to < today;
  const record = periodOver ? snapshots.filter((snapshot) => byEndOf(snapshot.createdAt, period)).at(-1) : undefined;
  const content = record?.content ?? snapshotContentOf(doc, meta, {}, []);
  doc.destroy();
  const counted = countedParagraphs(content.blocks);
  return {
    progress: {
      id: meta.id,
      title: meta.title,
      kind: meta.kind,
      session: meta.session,
      countedIn: record === undefined ? null : { number: record.number, createdAt: record.createdAt },
      paragraphs: counted.length,
      agreed: counted.filter((block) => block.status === 'agreed').length,
      agreedAdRef: counted.filter((block) => block.status === 'agreed-ad-ref').length,
      draft: counted.filter((block) => block.status === 'draft').length,
      snapshots: snapshots.filter((snapshot) => inPeriod(snapshot.createdAt, period)).length,
    },
    edits: editEventsOf(ledger),
  };
}

/**
 * The progress report of the period (both days included, UTC), as data, from what is durable: every document
 * created by the period's end with its phase and its paragraphs' statuses (see documentProgressOf: the store keeps
 * no history of statuses, snapshots do), the snapshots taken, the threads, and who took part week by week (see
 * summariseParticipation for how comments and edits are dated). `now` stamps it and says whether the period is over.
 */
export async function buildProgressReport(sources: ProgressReportSources, period: ReportPeriod, now: Date): Promise<ProgressReport> {
  const committee = sources.committee ?? nsaCommittee;
  const metas = (await sources.store.listDocuments()).filter((meta) => byEndOf(meta.createdAt, period)).sort(byPhase);
  const documents: DocumentProgress[] = [];
  const edits: EditEvent[] = [];
  const threads: StoredThread[] = [];
  // One document at a time: each is rebuilt in memory from its log, and a committee has tens of them, not thousands.
  for (const meta of metas) {
    const read = await documentProgressOf(sources, meta, period, now.toISOString().slice(0, 10));
    documents.push(read.progress);
    edits.push(...read.edits);
    threads.push(...(await sources.threads.listThreadsWithComments(meta.id)));
  }
  const comments: ThreadComment[] = threads.flatMap((stored) => stored.comments);
  const { participation, timeline } = summariseParticipation(comments, edits, period, committee);
  return progressReportSchema.parse({
    period: { from: period.from, to: period.to },
    generatedAt: now.toISOString(),
    documents,
    threads: threadProgressOf(threads, period),
    participation,
    timeline,
  });
}
