import { randomBytes } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import {
  authorOf,
  canonicalJson,
  compareContent,
  type Comparison,
  type DocumentMeta,
  type ExportFormat,
  type ExportLanguage,
  type ExportMode,
  type ExportSignature,
  type SessionUser,
  type SignedSnapshot,
  type Snapshot,
  type SnapshotContent,
} from '@concord/shared';
import { readStoredDocument } from '../collaboration/Room.ts';
import { exportLabels } from '../exports/exportLabels.ts';
import type { RedlineContext } from '../exports/redlineHtml.ts';
import type { Exporter, ExportSource } from '../exports/ExportSource.ts';
import type { Store } from '../storage/Store.ts';
import type { ThreadStore } from '../threads/ThreadStore.ts';
import { documentSymbol, exportFileName } from './documentSymbol.ts';
import { snapshotContentOf } from './snapshotContentOf.ts';
import { sha256Hex, type SnapshotSigner } from './SnapshotSigner.ts';
import { SnapshotNumberTakenError, type SnapshotStore, type StoredExport } from './SnapshotStore.ts';

export interface SnapshotsOptions {
  store: Store;
  threads: ThreadStore;
  snapshots: SnapshotStore;
  signer: SnapshotSigner;
  exporters: ReadonlyMap<ExportFormat, Exporter>;
}

/** An export ready to send: its bytes, media type and file name (and, for a snapshot, its signature file). */
export interface RenderedExport {
  bytes: Uint8Array;
  mediaType: string;
  fileName: string;
  signature: ExportSignature | null;
}

export class UnsupportedFormatError extends Error {
  override name = 'UnsupportedFormatError';
}

const maxNumberingAttempts = 50;

const signedPart = ({ id, documentId, number, name, createdAt, createdBy, content }: Snapshot | SignedSnapshot): SignedSnapshot => ({
  id,
  documentId,
  number,
  name,
  createdAt,
  createdBy,
  content,
});

/**
 * Snapshots of the agreed text and their exports. A snapshot freezes what the store holds (durable text, the
 * server's attribution, the current positions), is hashed and signed, and never changes. Each export of a
 * snapshot is rendered once and kept, so downloading it again gives the same bytes whatever the renderer does.
 */
export class Snapshots {
  /** The snapshot being taken of each document on this instance (the tail of its queue). */
  private readonly taking = new Map<string, Promise<unknown>>();

  constructor(private readonly options: SnapshotsOptions) {}

  get publicKey() {
    return this.options.signer.publicKey;
  }

  /** Freezes the document now; `user` needs snapshot.create (checked by the route). */
  async take(meta: DocumentMeta, name: string, user: SessionUser): Promise<Snapshot> {
    // One snapshot at a time per document on this instance, so only other instances can race for a number.
    const previous = this.taking.get(meta.id) ?? Promise.resolve();
    const current = previous.then(() => this.takeNumbered(meta, name, user));
    const settled = current.catch(() => undefined);
    this.taking.set(meta.id, settled);
    void settled.then(() => {
      if (this.taking.get(meta.id) === settled) this.taking.delete(meta.id);
    });
    return current;
  }

  private async takeNumbered(meta: DocumentMeta, name: string, user: SessionUser): Promise<Snapshot> {
    const { snapshots, signer } = this.options;
    const author = authorOf(user);
    // Each lost race means another instance stored a snapshot, so the loop always makes progress; the bound only
    // stops a store that refuses every number.
    for (let attempt = 0; attempt < maxNumberingAttempts; attempt += 1) {
      // The number first, then the text: snapshot n-1 was stored before n's number was read, so n's text is read
      // after n-1's was, and a later number never holds older text.
      const number = await snapshots.nextNumber(meta.id);
      const signed: SignedSnapshot = {
        id: randomBytes(12).toString('base64url'),
        documentId: meta.id,
        number,
        name,
        createdAt: new Date().toISOString(),
        createdBy: { userId: author.userId, name: author.name, affiliation: author.affiliation },
        content: await this.liveContent(meta),
      };
      const snapshot: Snapshot = { ...signed, sha256: sha256Hex(canonicalJson(signed)), signature: signer.sign(signed), keyId: signer.publicKey.keyId };
      try {
        await snapshots.add(snapshot);
        return snapshot;
      } catch (error) {
        // Another instance took this number meanwhile: take the next one, after a short random pause so that
        // instances racing in step fall out of step.
        if (!(error instanceof SnapshotNumberTakenError)) throw error;
        await delay(Math.random() * 10 * (attempt + 1));
      }
    }
    throw new Error(`could not number the snapshot after ${maxNumberingAttempts} attempts: the store refused every number`);
  }

