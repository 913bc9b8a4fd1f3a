import { z } from 'zod';
import { paragraphAttributionSchema, type ParagraphAttribution, type Typist } from '@concord/shared';
import type { TransactionEffect } from './touchedBlocks.ts';
import type { UpdateAuthor } from './UpdateAuthor.ts';

const storedLedgerSchema = z.object({
  version: z.literal(1),
  paragraphs: z.record(z.string(), paragraphAttributionSchema),
  /** clientID (decimal) to the user who owns it. */
  clientOwners: z.record(z.string(), z.string()),
});

/**
 * Every keystroke is an update; counting updates would say a delegation made 67 edits to write one sentence.
 * An edit is a run of a delegation's updates to a paragraph with no pause longer than this.
 */
export const editPauseMs = 60_000;

const typistOf = (author: UpdateAuthor): Typist | null => (author.typedFor ? { userId: author.userId, name: author.name, role: author.role } : null);

/**
 * What the server derives from a document's log: who wrote each paragraph (attribution) and which user owns
 * each Yjs clientID. Stored with the snapshot at compaction; rebuilt from the log entries after it on load.
 */
export class DocumentLedger {
  readonly paragraphs = new Map<string, ParagraphAttribution>();
  readonly clientOwners = new Map<number, string>();
  /** Paragraphs changed since the last `takeChanges`. */
  private readonly changed = new Set<string>();

  static parse(stored: string | null): DocumentLedger {
    const ledger = new DocumentLedger();
    if (stored === null) return ledger;
    const parsed = storedLedgerSchema.parse(JSON.parse(stored));
    for (const [id, attribution] of Object.entries(parsed.paragraphs)) ledger.paragraphs.set(id, attribution);
    for (const [client, owner] of Object.entries(parsed.clientOwners)) ledger.clientOwners.set(Number(client), owner);
    return ledger;
  }

  serialize(): string {
    return JSON.stringify({
      version: 1,
      paragraphs: Object.fromEntries(this.paragraphs),
      clientOwners: Object.fromEntries([...this.clientOwners].map(([client, owner]) => [String(client), owner])),
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
      if (contribution.edits === 0 || Date.parse(author.at) - Date.parse(contribution.lastEditAt) > editPauseMs) contribution.edits++;
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
}
