import { useCallback, useEffect, useRef, useState } from 'react';
import type { MarkNotificationsReadInput, Notification } from '@concord/shared';
import { listNotifications, markNotificationsRead } from '../api/notifications.ts';
import { onNotificationsChanged } from './notificationEvents.ts';

const pollMs = 60_000;

export interface NotificationsState {
  notifications: readonly Notification[];
  unread: number;
  loaded: boolean;
  /** The last refresh failed (the list shown is older). */
  failed: boolean;
}

/**
 * The signed-in user's notifications, fetched now, every minute, when the window gets the focus back, and whenever
 * notificationsChanged() is called (a live message in an open document). Marking read updates at once.
 */
export function useNotifications(): NotificationsState & { refresh: () => void; markRead: (ids: readonly string[]) => void; markAllRead: () => void } {
  const [state, setState] = useState<NotificationsState>({ notifications: [], unread: 0, loaded: false, failed: false });
  const live = useRef(true);
  const running = useRef<Promise<void> | null>(null);

  const refresh = useCallback(() => {
    // One request at a time: a poll and a live message together cost one fetch.
    if (running.current !== null) return;
    running.current = listNotifications()
      .then(
        (list) => {
          if (live.current) setState({ notifications: list.notifications, unread: list.unread, loaded: true, failed: false });
        },
        () => {
          if (live.current) setState((previous) => ({ ...previous, failed: true }));
        },
      )
      .finally(() => {
        running.current = null;
      });
  }, []);

  useEffect(() => {
    live.current = true;
    refresh();
    const timer = window.setInterval(refresh, pollMs);
    window.addEventListener('focus', refresh);
    const stop = onNotificationsChanged(refresh);
    return () => {
      live.current = false;
      window.clearInterval(timer);
      window.removeEventListener('focus', refresh);
      stop();
    };
  }, [refresh]);

  const send = useCallback(
    (input: MarkNotificationsReadInput) => {
      markNotificationsRead(input).then(
        (unread) => {
          if (live.current) setState((previous) => ({ ...previous, unread }));
        },
        () => refresh(),
      );
    },
    [refresh],
  );

  const markRead = useCallback(
    (ids: readonly string[]) => {
      const now = new Date().toISOString();
      const unreadIds = new Set(state.notifications.filter((notification) => ids.includes(notification.id) && notification.readAt === null).map((notification) => notification.id));
      if (unreadIds.size === 0) return;
      setState((previous) => ({
        ...previous,
        unread: Math.max(0, previous.unread - unreadIds.size),
        notifications: previous.notifications.map((notification) => (unreadIds.has(notification.id) ? { ...notification, readAt: now } : notification)),
      }));
      send({ ids: [...unreadIds] });
    },
    [send, state.notifications],
  );

  const markAllRead = useCallback(() => {
    const now = new Date().toISOString();
    setState((previous) => ({ ...previous, unread: 0, notifications: previous.notifications.map((notification) => ({ ...notification, readAt: notification.readAt ?? now })) }));
    send({ all: true });
  }, [send]);

  return { ...state, refresh, markRead, markAllRead };
}
