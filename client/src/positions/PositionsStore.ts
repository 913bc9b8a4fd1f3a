import type { DiscussionMessage, Flag, Position, PositionSummary } from '@concord/shared';
import type { DocumentPositions } from '../api/positions.ts';

/** What is known of one document's positions and flags. */
export interface PositionsSnapshot {
  /** Both lists arrived at least once. */
  loaded: boolean;
  positions: readonly Position[];
  /** The current positions per paragraph (block id), as the server summarised them. */
  summaries: ReadonlyMap<string, PositionSummary>;
  flags: readonly Flag[];
  /** The last refresh failed (what is shown is then older); null once one succeeds. */
  error: unknown;
}

/** Where the store reads from: the API, or a stand-in in tests. */
export interface PositionsSource {
  listPositions: (documentId: string) => Promise<DocumentPositions>;
  listFlags: (documentId: string) => Promise<Flag[]>;
}

/** Whatever delivers message 103 (the CollaborationSession). */
export interface DiscussionFeed {
  subscribeDiscussion: (listener: (message: DiscussionMessage) => void) => () => void;
}

/**
 * Runs `load` when asked, never twice at once: a request while one is in flight runs once more after it, so the
 * last answer is never older than the last request (two live messages in a row cost two fetches at most).
 */
class Refetcher {
  private running: Promise<void> | null = null;
  private again = false;

  constructor(private readonly load: () => Promise<void>) {}

  request(): Promise<void> {
    if (this.running !== null) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.load();
      } while (this.again);
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }
}

/**
 * One document's positions and flags, framework-free (React reads it through subscribe/getSnapshot, the plain-DOM
 * gutter through subscribe). Refetches over HTTP on message 103 `positions`, `flags` and `resync`: the message
 * names what changed, never its content.
 */
export class PositionsStore {
  private readonly listeners = new Set<() => void>();
  private snapshot: PositionsSnapshot = { loaded: false, positions: [], summaries: new Map(), flags: [], error: null };
  private positionsLoaded = false;
  private flagsLoaded = false;
  private destroyed = false;
  private readonly positionsFetch: Refetcher;
  private readonly flagsFetch: Refetcher;

  constructor(
    readonly documentId: string,
    /** The API (api/positions.ts `positionsApi`), or a stand-in in tests. */
    private readonly source: PositionsSource,
  ) {
    this.positionsFetch = new Refetcher(() => this.guard(async () => this.setPositions(await this.source.listPositions(this.documentId))));
    this.flagsFetch = new Refetcher(() => this.guard(async () => this.setFlags(await this.source.listFlags(this.documentId))));
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): PositionsSnapshot => this.snapshot;

  /** Fetches both lists again. */
  refresh(): Promise<void> {
    return Promise.all([this.positionsFetch.request(), this.flagsFetch.request()]).then(() => undefined);
  }

  /** Acts on a live message: refetches what it names. */
  handle(message: DiscussionMessage): void {
    if (message.kind === 'positions') void this.positionsFetch.request();
    else if (message.kind === 'flags') void this.flagsFetch.request();
    else if (message.kind === 'resync') void this.refresh();
  }

  /** Follows `feed`'s live messages (and fetches now); returns the function that stops. */
  connect(feed: DiscussionFeed): () => void {
    void this.refresh();
    return feed.subscribeDiscussion((message) => this.handle(message));
  }

  /** Shows one's own recorded position at once, before the live message brings it back. */
  applyRecorded(position: Position, summary: PositionSummary): void {
    const summaries = new Map(this.snapshot.summaries);
    summaries.set(position.blockId, summary);
    this.update({ positions: [...this.snapshot.positions, position], summaries });
  }

  /** Shows a raised or answered flag at once. */
  applyFlag(flag: Flag): void {
    const others = this.snapshot.flags.filter((existing) => existing.id !== flag.id);
    this.update({ flags: [...others, flag].sort((first, second) => first.raisedAt.localeCompare(second.raisedAt)) });
  }

  destroy(): void {
    this.destroyed = true;
    this.listeners.clear();
  }

  private async guard(load: () => Promise<void>): Promise<void> {
    try {
      await load();
    } catch (error) {
      this.update({ error });
    }
  }

  private setPositions(answer: DocumentPositions): void {
    this.positionsLoaded = true;
    this.update({ positions: answer.positions, summaries: new Map(Object.entries(answer.summaries)), error: null });
  }

  private setFlags(flags: Flag[]): void {
    this.flagsLoaded = true;
    this.update({ flags, error: null });
  }

  private update(patch: Partial<PositionsSnapshot>): void {
    if (this.destroyed) return;
    this.snapshot = { ...this.snapshot, ...patch, loaded: this.positionsLoaded && this.flagsLoaded };
    for (const listener of this.listeners) listener();
  }
}
