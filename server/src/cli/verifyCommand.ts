import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { readPublicKey } from '../snapshots/SnapshotSigner.ts';
import { verifyExport } from '../snapshots/verifyExport.ts';
import type { CliOutput } from './runConcordCli.ts';

export const verifyUsage = `Usage: pnpm concord verify <exported file> <signature file> (--public-key <PEM file> | --server <Concord URL>)

Checks that an exported file is exactly what Concord signed for a snapshot. The public key comes from a PEM file,
or from the server's GET /api/snapshots/public-key. Exit code 0: verified; 1: not verified; 2: wrong usage.`;

const publicKeyAnswerSchema = z.object({ algorithm: z.literal('Ed25519'), keyId: z.string(), publicKeyPem: z.string() });

async function publicKeyPem(options: { 'public-key'?: string; server?: string }): Promise<string> {
  if (options['public-key'] !== undefined) return readFile(options['public-key'], 'utf8');
  const url = new URL('/api/snapshots/public-key', options.server);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return publicKeyAnswerSchema.parse(await response.json()).publicKeyPem;
}

/** `concord verify`: needs no store, only the two files and the public key. Returns the exit code. */
export async function runVerifyCommand(args: readonly string[], output: CliOutput): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], options: { 'public-key': { type: 'string' }, server: { type: 'string' } }, allowPositionals: true, strict: true });
  } catch (error) {
    output.err((error as Error).message);
    output.err(verifyUsage);
    return 2;
  }
  const [filePath, signaturePath, ...extra] = parsed.positionals;
  const { values } = parsed;
  if (filePath === undefined || signaturePath === undefined || extra.length > 0 || (values['public-key'] === undefined) === (values.server === undefined)) {
    output.err(verifyUsage);
    return 2;
  }
  try {
    const [file, signature, pem] = await Promise.all([readFile(filePath), readFile(signaturePath, 'utf8'), publicKeyPem(values)]);
    const result = verifyExport(file, signature, readPublicKey(pem));
    if (!result.ok) {
      output.err(`NOT VERIFIED: ${result.reason}`);
      return 1;
    }
    const signed = result.signature;
    output.out(`Verified: ${filePath} is the ${signed.format} export (${signed.mode}, ${signed.language}) of snapshot ${signed.snapshotId} of document ${signed.documentId}.`);
    output.out(`Snapshot SHA-256 ${signed.snapshotSha256}; file SHA-256 ${signed.fileSha256}; signed by key ${signed.keyId}.`);
    return 0;
  } catch (error) {
    output.err(`NOT VERIFIED: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
