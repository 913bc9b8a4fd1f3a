import { useTranslation } from 'react-i18next';
import { Button } from '../components/Button.tsx';
import { Notice } from '../components/Notice.tsx';
import type { Refusal } from './collaboration/CollaborationSnapshot.ts';

/** Tells the user which change the server refused, why, and that the document was reloaded. */
export function RefusalNotice({ refusal, onDismiss }: { refusal: Refusal; onDismiss: () => void }) {
  const { t } = useTranslation('editor');
  return (
    <Notice tone="error" className="drafting__notice">
      <p>
        <strong>{t('refusal.title')}</strong> {t(`refusal.reasons.${refusal.reason}`)}
        {refusal.paragraph !== null && <> {t('refusal.inParagraph', { label: refusal.paragraph })}</>}
      </p>
      <p>{t('refusal.reloaded')}</p>
      <Button variant="quiet" onClick={onDismiss}>
        {t('refusal.dismiss')}
      </Button>
    </Notice>
  );
}
