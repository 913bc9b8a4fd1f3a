import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { exportSignatureSchema } from '@concord/shared';
import { getPublicKey, getSnapshot } from '../../api/snapshots.ts';
import { Button } from '../../components/Button.tsx';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { Field } from '../../components/Field.tsx';
import { Link } from '../../routing/Link.tsx';
import { paths } from '../../routing/routes.ts';
import { verifyExportFile, type ExportVerdict } from './verifyExportFile.ts';
import { VerdictNotice, type SignedSnapshotName } from './VerdictNotice.tsx';

/** Whether some text is an export signature: to tell a user who swapped the two files. */
function looksLikeSignature(text: string): boolean {
  try {
    return exportSignatureSchema.safeParse(JSON.parse(text)).success;
  } catch {
    return false;
  }
}

/** The snapshot a signature names, when the signed-in user may read it; nothing otherwise (the verdict stands without it). */
async function nameOf(snapshotId: string): Promise<SignedSnapshotName | null> {
  try {
    const snapshot = await getSnapshot(snapshotId);
    return { number: snapshot.number, name: snapshot.name, title: snapshot.content.title };
  } catch {
    return null;
  }
}

/**
 * "Verify a file": the user picks an exported file and its .signature.json; this browser hashes the file, checks
 * the signature with the server's public key and says plainly whether the file is the one signed, and if not why.
 * Nothing is uploaded: only the public key (and, signed in, the snapshot's name) is fetched.
 */
export function VerifyPanel({ signedIn, headingLevel = 2 }: { signedIn: boolean; headingLevel?: 1 | 2 }) {
  const { t } = useTranslation('snapshots');
  const [file, setFile] = useState<File | null>(null);
  const [signatureFile, setSignatureFile] = useState<File | null>(null);
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<{ verdict: ExportVerdict; swapped: boolean; snapshot: SignedSnapshotName | null; fileName: string } | null>(null);

  const verdictRef = useRef<HTMLDivElement>(null);
  // The verdict appears under the form: bring it into view (it is announced as it appears).
  useEffect(() => {
    if (result !== null) verdictRef.current?.scrollIntoView({ block: 'nearest' });
  }, [result]);

  const verify = async (event: FormEvent) => {
    event.preventDefault();
    setMissing(file === null || signatureFile === null);
    if (file === null || signatureFile === null) return;
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const [bytes, signatureText, key] = await Promise.all([file.arrayBuffer(), signatureFile.text(), getPublicKey()]);
      const verdict = await verifyExportFile(new Uint8Array(bytes), signatureText, key);
      const unreadable = !verdict.ok && (verdict.reason === 'not-json' || verdict.reason === 'not-signature');
      const swapped = unreadable && looksLikeSignature(new TextDecoder().decode(bytes.slice(0, 4096)));
      const snapshot = verdict.ok && signedIn ? await nameOf(verdict.signature.snapshotId) : null;
      setResult({ verdict, swapped, snapshot, fileName: file.name });
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  const Heading = headingLevel === 1 ? 'h1' : 'h2';
  const choose = (set: (file: File | null) => void) => (files: FileList | null) => {
    set(files?.[0] ?? null);
    setResult(null);
  };
  return (
    <section className="panel verify-panel" aria-labelledby="verify-title" data-testid="verify-panel">
      <Heading id="verify-title" className="panel__title" tabIndex={-1}>
        {t('verify.title')}
      </Heading>
      <p className="screen__intro">{t('verify.intro')}</p>
      {headingLevel === 2 && (
        <p className="verify-panel__elsewhere">
          {t('verify.elsewhere')} <Link to={paths.verify}>{`${window.location.origin}${paths.verify}`}</Link>
        </p>
      )}
      <form className="form" onSubmit={(event) => void verify(event)} noValidate>
        <div className="form__row">
          <Field label={t('verify.file')} hint={t('verify.fileHint')} error={missing && file === null ? t('verify.fileMissing') : null} className="form__grow">
            {(control) => <input {...control} type="file" data-testid="verify-file" onChange={(event) => choose(setFile)(event.target.files)} />}
          </Field>
          <Field label={t('verify.signature')} hint={t('verify.signatureHint')} error={missing && signatureFile === null ? t('verify.signatureMissing') : null} className="form__grow">
            {(control) => <input {...control} type="file" accept=".json,application/json" data-testid="verify-signature" onChange={(event) => choose(setSignatureFile)(event.target.files)} />}
          </Field>
        </div>
        <div className="form__actions">
          <Button type="submit" variant="primary" disabled={busy}>
            {busy ? t('verify.checking') : t('verify.submit')}
          </Button>
        </div>
      </form>
      {error !== null && <ErrorNotice error={error} />}
      <div ref={verdictRef}>{result !== null && <VerdictNotice {...result} />}</div>
    </section>
  );
}
