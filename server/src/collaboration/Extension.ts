import type { IncomingHttpHeaders } from 'node:http';
import type { CloseCodeValue, RefusalReasonValue, User } from '@concord/shared';
import type { UpdateInspection } from './guard/inspectUpdate.ts';
import type { Connection } from './Connection.ts';
import type { Room } from './Room.ts';

/** What an extension learns about a websocket request before it is upgraded. */
export interface UpgradeRequest {
  documentId: string;
  headers: IncomingHttpHeaders;
  url: URL;
  remoteAddress: string | undefined;
}

/** Who a connection speaks for, decided at upgrade time by `onAuthenticate`. */
export interface ConnectionIdentity {
  /** Owner of the clientIDs this connection uses: the signed-in user's id. */
  principal: string;
  /** True when the principal lives only as long as the connection (a connection nobody signed in: refused at upgrade). */
  principalIsEphemeral: boolean;
  readOnly: boolean;
  /** The signed-in user, as the session showed them at upgrade time; the upgrade is refused while null. */
  user: User | null;
  /** SHA-256 of the session id, so that signing out closes the session's sockets. */
  sessionIdHash: string | null;
}

/** Thrown by `onAuthenticate` to answer the upgrade with an HTTP error; no websocket is created. */
export class UpgradeRefusal extends Error {
  override name = 'UpgradeRefusal';
  constructor(readonly status: 400 | 401 | 403 | 404 | 429 | 503, message: string) {
    super(message);
  }
}

/** Thrown by `beforeApplyUpdate` to refuse an update: the sender is closed with `closeCode`. */
export class UpdateRefusal extends Error {
  override name = 'UpdateRefusal';
  constructor(
    readonly closeCode: CloseCodeValue,
    readonly reason: RefusalReasonValue,
    detail: string,
  ) {
    super(detail);
  }
}

export interface UpdateContext {
  room: Room;
  connection: Connection;
  update: Uint8Array;
  inspection: UpdateInspection;
}

/**
 * One concern of the collaboration server. Hooks run in ascending `priority` (default 100).
 * `onAuthenticate` may be async and refuse the upgrade; `beforeApplyUpdate` is synchronous so
 * that no other update can change the document between the check and the apply; the others observe.
 */
export interface Extension {
  readonly name: string;
  readonly priority?: number;
  onAuthenticate?(request: UpgradeRequest, identity: ConnectionIdentity): Promise<Partial<ConnectionIdentity> | void> | Partial<ConnectionIdentity> | void;
  onConnect?(context: { room: Room; connection: Connection }): void;
  beforeApplyUpdate?(context: UpdateContext): void;
  onChange?(context: UpdateContext): void;
  onStore?(context: { documentId: string; bytes: number; seconds: number }): void;
  /** A stored update was sent to `recipients` other clients. */
  onBroadcast?(context: { documentId: string; recipients: number }): void;
  onRefuse?(context: { documentId: string; connection: Connection; reason: string; closeCode: CloseCodeValue }): void;
  onDisconnect?(context: { room: Room; connection: Connection }): void;
  onLoadDocument?(context: { documentId: string; seconds: number; updates: number }): void;
  onUnloadDocument?(context: { documentId: string }): void;
  onDestroy?(): Promise<void> | void;
}

type ObserverHook = 'onConnect' | 'onChange' | 'onStore' | 'onBroadcast' | 'onRefuse' | 'onDisconnect' | 'onLoadDocument' | 'onUnloadDocument';

/** Runs the extensions' hooks in priority order. */
export class Hooks {
  private readonly extensions: readonly Extension[];

  constructor(extensions: readonly Extension[], private readonly onObserverError: (hook: string, extension: string, error: unknown) => void) {
    this.extensions = [...extensions].sort((first, second) => (first.priority ?? 100) - (second.priority ?? 100));
  }

  /** Each extension may refine the identity; the first to throw refuses the upgrade. */
  async authenticate(request: UpgradeRequest, initial: ConnectionIdentity): Promise<ConnectionIdentity> {
    let identity = initial;
    for (const extension of this.extensions) {
      const refinement = await extension.onAuthenticate?.(request, identity);
      if (refinement) identity = { ...identity, ...refinement };
    }
    return identity;
  }

  /** Throws the first extension's UpdateRefusal. */
  beforeApplyUpdate(context: UpdateContext): void {
    for (const extension of this.extensions) extension.beforeApplyUpdate?.(context);
  }

  /** Observers never break the pipeline: their errors are reported and the next one runs. */
  notify<Hook extends ObserverHook>(hook: Hook, context: Parameters<NonNullable<Extension[Hook]>>[0]): void {
    for (const extension of this.extensions) {
      const observer = extension[hook] as ((argument: typeof context) => void) | undefined;
      if (!observer) continue;
      try {
        observer.call(extension, context);
      } catch (error) {
        this.onObserverError(hook, extension.name, error);
      }
    }
  }

  async destroy(): Promise<void> {
    for (const extension of this.extensions) await extension.onDestroy?.();
  }
}