  /** Whether a stored snapshot still matches its hash and signature. */
  verify(snapshot: Snapshot): boolean {
    const signed = signedPart(snapshot);
    return sha256Hex(canonicalJson(signed)) === snapshot.sha256 && this.options.signer.verify(signed, snapshot.signature);
  }

  /** A snapshot's export: the stored one, or rendered, signed and stored now (the first stored wins). */
  async exportSnapshot(snapshot: Snapshot, meta: DocumentMeta, format: ExportFormat, mode: ExportMode, language: ExportLanguage): Promise<RenderedExport> {
    const exporter = this.exporter(format);
    const symbol = documentSymbol(meta, snapshot.number);
    const fileName = exportFileName(symbol, mode, language, exporter.extension);
    const { snapshots, signer } = this.options;
    let stored: StoredExport | null = await snapshots.getExport(snapshot.id, format, mode, language);
    if (stored === null) {
      const source: ExportSource = {
        content: snapshot.content,
        snapshot: { id: snapshot.id, number: snapshot.number, name: snapshot.name, createdAt: snapshot.createdAt, sha256: snapshot.sha256, keyId: snapshot.keyId },
        date: snapshot.createdAt,
        symbol,
        mode,
        language,
      };
      const bytes = await exporter.render(source);
      const unsigned: Omit<ExportSignature, 'signature'> = {
        concordExportSignature: 1,
        snapshotId: snapshot.id,
        snapshotSha256: snapshot.sha256,
        documentId: snapshot.documentId,
        format,
        mode,
        language,
        fileName,
        fileSha256: sha256Hex(bytes),
        keyId: signer.publicKey.keyId,
      };
      stored = await snapshots.putExport({ snapshotId: snapshot.id, format, mode, language, bytes, signature: { ...unsigned, signature: signer.sign(unsigned) } });
    }
    return { bytes: stored.bytes, mediaType: exporter.mediaType, fileName, signature: stored.signature };
  }

  /** The stored document as a snapshot would freeze it now (for the compilation view, comparisons and draft exports). */
  async liveContent(meta: DocumentMeta): Promise<SnapshotContent> {
    const { doc, ledger } = await readStoredDocument(this.options.store, meta.id);
    try {
      return snapshotContentOf(doc, meta, ledger.all(), await this.options.threads.listPositions(meta.id));
    } finally {
      doc.destroy();
    }
  }

  /** The live document exported as a draft: rendered each time, never signed, never stored. */
  async exportLive(meta: DocumentMeta, format: ExportFormat, mode: ExportMode, language: ExportLanguage): Promise<RenderedExport> {
    const exporter = this.exporter(format);
    const content = await this.liveContent(meta);
    const symbol = documentSymbol(meta, null);
    const bytes = await exporter.render({ content, snapshot: null, date: new Date().toISOString(), symbol, mode, language });
    return { bytes, mediaType: exporter.mediaType, fileName: exportFileName(symbol, mode, language, exporter.extension), signature: null };
  }

  /**
   * A snapshot (before) against another snapshot of the same document or the live text (after): the comparison and
   * how the redline names each side. Null when `other` is not a snapshot of this document.
   */
  async compare(snapshot: Snapshot, meta: DocumentMeta, other: string, language: ExportLanguage): Promise<{ comparison: Comparison; context: RedlineContext } | null> {
    const labels = exportLabels[language];
    const named = (taken: Snapshot) => labels.snapshot(taken.number, taken.name);
    let after: { content: SnapshotContent; label: string; date: string };
    if (other === 'live') {
      after = { content: await this.liveContent(meta), label: labels.draft, date: new Date().toISOString() };
    } else {
      const later = await this.options.snapshots.get(other);
      if (later === null || later.documentId !== snapshot.documentId) return null;
      after = { content: later.content, label: named(later), date: later.createdAt > snapshot.createdAt ? later.createdAt : snapshot.createdAt };
    }
    return {
      comparison: compareContent(snapshot.content, after.content),
      context: { title: meta.title, before: { label: named(snapshot) }, after: { label: after.label }, date: after.date, language, symbol: documentSymbol(meta, snapshot.number) },
    };
  }

  private exporter(format: ExportFormat): Exporter {
    const exporter = this.options.exporters.get(format);
    if (exporter === undefined) throw new UnsupportedFormatError(`this server cannot export ${format}`);
    return exporter;
  }
}
