import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { nextAnnouncement, type ConnectionDisplay } from './collaboration/connectionStatus.ts';

const tone: Record<ConnectionDisplay, 'neutral' | 'busy' | 'good' | 'bad'> = {
  connecting: 'busy',
  connected: 'neutral',
  saving: 'busy',
  saved: 'good',
  offline: 'bad',
  offlineUnsaved: 'bad',
};

/** A save that takes longer than this is announced to screen readers; quicker ones are not. */
const savingAnnouncementDelayMs = 1500;

/**
 * The connection and saving state, in words (and a mark whose shape differs too). The visible line follows the
 * state exactly ("saved" = every update sent on this connection is acknowledged as stored); screen readers are
 * told, in whole sentences, through a separate live region that does not speak at every keystroke.
 */
export function ConnectionStatus({ display }: { display: ConnectionDisplay }) {
  const { t } = useTranslation('editor');
  const [announced, setAnnounced] = useState<ConnectionDisplay | null>(null);
  useEffect(() => {
    const announce = () => setAnnounced((previous) => nextAnnouncement(previous, display) ?? previous);
    if (display !== 'saving') {
      announce();
      return;
    }
    const timer = window.setTimeout(announce, savingAnnouncementDelayMs);
    return () => window.clearTimeout(timer);
  }, [display]);
  return (
    <p className={`connection-status connection-status--${tone[display]}`}>
      <span className="connection-status__mark" aria-hidden="true" />
      <span className="visually-hidden">{t('connection.label')}: </span>
      {t(`connection.${display}`)}
      <span className="visually-hidden" role="status">
        {announced === null ? '' : t(`connection.announce.${announced}`)}
      </span>
    </p>
  );
}
