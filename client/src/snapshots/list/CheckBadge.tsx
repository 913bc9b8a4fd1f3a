import { useTranslation } from 'react-i18next';
import type { SnapshotCheckState } from './useSnapshotChecks.ts';

const icons: Record<SnapshotCheckState, string> = { checking: '…', verified: '✓', 'not-verified': '✗', unsupported: '?', failed: '?' };

/** Whether a snapshot's hash and signature hold, in a word and an icon (not in colour alone); the list's intro says what was checked. */
export function CheckBadge({ state, keyId }: { state: SnapshotCheckState; keyId: string | null }) {
  const { t } = useTranslation('snapshots');
  const explanation = t(`check.hints.${state}`, { keyId: keyId ?? '' });
  return (
    <span className={`check-badge check-badge--${state}`} title={explanation} data-testid="snapshot-check" data-state={state}>
      <span aria-hidden="true" className="check-badge__icon">
        {icons[state]}
      </span>
      {t(`check.states.${state}`)}
    </span>
  );
}
