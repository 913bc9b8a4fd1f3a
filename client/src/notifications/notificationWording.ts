import type { TFunction } from 'i18next';
import type { Notification, ParagraphLabel } from '@concord/shared';

/** Where a notification points, as far as the client knows it. */
export interface NotificationPlace {
  /** The document's title, once the document list is known. */
  documentTitle: string | null;
  /** The paragraph's label ("PP 3", "2."), when known. */
  paragraph: string | null;
}

/** A paragraph's label as the drafting room's gutter shows it: "PP 2", "3.", "3. Alt 1", "Alt 1". */
export function paragraphLabelText(label: ParagraphLabel, t: TFunction<'notifications'>): string {
  if (label.alternative === 0) return label.number;
  return label.number === '' ? t('label.alternativeUnnumbered', { rank: label.alternative }) : t('label.alternative', { number: label.number, rank: label.alternative });
}

/** Who acted: the delegation code, the observer organisation, or the Secretariat in words (opening the sentence or not). */
function actorOf(notification: Notification, t: TFunction<'notifications'>, inline: boolean): string {
  if (notification.actor.affiliation !== 'secretariat') return notification.actor.affiliation;
  return inline ? t('actor.secretariatInline') : t('actor.secretariat');
}

function placeOf(place: NotificationPlace, t: TFunction<'notifications'>): string {
  if (place.documentTitle === null) return t('place.unknown');
  if (place.paragraph === null) return t('place.document', { document: place.documentTitle });
  return t('place.paragraph', { paragraph: place.paragraph, document: place.documentTitle });
}

/**
 * The sentence of a notification: "EGY mentioned FRA in a thread on paragraph 3 of “…”", "The chair asked NWS
 * for input on “…”", "New reply from EGY in a thread you follow, on “…”". Names who acted, never a comment's words.
 */
export function describeNotification(notification: Notification, place: NotificationPlace, t: TFunction<'notifications'>): string {
  const where = placeOf(place, t);
  const { reason } = notification;
  switch (reason.kind) {
    case 'mention':
      return t('reason.mention', { actor: actorOf(notification, t, false), delegation: reason.delegationCode, place: where });
    case 'input-requested':
      return t('reason.inputRequested', { target: reason.target.kind === 'group' ? reason.target.groupId : reason.target.delegationCode, place: where });
    case 'reply':
      return t('reason.reply', { actor: actorOf(notification, t, true), place: where });
  }
}
