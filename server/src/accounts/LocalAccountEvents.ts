import { LocalChannel } from '../storage/LocalChannel.ts';
import { everyAccount, type AccountEvents } from './AccountStore.ts';

/** Account events within one process: enough for the single-instance SQLite setup. */
export class LocalAccountEvents implements AccountEvents {
  private readonly channel: LocalChannel<string>;

  /** @param onError receives a listener's exception; the other listeners still run. */
  constructor(onError: (error: unknown) => void = (error) => console.error('[LocalAccountEvents]', error)) {
    this.channel = new LocalChannel(onError);
  }

  publish(userId: string): Promise<void> {
    return this.channel.publish(userId);
  }

  subscribe(listener: (userId: string) => void): () => void {
    return this.channel.subscribe((userId) => listener(userId ?? everyAccount));
  }

  close(): Promise<void> {
    return this.channel.close();
  }
}
