import { z } from 'zod';
import { exportFormatSchema, exportLanguageSchema, exportModeSchema, exportSignatureSchema, snapshotIdSchema, snapshotSchema, type Snapshot } from '@concord/shared';
import { InvalidThreadRecordError, storedRecord, validRecord } from '../threads/ThreadStore.ts';
import type { StoredExport } from './SnapshotStore.ts';

/** What names a stored export: its snapshot, format, mode and language. */
export const exportKeySchema = z
  .object({ snapshotId: snapshotIdSchema, format: exportFormatSchema, mode: exportModeSchema, language: exportLanguageSchema })
  .strict();

/**
 * A stored export, checked by both snapshot stores when written and when read: its signature file must name the
 * same snapshot, format, mode and language as the export it travels with (a mix-up would serve a wrong signature).
 */
export const storedExportSchema = exportKeySchema
  .extend({ bytes: z.instanceof(Uint8Array), signature: exportSignatureSchema })
  .refine(
    ({ snapshotId, format, mode, language, signature }) =>
      signature.snapshotId === snapshotId && signature.format === format && signature.mode === mode && signature.language === language,
    { message: 'the signature names another snapshot, format, mode or language', path: ['signature'] },
  );

/** Validates a stored export; `label` names it in the error ("export" when written, "stored export" when read). */
export function validExport(value: unknown, label: string): StoredExport {
  return validRecord(storedExportSchema, value, label);
}

/** Bytes as a plain Uint8Array of their own (not a view into a driver's pooled buffer). */
export function ownBytes(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(bytes);
}

/** A stored snapshot's JSON, validated; with `expectedId`, also that it is the snapshot asked for. */
export function storedSnapshot(text: string, expectedId?: string): Snapshot {
  const snapshot = storedRecord(snapshotSchema, text, 'snapshot');
  if (expectedId !== undefined && snapshot.id !== expectedId) throw new InvalidThreadRecordError(`stored snapshot ${expectedId} holds snapshot ${snapshot.id}`);
  return snapshot;
}
