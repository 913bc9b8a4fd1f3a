import i18next from 'i18next';
import { positionsApi } from '../../api/positions.ts';
import { can, type SessionUser } from '@concord/shared';
import { notificationsChanged } from '../../notifications/notificationEvents.ts';
import { PositionsStore, type DiscussionFeed } from '../../positions/PositionsStore.ts';
import { speakingDelegation } from '../../positions/speakingDelegation.ts';
import { PositionsPart } from './PositionsPart.ts';
import { positionsGutterStrings, type PositionsGutterStrings } from './positionsGutterStrings.ts';
import './positions.css';

export interface PositionsGutterOptions {
  documentId: string;
  user: SessionUser;
  /** Delivers message 103 (the CollaborationSession). */
  feed: DiscussionFeed;
}

/**
 * The positions and flags in the paragraph gutter. Owns the document's PositionsStore and one PositionsPart per
 * paragraph, whose button the gutter's widgets adopt whenever ProseMirror re-renders them (a ledger or label
 * change) and whose dialog (with what a delegate typed) stays put. Store changes update the parts in place, with
 * no transaction and no React render. Also passes message 103 `notifications` on to the header's bell.
 */
export class PositionsGutter {
  private readonly store: PositionsStore;
  private readonly parts = new Map<string, PositionsPart>();
  /** Holds the parts' dialogs, outside the editor (see PositionsPart). */
  private readonly host = document.createElement('div');
  private readonly delegationCode: string | null;
  private readonly moderates: boolean;
  private strings: PositionsGutterStrings = positionsGutterStrings();
  private stopFeed: (() => void) | null = null;
  private stopStore: (() => void) | null = null;

  constructor(private readonly options: PositionsGutterOptions) {
    this.store = new PositionsStore(options.documentId, positionsApi);
    this.delegationCode = speakingDelegation(options.user);
    this.moderates = can(options.user, 'document.moderate');
    this.host.className = 'positions-dialogs';
  }

  /** Starts following the store and the live messages (when the editor's view exists). */
  start(): void {
    if (this.stopFeed !== null) return;
    document.body.append(this.host);
    this.stopStore = this.store.subscribe(() => this.updateParts());
    const stopPositions = this.store.connect(this.options.feed);
    const stopNotifications = this.options.feed.subscribeDiscussion((message) => {
      if (message.kind === 'notifications' || message.kind === 'resync') notificationsChanged();
    });
    i18next.on('languageChanged', this.relabel);
    this.stopFeed = () => {
      stopPositions();
      stopNotifications();
      i18next.off('languageChanged', this.relabel);
    };
  }

  stop(): void {
    this.stopFeed?.();
    this.stopStore?.();
    this.stopFeed = null;
    this.stopStore = null;
    this.host.remove();
  }

  /** The part of paragraph `blockId`, for a gutter widget being rendered. */
  partFor(blockId: string, label: string): HTMLElement {
    let part = this.parts.get(blockId);
    if (part === undefined) {
      part = new PositionsPart({
        documentId: this.options.documentId,
        blockId,
        delegationCode: this.delegationCode,
        moderates: this.moderates,
        host: this.host,
        store: this.store,
        strings: () => this.strings,
      });
      this.parts.set(blockId, part);
      this.updatePart(blockId, part);
    }
    part.setLabel(label);
    const active = document.activeElement;
    if (active instanceof HTMLElement && part.root.contains(active)) restoreFocusSoon(active);
    return part.root;
  }

  /** A gutter widget was removed: parts no longer in the document (their paragraph was deleted) are dropped. */
  released(widget: Node): void {
    for (const [blockId, part] of this.parts) {
      if (!widget.contains(part.root)) continue;
      queueMicrotask(() => {
        if (part.root.isConnected || this.parts.get(blockId) !== part) return;
        this.parts.delete(blockId);
        part.dispose();
      });
    }
  }

  private readonly relabel = (): void => {
    this.strings = positionsGutterStrings();
    for (const part of this.parts.values()) part.relabel();
  };

  private updateParts(): void {
    for (const [blockId, part] of this.parts) this.updatePart(blockId, part);
  }

  private updatePart(blockId: string, part: PositionsPart): void {
    const { summaries, flags } = this.store.getSnapshot();
    part.update(
      summaries.get(blockId),
      flags.filter((flag) => flag.blockId === blockId),
    );
  }
}

/** Moving a node in the DOM takes the focus from it: the button keeps it when the gutter re-renders meanwhile. */
function restoreFocusSoon(active: HTMLElement): void {
  queueMicrotask(() => {
    if (active.isConnected && document.activeElement !== active) active.focus({ preventScroll: true });
  });
}
