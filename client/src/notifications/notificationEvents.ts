/**
 * "The signed-in user's notifications changed": told by whoever hears it (message 103 `notifications` on an open
 * CollaborationSession), heard by the header's bell, which refetches. Module-level because the two are far apart.
 */
const target = new EventTarget();
const eventName = 'concord:notifications-changed';

/** Says that the notifications changed (the bell refetches them). */
export function notificationsChanged(): void {
  target.dispatchEvent(new Event(eventName));
}

/** Calls `listener` whenever notificationsChanged() is called; returns the function that stops. */
export function onNotificationsChanged(listener: () => void): () => void {
  target.addEventListener(eventName, listener);
  return () => target.removeEventListener(eventName, listener);
}
