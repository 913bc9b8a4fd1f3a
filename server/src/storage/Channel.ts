/**
 * A publish/subscribe channel between server instances: in process (LocalChannel, one SQLite instance) or through
 * Redis pub/sub (RedisChannel). Listeners receive `null` when messages may have been lost (after a reconnect to
 * Redis) and must then re-check whatever they watch.
 */
export interface Channel<Message> {
  publish(message: Message): Promise<void>;
  /** Calls `listener` with each message, on every instance (this one included). Returns an unsubscribe function. */
  subscribe(listener: (message: Message | null) => void): () => void;
  close(): Promise<void>;
}

/** Runs every listener; one that throws is reported and the others still run. */
export function deliverToEach<Message>(listeners: ReadonlySet<(message: Message | null) => void>, message: Message | null, onError: (error: unknown) => void): void {
  for (const listener of [...listeners]) {
    try {
      listener(message);
    } catch (error) {
      onError(error);
    }
  }
}

/** Adds a listener wrapped once per call, so subscribing the same function twice needs two unsubscribes. */
export function addListener<Message>(listeners: Set<(message: Message | null) => void>, listener: (message: Message | null) => void): () => void {
  const entry = (message: Message | null) => listener(message);
  listeners.add(entry);
  return () => {
    listeners.delete(entry);
  };
}
