import { z } from 'zod';
import { paragraphAttributionSchema, type ParagraphAttribution, type Typist } from '@concord/shared';
import type { TransactionEffect } from './touchedBlocks.ts';
import type { UpdateAuthor } from './UpdateAuthor.ts';

const dayPattern = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Version 1 throughout: `activity` was added as an optional field, so an instance still running the code from
 * before it (which strips unknown fields) reads a ledger a newer instance stored, during a rolling upgrade.
 */
const storedLedgerSchema = z.object({
  version: z.literal(1),
  paragraphs: z.record(z.string(), paragraphAttributionSchema),
  /** clientID (decimal) to the user who owns it. */
  clientOwners: z.record(z.string(), z.string()),
  /** Speaker to UTC day (YYYY-MM-DD) to the editing sessions begun that day; absent in ledgers stored before it. */
  activity: z.record(z.string(), z.record(z.string().regex(dayPattern), z.number().int().min(1))).optional(),
});

/**
 * Every keystroke is an update; counting updates would say a delegation made 67 edits to write one sentence.
 * An edit is a run of a delegation's updates to a paragraph with no pause longer than this.
 */
export const editPauseMs = 60_000;

const typistOf = (author: UpdateAuthor): Typist | null => (author.typedFor ? { userId: author.userId, name: author.name, role: author.role } : null);

/** Editing sessions one speaker began on one UTC day, across the document. */
export interface DailyEdits {
  speaker: string;
  day: string;
  edits: number;
}

/**
 * What the server derives from a document's log: who wrote each paragraph (attribution), which user owns each Yjs
 * clientID, and how many editing sessions each speaker began each day (for progress reports; attribution keeps
 * only the last edit). Stored with the snapshot at compaction; rebuilt from the log entries after it on load.
 */
export class DocumentLedger {
  readonly paragraphs = new Map<string, ParagraphAttribution>();
  readonly clientOwners = new Map<number, string>();
  /** Speaker to UTC day to editing sessions begun. */
  private readonly activity = new Map<string, Map<string, number>>();
  /** Paragraphs changed since the last `takeChanges`. */
  private readonly changed = new Set<string>();

  static parse(stored: string | null): DocumentLedger {
    const ledger = new DocumentLedger();
    if (stored === null) return ledger;
    const parsed = storedLedgerSchema.parse(JSON.parse(stored));
    for (const [id, attribution] of Object.entries(parsed.paragraphs)) ledger.paragraphs.set(id, attribution);
    for (const [client, owner] of Object.entries(parsed.clientOwners)) ledger.clientOwners.set(Number(client), owner);
    if (parsed.activity !== undefined) {
      for (const [speaker, days] of Object.entries(parsed.activity)) for (const [day, edits] of Object.entries(days)) ledger.countSessions(speaker, day, edits);
    } else {
      // Stored before days were kept (or by an older instance): its sessions are dated at each paragraph's last
      // edit, the best it knows.
      for (const attribution of ledger.paragraphs.values()) {
        for (const [speaker, contribution] of Object.entries(attribution.contributors)) {
          if (contribution.edits > 0) ledger.countSessions(speaker, contribution.lastEditAt.slice(0, 10), contribution.edits);
        }
      }
    }
    return ledger;
  }

  serialize(): string {
    return JSON.stringify({
      version: 1,
      paragraphs: Object.fromEntries(this.paragraphs),
      clientOwners: Object.fromEntries([...this.clientOwners].map(([client, owner]) => [String(client), owner])),
      activity: Object.fromEntries([...this.activity].map(([speaker, days]) => [speaker, Object.fromEntries(days)])),
    } satisfies z.infer<typeof storedLedgerSchema>);
  }

  /** Attributes one applied update to its author. */
  record(effect: TransactionEffect, author: UpdateAuthor): void {
    for (const client of effect.clients) if (!this.clientOwners.has(client)) this.clientOwners.set(client, author.userId);
    const typist = typistOf(author);
    for (const id of effect.touched) {
      let attribution = this.paragraphs.get(id);
      // The originator is whoever first wrote in the paragraph: its creator, or the first to type into an
      // empty paragraph a template provided (templates are written by no one).
      if (attribution === undefined) {
        attribution = { originator: author.speaker, originatorTypist: typist, createdAt: author.at, contributors: {} };
        this.paragraphs.set(id, attribution);
      }
      const contribution = (attribution.contributors[author.speaker] ??= { edits: 0, lastEditAt: author.at, typists: [] });
      if (contribution.edits === 0 || Date.parse(author.at) - Date.parse(contribution.lastEditAt) > editPauseMs) {
        contribution.edits++;
        this.countSessions(author.speaker, author.at.slice(0, 10), 1);
      }
      if (author.at > contribution.lastEditAt) contribution.lastEditAt = author.at;
      if (typist !== null && !contribution.typists.some((known) => known.userId === typist.userId)) contribution.typists.push(typist);
      this.changed.add(id);
    }
  }

  /** The paragraphs changed since the last call. */
  takeChanges(): Record<string, ParagraphAttribution> {
    const changes: Record<string, ParagraphAttribution> = {};
    for (const id of this.changed) {
      const attribution = this.paragraphs.get(id);
      if (attribution !== undefined) changes[id] = attribution;
    }
    this.changed.clear();
    return changes;
  }

  all(): Record<string, ParagraphAttribution> {
    return Object.fromEntries(this.paragraphs);
  }

  /** Editing sessions by speaker and the UTC day each began, every paragraph counted (deleted ones too). */
  dailyEdits(): DailyEdits[] {
    return [...this.activity].flatMap(([speaker, days]) => [...days].map(([day, edits]) => ({ speaker, day, edits })));
  }

  private countSessions(speaker: string, day: string, edits: number): void {
    let days = this.activity.get(speaker);
    if (days === undefined) this.activity.set(speaker, (days = new Map()));
    days.set(day, (days.get(day) ?? 0) + edits);
  }
}
