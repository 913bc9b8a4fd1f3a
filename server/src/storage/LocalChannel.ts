import { addListener, deliverToEach, type Channel } from './Channel.ts';

/** A channel within one process: enough for the single-instance SQLite setup. */
export class LocalChannel<Message> implements Channel<Message> {
  private readonly listeners = new Set<(message: Message | null) => void>();

  /** @param onError receives a listener's exception; the other listeners still run. */
  constructor(private readonly onError: (error: unknown) => void) {}

  async publish(message: Message): Promise<void> {
    deliverToEach(this.listeners, message, this.onError);
  }

  subscribe(listener: (message: Message | null) => void): () => void {
    return addListener(this.listeners, listener);
  }

  async close(): Promise<void> {
    this.listeners.clear();
  }
}
