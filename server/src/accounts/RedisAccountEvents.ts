import { userIdSchema } from '@concord/shared';
import { RedisChannel } from '../storage/RedisChannel.ts';
import { everyAccount, type AccountEvents } from './AccountStore.ts';

/** The pub/sub channel every instance listens on; a message is one user id. */
export const accountEventsChannel = 'concord:account-events';

/** Options of the cross-instance account events. */
export interface RedisAccountEventsOptions {
  url: string;
  /** Connection failures, malformed messages and listener exceptions; the events keep running after all three. */
  onError?: (error: unknown) => void;
}

/**
 * Account events through Redis pub/sub. After a reconnect listeners get `everyAccount` ('*') and re-check every
 * connection for what they may have missed.
 */
export class RedisAccountEvents implements AccountEvents {
  private readonly channel: RedisChannel<typeof userIdSchema>;

  constructor(options: RedisAccountEventsOptions) {
    this.channel = new RedisChannel({
      url: options.url,
      channel: accountEventsChannel,
      schema: userIdSchema,
      encode: (userId) => userId,
      decode: (text) => text,
      onError: options.onError ?? ((error) => console.error('[RedisAccountEvents]', error)),
    });
  }

  /** Resolves once the first subscription is in place: events published after it reach this instance. */
  get subscribed(): Promise<void> {
    return this.channel.subscribed;
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
