import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../../components/useDocumentTitle.ts';
import { VerifyPanel } from './VerifyPanel.tsx';
import '../snapshots.css';
import { addNamespaces } from '../../i18n/namespaces.ts';
import { snapshotsTexts } from '../../snapshots/i18n/texts.ts';

// This screen's texts come with its code, not in the first download.
addNamespaces({ snapshots: snapshotsTexts });

/**
 * /verify: the check of a signed file on its own, for anyone given a file and its signature (signed in or not: the
 * public key needs no session).
 */
export function VerifyScreen({ signedIn }: { signedIn: boolean }) {
  const { t } = useTranslation('snapshots');
  useDocumentTitle(t('verify.title'));
  return (
    <div className="screen verify-screen">
      <VerifyPanel signedIn={signedIn} headingLevel={1} />
    </div>
  );
}
