import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Notification } from '@concord/shared';
import { listDocuments } from '../api/documents.ts';
import { Button } from '../components/Button.tsx';
import { asLanguage } from '../i18n/language.ts';
import { Link } from '../routing/Link.tsx';
import { paths } from '../routing/routes.ts';
import { describeNotification, paragraphLabelText } from './notificationWording.ts';
import { useNotifications } from './useNotifications.ts';
import './notifications.css';

/** A bell drawn in SVG, hidden from screen readers: the button's label says "Notifications, 3 unread". */
function BellIcon() {
  return (
    <svg className="bell__icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path d="M8 1.5a1 1 0 0 1 1 1v.6a4.5 4.5 0 0 1 3.5 4.4v2.8l1.2 1.6a.6.6 0 0 1-.5 1H2.8a.6.6 0 0 1-.5-1l1.2-1.6V7.5A4.5 4.5 0 0 1 7 3.1v-.6a1 1 0 0 1 1-1zM6.2 14h3.6a1.8 1.8 0 0 1-3.6 0z" />
    </svg>
  );
}

/**
 * The header's bell: the unread count on a button that opens the latest notifications. Each one links to its
 * thread in the drafting room (/documents/:id?thread=…) and is marked read when followed.
 */
export function NotificationBell() {
  const { t, i18n } = useTranslation('notifications');
  const language = asLanguage(i18n.language);
  const { notifications, unread, loaded, failed, refresh, markRead, markAllRead } = useNotifications();
  const [open, setOpen] = useState(false);
  const [titles, setTitles] = useState<ReadonlyMap<string, string>>(new Map());
  const popoverId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  // Notifications carry a document's id only: titles are read once, and again when a new document appears.
  const asked = useRef(new Set<string>());
  useEffect(() => {
    const unknown = notifications.map((notification) => notification.documentId).filter((id) => !titles.has(id) && !asked.current.has(id));
    if (unknown.length === 0) return;
    for (const id of unknown) asked.current.add(id);
    // Not cancelled when the list changes meanwhile: the titles answer every notification (React ignores a late set after unmount).
    listDocuments().then(
      (documents) => setTitles(new Map(documents.map((document) => [document.id, document.title]))),
      () => undefined,
    );
  }, [notifications, titles]);

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (event.target instanceof Node && root.current?.contains(event.target) !== true) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  const toggle = () => {
    if (!open) refresh();
    setOpen(!open);
  };
  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  const dateFormat = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });
  const label = unread === 0 ? t('bell.label') : t('bell.labelUnread', { count: unread });
  const describe = (notification: Notification) =>
    describeNotification(
      notification,
      { documentTitle: titles.get(notification.documentId) ?? null, paragraph: notification.paragraph === null ? null : paragraphLabelText(notification.paragraph, t) },
      t,
    );

  return (
    <div
      className="bell"
      ref={root}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          event.stopPropagation();
          close();
        }
      }}
    >
      <button ref={button} type="button" className="bell__button" aria-label={label} aria-expanded={open} aria-controls={popoverId} onClick={toggle}>
        <BellIcon />
        {unread > 0 && (
          <span className="bell__badge" aria-hidden="true">
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </button>
      <span className="visually-hidden" aria-live="polite">
        {unread > 0 ? label : ''}
      </span>
      <div id={popoverId} className="bell__popover" hidden={!open} role="region" aria-label={t('list.title')}>
        <div className="bell__head">
          <h2 className="bell__title">{t('list.title')}</h2>
          <Button variant="quiet" onClick={markAllRead} disabled={unread === 0}>
            {t('list.markAllRead')}
          </Button>
        </div>
        {failed && <p className="bell__note bell__note--error">{t('list.failed')}</p>}
        {!loaded && !failed && <p className="bell__note">{t('list.loading')}</p>}
        {loaded && notifications.length === 0 && <p className="bell__note">{t('list.empty')}</p>}
        {notifications.length > 0 && (
          <ul className="bell__list">
            {notifications.map((notification) => (
              <li key={notification.id} className={notification.readAt === null ? 'bell__item is-unread' : 'bell__item'}>
                <Link
                  to={paths.thread(notification.documentId, notification.threadId)}
                  className="bell__link"
                  onClick={() => {
                    markRead([notification.id]);
                    setOpen(false);
                  }}
                >
                  {notification.readAt === null && <span className="bell__dot" aria-hidden="true" />}
                  <span className="bell__text">
                    {describe(notification)}
                    {notification.readAt === null && <span className="visually-hidden"> ({t('list.unread')})</span>}
                  </span>
                  <time className="bell__time" dateTime={notification.createdAt}>
                    {dateFormat.format(new Date(notification.createdAt))}
                  </time>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
