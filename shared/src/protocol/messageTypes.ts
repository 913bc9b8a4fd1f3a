/**
 * Message types on the collaboration websocket. 0-3 are the plain y-websocket protocol;
 * 100-103 are Concord's additions (see docs/protocol.md).
 */
export const MessageType = {
  sync: 0,
  awareness: 1,
  auth: 2,
  queryAwareness: 3,
  /** Server to client: how many of this connection's update-bearing messages are durably stored. */
  stored: 100,
  /** Server to client: per-paragraph attribution (JSON, ledgerMessageSchema), to clients that ask with `?ledger=1`. */
  ledger: 101,
  /** Client to server: whom the following edits speak for (JSON, speakerMessageSchema); chairs and the secretariat only. */
  speaker: 102,
  /** Server to client: threads, positions, flags or notifications changed (JSON, discussionMessageSchema); refetch them over HTTP. */
  discussion: 103,
} as const;

/** Query parameter a client sets on the websocket URL to receive `ledger` messages. */
export const ledgerParameter = 'ledger';

/** Query parameter a client sets on the websocket URL to receive `stored` messages. */
export const storedAcknowledgementParameter = 'acks';
