/**
 * Close codes the collaboration server uses, shared so clients can react to each.
 * 1000-1013 are the standard websocket codes. Concord's own follow y-websocket's convention:
 * 4400-4499 are final (the stock provider does not reconnect: its copy was refused), while
 * 4000-4099 are transient (reconnect after a pause). See docs/protocol.md.
 */
export const CloseCode = {
  normal: 1000,
  /** Server shutting down or the room is being reset: reconnect. */
  goingAway: 1001,
  /** A frame larger than MAX_MESSAGE_BYTES. */
  messageTooBig: 1009,
  internalError: 1011,
  /** The store could not confirm an update: reconnect, your copy still holds it. */
  tryAgainLater: 1013,
  /** The account changed (role, affiliation, disabled) or the session ended: reconnect, which signs in again or is refused with 401. */
  reauthenticate: 4001,
  /** A frame that is not a valid y-websocket message. */
  malformedMessage: 4400,
  /** The connection may not make this change (read-only, agreed paragraph, status, paragraph id): drop the local change and resynchronise. */
  forbidden: 4403,
  /** No pong within the heartbeat interval (the socket is dropped; reported in metrics). */
  heartbeatTimeout: 4008,
  /** A clientID that belongs to someone else. */
  clientIdTaken: 4409,
  /** A well-formed update the server refuses (Skip structs, clock jumps, missing dependencies, deletes beyond known clocks, limits, content outside the document schema). */
  refusedUpdate: 4422,
  /** More messages per second than MAX_MESSAGES_PER_SECOND. */
  rateLimited: 4029,
  /** The connection did not read its messages fast enough (send buffer over MAX_SEND_BUFFER_BYTES). */
  slowReader: 4030,
} as const;

export type CloseCodeValue = (typeof CloseCode)[keyof typeof CloseCode];

/** Why an update was refused: sent as the close reason, counted in metrics. */
export const RefusalReason = {
  malformed: 'malformed',
  tooLarge: 'too-large',
  tooManyStructs: 'too-many-structs',
  skipStruct: 'skip-struct',
  clockJump: 'clock-jump',
  forgedOrigins: 'forged-origins',
  missingDependencies: 'missing-dependencies',
  deleteBeyondClock: 'delete-beyond-clock',
  clientIdTaken: 'client-id-taken',
  readOnly: 'read-only',
  /** The update changes, deletes or moves an agreed (or agreed ad referendum) paragraph. */
  lockedBlock: 'locked-block',
  /** Only chairs change a paragraph's status. */
  statusForbidden: 'status-forbidden',
  /** A paragraph's id never changes; a new paragraph needs a unique one. */
  blockId: 'block-id',
  /** A node, mark, attribute or value the document schema does not allow. */
  schemaViolation: 'schema-violation',
  /** Typing for a delegation needs a chair or the secretariat, and a delegation of the committee. */
  typingForForbidden: 'typing-for-forbidden',
  /** The account changed or the session ended. */
  accountChanged: 'account-changed',
  /** Awareness entries about a clientID another connection set: dropped, the connection stays. */
  awarenessNotOwned: 'awareness-not-owned',
  rateLimited: 'rate-limited',
  slowReader: 'slow-reader',
  heartbeatTimeout: 'heartbeat-timeout',
  internalError: 'internal-error',
} as const;

export type RefusalReasonValue = (typeof RefusalReason)[keyof typeof RefusalReason];
