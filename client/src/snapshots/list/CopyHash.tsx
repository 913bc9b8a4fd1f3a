import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/Button.tsx';

/** The start and end of a SHA-256, enough to compare by eye ("a9f31e31…a337711d"). */
export const shortHash = (sha256: string) => `${sha256.slice(0, 8)}…${sha256.slice(-8)}`;

/** A shortened SHA-256 (the whole one in its title and in the copy) with a button that copies it whole. */
export function CopyHash({ sha256, label }: { sha256: string; label: string }) {
  const { t } = useTranslation('snapshots');
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = window.setTimeout(() => setState('idle'), 4000);
    return () => window.clearTimeout(timer);
  }, [state]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(sha256);
      setState('copied');
    } catch {
      // No clipboard (an insecure context or a refused permission): the full hash is in the title to copy by hand.
      setState('failed');
    }
  };
  return (
    <span className="copy-hash">
      <code className="copy-hash__value" title={sha256} dir="ltr">
        {shortHash(sha256)}
      </code>
      <Button variant="quiet" className="copy-hash__button" onClick={() => void copy()} aria-label={label}>
        {t('list.copy')}
      </Button>
      <span className="copy-hash__status" role="status">
        {state === 'copied' ? t('list.copied') : state === 'failed' ? t('list.copyFailed', { sha256 }) : ''}
      </span>
    </span>
  );
}
