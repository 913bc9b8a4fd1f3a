import { z } from 'zod';
import {
  snapshotSchema,
  snapshotSummarySchema,
  type ExportFormat,
  type ExportLanguage,
  type ExportMode,
  type Snapshot,
  type SnapshotSummary,
} from '@concord/shared';
import { comparisonSchema, type Comparison } from '@concord/shared/snapshots/compareSchema';
import { api } from './http.ts';
import { readBody } from './readBody.ts';

const snapshotListSchema = z.object({ snapshots: z.array(snapshotSummarySchema) });

/** A snapshot as GET /api/snapshots/:id gives it: with its content, and whether the server still finds it intact. */
export const verifiedSnapshotSchema = snapshotSchema.extend({ verified: z.boolean() });
export type VerifiedSnapshot = Snapshot & { verified: boolean };

/** The server's Ed25519 public key (raw 32 bytes in base64), as /api/snapshots/public-key serves it. */
export const publicKeySchema = z.object({ algorithm: z.literal('Ed25519'), keyId: z.string(), publicKeyPem: z.string(), publicKey: z.string() });
export type PublicKey = z.infer<typeof publicKeySchema>;

/** A document's snapshots, without their content, oldest first as the server numbers them. */
export async function listSnapshots(documentId: string): Promise<SnapshotSummary[]> {
  return (await readBody(await api.api.documents[':documentId'].snapshots.$get({ param: { documentId } }), snapshotListSchema)).snapshots;
}

/** Freezes the document's stored text now (chairs and the secretariat); the answer is the new snapshot. */
export async function createSnapshot(documentId: string, name: string): Promise<SnapshotSummary> {
  return readBody(await api.api.documents[':documentId'].snapshots.$post({ param: { documentId }, json: { name } }), snapshotSummarySchema);
}

/** One snapshot with its content and the server's own check of its hash and signature. */
export async function getSnapshot(snapshotId: string, signal?: AbortSignal): Promise<VerifiedSnapshot> {
  return readBody(await api.api.snapshots[':snapshotId'].$get({ param: { snapshotId } }, signal === undefined ? undefined : { init: { signal } }), verifiedSnapshotSchema);
}

/** The key that verifies snapshots and signed files; needs no session. */
export async function getPublicKey(): Promise<PublicKey> {
  return readBody(await api.api.snapshots['public-key'].$get(), publicKeySchema);
}

/** The version a snapshot is compared with: another snapshot, or the live text. */
export type ComparedVersion = { kind: 'snapshot'; snapshotId: string } | { kind: 'live' };

const withParameter = (version: ComparedVersion) => (version.kind === 'live' ? 'live' : version.snapshotId);

/** The redline of a snapshot (the earlier version) against another snapshot of the same document or the live text (the later one). */
export async function compareSnapshot(snapshotId: string, later: ComparedVersion): Promise<Comparison> {
  return readBody(await api.api.snapshots[':snapshotId'].compare.$get({ param: { snapshotId }, query: { with: withParameter(later), format: 'json' } }), comparisonSchema);
}

/** What an export is made of. */
export interface ExportChoice {
  format: ExportFormat;
  mode: ExportMode;
  language: ExportLanguage;
}

const exportQuery = ({ format, mode, language }: ExportChoice) => new URLSearchParams({ format, mode, language }).toString();

/** Where a snapshot's export downloads from (a plain link: the session cookie goes with it). */
export function snapshotExportUrl(snapshotId: string, choice: ExportChoice): string {
  return `/api/snapshots/${encodeURIComponent(snapshotId)}/export?${exportQuery(choice)}`;
}

/** Where the signature file of that export downloads from. */
export function snapshotSignatureUrl(snapshotId: string, choice: ExportChoice): string {
  return `/api/snapshots/${encodeURIComponent(snapshotId)}/signature?${exportQuery(choice)}`;
}

/** Where the live text downloads from, as an unsigned DRAFT. */
export function liveExportUrl(documentId: string, choice: ExportChoice): string {
  return `/api/documents/${encodeURIComponent(documentId)}/export?${exportQuery(choice)}`;
}

/** Where the redline of a comparison downloads from, as a web page (HTML) or a Word file. */
export function comparisonDownloadUrl(snapshotId: string, later: ComparedVersion, format: 'html' | 'docx', language: ExportLanguage): string {
  return `/api/snapshots/${encodeURIComponent(snapshotId)}/compare?${new URLSearchParams({ with: withParameter(later), format, language }).toString()}`;
}
