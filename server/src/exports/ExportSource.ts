import type { ExportFormat, ExportLanguage, ExportMode, SnapshotContent } from '@concord/shared';

/** What every exporter renders from: frozen content, and where it comes from. */
export interface ExportSource {
  content: SnapshotContent;
  /** The snapshot exported, or null for the live document (exported as a draft, never signed). */
  snapshot: { id: string; number: number; name: string; createdAt: string; sha256: string; keyId: string } | null;
  /** The snapshot's time, or the moment a live draft was exported: exports depend on nothing else, so a snapshot's are reproducible. */
  date: string;
  /** A UN-style document symbol, e.g. "NPT/NSA/2027/OPT/3" (see documentSymbol). */
  symbol: string;
  mode: ExportMode;
  language: ExportLanguage;
}

/** One format: a pure function of the source, deterministic (same source, same bytes). */
export interface Exporter {
  format: ExportFormat;
  mediaType: string;
  /** Without the dot. */
  extension: string;
  render(source: ExportSource): Promise<Uint8Array>;
}
