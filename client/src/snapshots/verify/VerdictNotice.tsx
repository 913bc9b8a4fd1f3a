import { useTranslation } from 'react-i18next';
import { Notice } from '../../components/Notice.tsx';
import { languageAutonyms } from '../exports/exportChoices.ts';
import type { ExportVerdict } from './verifyExportFile.ts';

/** How a signed file's snapshot is named, when the user may read it. */
export interface SignedSnapshotName {
  number: number;
  name: string;
  title: string;
}

export interface VerdictNoticeProps {
  verdict: ExportVerdict;
  /** The exported file given looks like a signature file: the two were probably swapped. */
  swapped: boolean;
  snapshot: SignedSnapshotName | null;
  /** The name of the file checked, as the user picked it. */
  fileName: string;
}

/** The verdict of a file check, in words: verified with what was signed, or NOT verified and why. */
export function VerdictNotice({ verdict, swapped, snapshot, fileName }: VerdictNoticeProps) {
  const { t } = useTranslation('snapshots');
  if (!verdict.ok) {
    const reason = swapped
      ? t('verify.reasons.swapped')
      : verdict.reason === 'other-key'
        ? t('verify.reasons.other-key', { signedWith: verdict.signedWith, serverKey: verdict.serverKey })
        : verdict.reason === 'file-changed'
          ? t('verify.reasons.file-changed', { fileSha256: verdict.fileSha256, signedSha256: verdict.signedSha256 })
          : t(`verify.reasons.${verdict.reason}`);
    return (
      <Notice tone="error" className="verdict verdict--failed">
        <p className="verdict__title" data-testid="verdict">
          {t('verify.notVerified', { file: fileName })}
        </p>
        <p className="verdict__reason" data-testid="verdict-reason">
          {reason}
        </p>
      </Notice>
    );
  }
  const { signature } = verdict;
  return (
    <Notice tone="success" className="verdict verdict--verified">
      <p className="verdict__title" data-testid="verdict">
        {t('verify.verified', { file: fileName })}
      </p>
      <dl className="verdict__details">
        <dt>{t('verify.details.snapshot')}</dt>
        <dd dir="auto">{snapshot === null ? <code>{signature.snapshotId}</code> : t('verify.details.snapshotName', { number: snapshot.number, name: snapshot.name })}</dd>
        <dt>{t('verify.details.document')}</dt>
        <dd dir="auto">{snapshot === null ? <code>{signature.documentId}</code> : snapshot.title}</dd>
        <dt>{t('verify.details.export')}</dt>
        <dd>
          {t(`export.formats.${signature.format}`)} · {t(`export.modes.${signature.mode}`)} · <span lang={signature.language}>{languageAutonyms[signature.language]}</span>
        </dd>
        <dt>{t('verify.details.fileName')}</dt>
        <dd>
          <code dir="ltr">{signature.fileName}</code>
        </dd>
        <dt>{t('verify.details.fileSha256')}</dt>
        <dd>
          <code className="verdict__hash" dir="ltr">
            {signature.fileSha256}
          </code>
        </dd>
        <dt>{t('verify.details.key')}</dt>
        <dd>
          <code dir="ltr">{verdict.keyId}</code> {t('verify.details.keyNote')}
        </dd>
      </dl>
    </Notice>
  );
}
