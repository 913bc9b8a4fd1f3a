import type { AccountEvents } from './AccountStore.ts';

/** Account events within one process: enough for the single-instance SQLite setup. */
export class LocalAccountEvents implements AccountEvents {
  private readonly listeners = new Set<(userId: string) => void>();

  /** @param onError receives a listener's exception; the other listeners still run. */
  constructor(private readonly onError: (error: unknown) => void = (error) => console.error('[LocalAccountEvents]', error)) {}

  async publish(userId: string): Promise<void> {
    for (const listener of [...this.listeners]) {
      try {
        listener(userId);
      } catch (error) {
        this.onError(error);
      }
    }
  }

  subscribe(listener: (userId: string) => void): () => void {
    // A wrapper per call, so subscribing the same function twice needs two unsubscribes.
    const entry = (userId: string) => listener(userId);
    this.listeners.add(entry);
    return () => {
      this.listeners.delete(entry);
    };
  }

  async close(): Promise<void> {
    this.listeners.clear();
  }
}
