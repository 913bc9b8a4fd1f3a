import { Redis } from 'ioredis';
import { userIdSchema } from '@concord/shared';
import { everyAccount, type AccountEvents } from './AccountStore.ts';
import { reconnectDelay } from '../storage/RedisStore.ts';

/** The pub/sub channel every instance listens on; a message is one user id. */
export const accountEventsChannel = 'concord:account-events';

/** Options of the cross-instance account events. */
export interface RedisAccountEventsOptions {
  url: string;
  /** Connection failures, malformed messages and listener exceptions; the events keep running after all three. */
  onError?: (error: unknown) => void;
}

/**
 * Account events through Redis pub/sub, received on a dedicated subscriber connection.
 * Pub/sub keeps nothing for a disconnected subscriber: after each reconnect, once subscribed again,
 * listeners get `everyAccount` ('*') and re-check every connection for what they may have missed.
 */
export class RedisAccountEvents implements AccountEvents {
  /** Resolves once the first subscription is in place: events published after it reach this instance. */
  readonly subscribed: Promise<void>;
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly listeners = new Set<(userId: string) => void>();
  private readonly onError: (error: unknown) => void;
  private hasSubscribed = false;
  private closed = false;

  constructor(options: RedisAccountEventsOptions) {
    this.onError = options.onError ?? ((error) => console.error('[RedisAccountEvents]', error));
    this.publisher = new Redis(options.url, { maxRetriesPerRequest: 2, commandTimeout: 5_000, retryStrategy: reconnectDelay });
    // Subscribes itself on every 'ready' (rather than ioredis' autoResubscribe) so it knows when a
    // reconnect's subscription is in place and only then asks listeners to re-check.
    this.subscriber = new Redis(options.url, { autoResubscribe: false, retryStrategy: reconnectDelay });
    this.publisher.on('error', this.onError);
    this.subscriber.on('error', this.onError);
    let markSubscribed: () => void = () => undefined;
    this.subscribed = new Promise((resolve) => (markSubscribed = resolve));
    this.subscriber.on('ready', () => {
      this.subscriber.subscribe(accountEventsChannel).then(
        () => {
          if (this.closed) return;
          if (this.hasSubscribed) this.deliver(everyAccount);
          this.hasSubscribed = true;
          markSubscribed();
        },
        (error: unknown) => {
          // The connection dropped meanwhile: the next 'ready' subscribes again.
          if (!this.closed) this.onError(error);
        },
      );
    });
    this.subscriber.on('message', (channel: string, message: string) => {
      if (channel !== accountEventsChannel) return;
      const parsed = userIdSchema.safeParse(message);
      if (parsed.success) this.deliver(parsed.data);
      else this.onError(new Error(`ignored a malformed account event: ${JSON.stringify(message.slice(0, 80))}`));
    });
  }

  async publish(userId: string): Promise<void> {
    if (this.closed) throw new Error('RedisAccountEvents is closed');
    await this.publisher.publish(accountEventsChannel, userIdSchema.parse(userId));
  }

  subscribe(listener: (userId: string) => void): () => void {
    const entry = (userId: string) => listener(userId);
    this.listeners.add(entry);
    return () => {
      this.listeners.delete(entry);
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.listeners.clear();
    this.subscriber.disconnect();
    if (this.publisher.status === 'ready') await this.publisher.quit().catch(() => this.publisher.disconnect());
    else this.publisher.disconnect();
  }

  private deliver(userId: string): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(userId);
      } catch (error) {
        this.onError(error);
      }
    }
  }
}
