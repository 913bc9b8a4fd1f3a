import { Redis } from 'ioredis';
import type { z } from 'zod';
import { addListener, deliverToEach, type Channel } from './Channel.ts';
import { reconnectDelay } from './RedisStore.ts';

export interface RedisChannelOptions<Schema extends z.ZodType> {
  url: string;
  /** The Redis pub/sub channel name. */
  channel: string;
  /** Every message is checked with it on the way out and on the way in (another instance may run other code). */
  schema: Schema;
  encode: (message: z.output<Schema>) => string;
  decode: (text: string) => unknown;
  /** Connection failures, malformed messages and listener exceptions; the channel keeps running after all three. */
  onError: (error: unknown) => void;
}

/**
 * A channel through Redis pub/sub, received on a dedicated subscriber connection. Pub/sub keeps nothing for a
 * disconnected subscriber: after each reconnect, once subscribed again, listeners get `null` and re-check.
 */
export class RedisChannel<Schema extends z.ZodType> implements Channel<z.output<Schema>> {
  /** Resolves once the first subscription is in place: messages published after it reach this instance. */
  readonly subscribed: Promise<void>;
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly listeners = new Set<(message: z.output<Schema> | null) => void>();
  private hasSubscribed = false;
  private closed = false;

  constructor(private readonly options: RedisChannelOptions<Schema>) {
    const { url, channel, onError } = options;
    this.publisher = new Redis(url, { maxRetriesPerRequest: 2, commandTimeout: 5_000, retryStrategy: reconnectDelay });
    // Subscribes itself on every 'ready' (rather than ioredis' autoResubscribe) so it knows when a
    // reconnect's subscription is in place and only then asks listeners to re-check.
    this.subscriber = new Redis(url, { autoResubscribe: false, retryStrategy: reconnectDelay });
    this.publisher.on('error', onError);
    this.subscriber.on('error', onError);
    let markSubscribed: () => void = () => undefined;
    this.subscribed = new Promise((resolve) => (markSubscribed = resolve));
    this.subscriber.on('ready', () => {
      this.subscriber.subscribe(channel).then(
        () => {
          if (this.closed) return;
          if (this.hasSubscribed) this.deliver(null);
          this.hasSubscribed = true;
          markSubscribed();
        },
        (error: unknown) => {
          // The connection dropped meanwhile: the next 'ready' subscribes again.
          if (!this.closed) onError(error);
        },
      );
    });
    this.subscriber.on('message', (from: string, text: string) => {
      if (from === channel) this.receive(text);
    });
  }

  async publish(message: z.output<Schema>): Promise<void> {
    if (this.closed) throw new Error(`the ${this.options.channel} channel is closed`);
    await this.publisher.publish(this.options.channel, this.options.encode(this.options.schema.parse(message)));
  }

  subscribe(listener: (message: z.output<Schema> | null) => void): () => void {
    return addListener(this.listeners, listener);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.listeners.clear();
    this.subscriber.disconnect();
    if (this.publisher.status === 'ready') await this.publisher.quit().catch(() => this.publisher.disconnect());
    else this.publisher.disconnect();
  }

  private receive(text: string): void {
    let decoded: unknown;
    try {
      decoded = this.options.decode(text);
    } catch {
      decoded = undefined;
    }
    const parsed = this.options.schema.safeParse(decoded);
    if (parsed.success) this.deliver(parsed.data);
    else this.options.onError(new Error(`ignored a malformed message on ${this.options.channel}: ${JSON.stringify(text.slice(0, 80))}`));
  }

  private deliver(message: z.output<Schema> | null): void {
    deliverToEach(this.listeners, message, this.options.onError);
  }
}
