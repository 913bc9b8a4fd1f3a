import type { DocumentKind, ExportLanguage, ExportMode } from '@concord/shared';

const kindCodes: Record<DocumentKind, string> = {
  'phase1-options-report': 'OPT',
  'phase2-action-plan': 'AP',
  'phase3-instrument': 'INS',
  'annual-progress-report': 'PR',
  other: 'MISC',
};

/**
 * A UN-style symbol for an export: NPT/NSA/<year>/<kind>/<snapshot number>, or .../DRAFT for the live text. The year
 * is the first four-digit year in the committee session ("2027, first session"), else the document's creation year.
 */
export function documentSymbol(document: { kind: DocumentKind; session: string; createdAt: string }, snapshotNumber: number | null): string {
  const year = /\b(19|20)\d{2}\b/.exec(document.session)?.[0] ?? document.createdAt.slice(0, 4);
  return `NPT/NSA/${year}/${kindCodes[document.kind]}/${snapshotNumber ?? 'DRAFT'}`;
}

/** The file name of an export: the symbol with dashes, the mode and the language ("NPT-NSA-2027-OPT-3_agreed_en.docx"). */
export function exportFileName(symbol: string, mode: ExportMode, language: ExportLanguage, extension: string): string {
  return `${symbol.replaceAll('/', '-')}_${mode}_${language}.${extension}`;
}
