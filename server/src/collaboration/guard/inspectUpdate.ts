/**
 * Structural check of a client's Yjs update against the live document, before anything is applied:
 * Y.applyUpdate can throw after integrating part of an update, and parks what it cannot place as "pending",
 * re-merged on every later update. Read-only: no apply, no clone, no item splitting (Y.getItem, Y.findIndexSS).
 *
 * 1. scanUpdateBounds walks the encoding with bounded counts; then Y.decodeUpdate, which needs no document.
 * 2. Items and GC structs, none empty: Skip structs are refused, and an empty struct breaks Y.findIndexSS for
 *    good. A GC struct is content its author deleted before sending it (created and deleted offline): it
 *    depends on nothing and lands nowhere. No client may move its clock by more than maxClockAdvance in one
 *    update (a GC or deleted-content struct costs a few bytes whatever its length).
 * 3. yjs's integrateStructs is replayed on virtual clocks, in its order (highest client first; a struct that
 *    needs another client jumps to that client's next struct). Where yjs would park structs as pending (a gap
 *    after the document's clock, a reference to nothing, a cycle) or throw (a reference to its own client's
 *    future), refuse. Structs below the document's clock are known and skipped, as yjs does; the clients of the
 *    rest are the authors.
 * 4. Where each new item lands, as Item.getMissing decides: a string parent is a root type, an ID parent a type
 *    item, else the parent (and map key) of the origin, else of the right origin; a GC there turns the item into
 *    GC. Walking up `type._item` to the child of a root type gives the top-level block. Refused, because yjs
 *    breaks on them: a parent that is not a type, a map entry longer than 1, a partly known struct whose new
 *    part would land elsewhere than its known part.
 * 4b. An item whose origins are existing list items must name two positions its author saw adjacent
 *    (checkNeighbours.ts): forged origins make the order depend on arrival, and replicas diverge.
 * 5. Delete ranges, sorted and apart as yjs writes them, must end within the clocks the document has or the
 *    update adds; the live items they delete give more touched blocks.
 */
import * as Y from 'yjs';
import { RefusalReason } from '@concord/shared';
import { checkNeighbours, type ListType } from './checkNeighbours.ts';
import { scanUpdateBounds, type UpdateLimits, type UpdateRefusal } from './scanUpdateBounds.ts';

export type { UpdateLimits, UpdateRefusal } from './scanUpdateBounds.ts';

/** The type a new item lands in. */
export type LandingParent =
  | { kind: 'root'; name: string }
  /** A type the document has (not a root). */
  | { kind: 'existing'; type: Y.AbstractType<unknown> }
  /** The type held by another new item of the same update. */
  | { kind: 'new'; item: Y.Item };

/** Where a new item of the update lands, for the document policy (schema, locks, attribution). */
export interface NewItem {
  /** The decoded struct (not integrated: read its content, id, parentSub-free fields only). */
  item: Y.Item;
  parent: LandingParent;
  /** Map key (an element attribute) or null for a list child. */
  parentSub: string | null;
  /** The top-level block it lands in, or null when the item is itself a top-level block (a child of a root). */
  block: { kind: 'existing'; item: Y.Item } | { kind: 'new'; item: Y.Item } | null;
}

export interface UpdateInspection {
  ok: true;
  /** Clients owning at least one struct the document does not have yet: the caller checks they are the sender's. */
  authors: number[];
  /** Nothing new: every struct already known and every deleted item already deleted (a resent update). */
  isEmpty: boolean;
  /** Existing top-level blocks (children of a root type) the update inserts into, sets attributes on, deletes from, or deletes. */
  touchedBlocks: Y.Item[];
  /** Root types that get new children (new top-level blocks; new keys on a root map), including roots the update creates. */
  rootsWithNewBlocks: string[];
  /** Every new item that lands somewhere (not turned into GC), in integration order. */
  newItems: NewItem[];
  /** Live items of the document the update deletes. */
  deletedItems: Y.Item[];
}

/** Where a new item lands. `newBlock`: inside a top-level block this same update creates. */
type Placement = { kind: 'root'; rootName: string } | { kind: 'block'; block: Y.Item } | { kind: 'newBlock' } | { kind: 'collected' };

const newBlock: Placement = { kind: 'newBlock' };
const collected: Placement = { kind: 'collected' };

interface ClientRun {
  client: number;
  /** Index range of this client's structs in the decoded update. */
  first: number;
  end: number;
  /** Index of the next struct to integrate in the replay. */
  next: number;
  /** The document's clock for this client. */
  known: number;
  clockEnd: number;
  /** End clock of the structs integrated so far in the replay. */
  integratedEnd: number;
}

const refuse = (reason: UpdateRefusal['reason'], detail: string): UpdateRefusal => ({ ok: false, reason, detail });
const formatId = (id: Y.ID): string => `${id.client}:${id.clock}`;

/** The next struct of the highest client that has any left. */
function takeNext(targets: ClientRun[]): number | undefined {
  for (let target = targets.at(-1); target !== undefined; target = targets.at(-1)) {
    if (target.next < target.end) return target.next++;
    targets.pop();
  }
  return undefined;
}

/** The child of a root type that contains `item` (the item itself when its parent is a root). */
function topLevelBlock(item: Y.Item): Y.Item | null {
  let current = item;
  for (;;) {
    const parent = current.parent;
    if (!(parent instanceof Y.AbstractType)) return null;
    if (parent._item === null) return current;
    current = parent._item;
  }
}

class UpdateInspector {
  private readonly runs = new Map<number, ClientRun>();
  private readonly placements: Array<Placement | undefined> = [];
  /** The map key each new item lands under (Item.parentSub once yjs resolved it). */
  private readonly parentSubs: Array<string | null | undefined> = [];
  private readonly touchedBlocks = new Set<Y.Item>();
  private readonly rootsWithNewBlocks = new Set<string>();
  /** Landing of each new struct index, for the items that land somewhere. */
  private readonly landings: Array<NewItem | undefined> = [];
  private readonly newItems: NewItem[] = [];
  private readonly deletedItems: Y.Item[] = [];

  constructor(
    private readonly doc: Y.Doc,
    private readonly structs: Array<Y.Item | Y.GC>,
  ) {}

  /** Steps 3 and 4. */
  inspectStructs(): UpdateRefusal | null {
    let run: ClientRun | undefined;
    for (let index = 0; index < this.structs.length; index++) {
      const { id, length } = this.structs[index]!;
      if (run !== undefined && run.client === id.client) {
        run.end = index + 1;
        run.clockEnd = id.clock + length;
        continue;
      }
      const known = Y.getState(this.doc.store, id.client);
      run = { client: id.client, first: index, end: index + 1, next: index, known, clockEnd: id.clock + length, integratedEnd: 0 };
      this.runs.set(id.client, run);
    }
    return this.replay();
  }

  /**
   * Replays yjs integrateStructs (utils/encoding.js) on virtual clocks, in its order: clients from the highest id,
   * a struct waiting for another client jumps to that client's next struct. Where yjs would park structs as pending
   * or throw, refuse.
   */
  private replay(): UpdateRefusal | null {
    const targets = [...this.runs.values()].sort((a, b) => a.client - b.client);
    const stack: number[] = [];
    let head = takeNext(targets);
    while (head !== undefined) {
      const item = this.structs[head]!;
      const run = this.runs.get(item.id.client)!;
      const state = this.stateOf(item.id.client);
      if (item.id.clock > state) return refuse(RefusalReason.missingDependencies, `${formatId(item.id)} follows a gap: the document has clock ${state}`);
      if (item instanceof Y.GC) {
        if (item.id.clock + item.length > state) {
          this.placements[head] = collected;
          run.integratedEnd = item.id.clock + item.length;
        }
        head = stack.pop() ?? takeNext(targets);
        continue;
      }
      const missing = this.missingClient(item, state);
      if (typeof missing === 'string') return refuse(RefusalReason.missingDependencies, missing);
      if (missing !== null) {
        const dependency = this.runs.get(missing);
        if (dependency === undefined || dependency.next === dependency.end) {
          return refuse(RefusalReason.missingDependencies, `${formatId(item.id)} needs client ${missing} beyond clock ${this.stateOf(missing)}`);
        }
        stack.push(head);
        head = dependency.next++;
        continue;
      }
      if (item.id.clock + item.length > state) {
        const placement = this.placementOf(item, head);
        if (typeof placement === 'string') return refuse(RefusalReason.malformed, placement);
        // yjs assumes map entries have length 1 (a longer one leaves a live entry that GC then throws on)
        if (placement !== collected && (this.parentSubs[head] ?? null) !== null && item.length !== 1) {
          return refuse(RefusalReason.malformed, `map entry ${formatId(item.id)} has length ${item.length}`);
        }
        if (item.id.clock < state && !this.continuesInPlace(item, placement, state)) {
          return refuse(RefusalReason.malformed, `${formatId(item.id)} disagrees with the document about where its known part is`);
        }
        if (placement !== collected && (this.parentSubs[head] ?? null) === null) {
          const forged = this.forgedNeighbours(item);
          if (forged !== null) return refuse(RefusalReason.forgedOrigins, `${formatId(item.id)}: ${forged}`);
        }
        this.placements[head] = placement;
        if (placement !== collected) this.recordLanding(head, item, placement);
        if (placement.kind === 'block') this.touchedBlocks.add(placement.block);
        if (placement.kind === 'root') this.rootsWithNewBlocks.add(placement.rootName);
        run.integratedEnd = item.id.clock + item.length;
      }
      head = stack.pop() ?? takeNext(targets);
    }
    return null;
  }

  /** Records the type, map key and top-level block a new item lands in (its placement is not `collected`). */
  private recordLanding(index: number, item: Y.Item, placement: Placement): void {
    const parent = this.landingParentOf(item);
    let block: NewItem['block'];
    if (placement.kind === 'root') block = null;
    else if (placement.kind === 'block') block = { kind: 'existing', item: placement.block };
    else if (parent.kind === 'new') block = this.landingOf(parent.item)?.block ?? { kind: 'new', item: parent.item };
    else block = null;
    const landing: NewItem = { item, parent, parentSub: this.parentSubs[index] ?? null, block };
    this.landings[index] = landing;
    this.newItems.push(landing);
  }

  private landingOf(item: Y.Item): NewItem | undefined {
    const index = this.locate(item.id);
    return typeof index === 'number' ? this.landings[index] : undefined;
  }

  /** The type an item lands in, resolved as placementOf does (only called for items that land). */
  private landingParentOf(item: Y.Item): LandingParent {
    const parent: unknown = item.parent;
    if (typeof parent === 'string') return { kind: 'root', name: parent };
    if (parent instanceof Y.ID) return this.landingParentInside(this.locate(parent));
    const neighbour = this.locate((item.origin ?? item.rightOrigin)!);
    if (typeof neighbour === 'number') return this.landings[neighbour]!.parent;
    return this.landingParentInType((neighbour as Y.Item).parent as Y.AbstractType<unknown>);
  }

  private landingParentInside(parent: Y.Item | Y.GC | number): LandingParent {
    if (typeof parent === 'number') return { kind: 'new', item: this.structs[parent] as Y.Item };
    return this.landingParentInType(((parent as Y.Item).content as Y.ContentType).type);
  }

  private landingParentInType(type: Y.AbstractType<unknown>): LandingParent {
    if (type._item === null) {
      for (const [name, root] of this.doc.share) if (root === type) return { kind: 'root', name };
    }
    return { kind: 'existing', type };
  }

  /** Runs checkNeighbours when both origins and the parent are already in the document (not new in this update). */
  private forgedNeighbours(item: Y.Item): string | null {
    for (const id of [item.origin, item.rightOrigin, item.parent instanceof Y.ID ? item.parent : null]) {
      if (id !== null && id.clock >= (this.runs.get(id.client)?.known ?? Number.POSITIVE_INFINITY)) return null;
    }
    const parent = this.parentTypeOf(item);
    if (parent === null) return item.origin === null && item.rightOrigin === null ? null : 'an origin lies outside the parent the item is inserted into';
    return checkNeighbours(this.doc, item, parent, item.parent instanceof Y.ID ? item.parent : null);
  }

  /** The existing type an item is inserted into, as Item.getMissing resolves it. */
  private parentTypeOf(item: Y.Item): ListType | null {
    const parent: unknown = item.parent;
    if (typeof parent === 'string') return this.doc.share.get(parent) ?? null;
    if (parent instanceof Y.ID) {
      const parentItem = Y.getItem(this.doc.store, parent);
      return parentItem instanceof Y.Item && parentItem.content instanceof Y.ContentType ? parentItem.content.type : null;
    }
    const neighbourId = item.origin ?? item.rightOrigin;
    const neighbour = neighbourId === null ? null : Y.getItem(this.doc.store, neighbourId);
    return neighbour instanceof Y.Item && neighbour.parent instanceof Y.AbstractType ? neighbour.parent : null;
  }

  /** Item.getMissing: the first other client a reference is beyond; a reference to its own client must be integrated, or yjs throws. */
  private missingClient(item: Y.Item, ownState: number): number | string | null {
    const references = [item.origin, item.rightOrigin, item.parent instanceof Y.ID ? item.parent : null];
    for (const id of references) {
      if (id !== null && id.client !== item.id.client && id.clock >= this.stateOf(id.client)) return id.client;
    }
    for (const id of references) {
      if (id !== null && id.client === item.id.client && id.clock >= ownState) return `${formatId(item.id)} refers to ${formatId(id)} of its own client, not yet there`;
    }
    return null;
  }

  private stateOf(client: number): number {
    const run = this.runs.get(client);
    return run === undefined ? Y.getState(this.doc.store, client) : Math.max(run.known, run.integratedEnd);
  }

  /** The struct holding an integrated id: a document struct, or the index of a new struct of this update. */
  private locate(id: Y.ID): Y.Item | Y.GC | number {
    const run = this.runs.get(id.client);
    if (run === undefined || id.clock < run.known) return Y.getItem(this.doc.store, id);
    let low = run.first;
    let high = run.next - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.structs[middle]!.id.clock <= id.clock) low = middle;
      else high = middle - 1;
    }
    return low;
  }

  /** Step 4, as Item.getMissing resolves parent and parentSub; a string is why the update is malformed. */
  private placementOf(item: Y.Item, index: number): Placement | string {
    const parent: unknown = item.parent;
    this.parentSubs[index] = item.parentSub;
    if (typeof parent === 'string') return { kind: 'root', rootName: parent };
    if (parent instanceof Y.ID) return this.placementInside(this.locate(parent), parent);
    const left = item.origin === null ? null : this.locate(item.origin);
    const right = item.rightOrigin === null ? null : this.locate(item.rightOrigin);
    if (left instanceof Y.GC || right instanceof Y.GC || this.isCollected(left) || this.isCollected(right)) return collected;
    const neighbour = left ?? right;
    if (neighbour === null) return `${formatId(item.id)} has no parent`;
    this.parentSubs[index] = typeof neighbour === 'number' ? (this.parentSubs[neighbour] ?? null) : neighbour.parentSub;
    return this.placementBeside(neighbour);
  }

  /** A new struct yjs stores as GC, for want of a parent: later lookups find a GC. */
  private isCollected(struct: Y.Item | Y.GC | number | null): boolean {
    return typeof struct === 'number' && this.placements[struct] === collected;
  }

  private placementBeside(neighbour: Y.Item | number): Placement {
    if (typeof neighbour === 'number') return this.placements[neighbour] ?? collected;
    return neighbour.parent instanceof Y.AbstractType ? this.placementInType(neighbour.parent) : collected;
  }

  /** yjs links the new part of a partly known struct right after the document's struct before it, whatever the struct claims. */
  private continuesInPlace(item: Y.Item, placement: Placement, state: number): boolean {
    if (placement.kind === 'collected') return true;
    const previous = Y.getItem(this.doc.store, Y.createID(item.id.client, state - 1));
    if (previous instanceof Y.GC) return false;
    const actual = this.placementBeside(previous);
    if (placement.kind === 'root') return actual.kind === 'root' && actual.rootName === placement.rootName;
    if (placement.kind === 'block') return actual.kind === 'block' && actual.block === placement.block;
    return actual.kind === placement.kind;
  }

  private placementInside(parent: Y.Item | Y.GC | number, id: Y.ID): Placement | string {
    if (parent instanceof Y.GC || this.isCollected(parent)) return collected;
    if (typeof parent === 'number') {
      const struct = this.structs[parent]!;
      if (struct instanceof Y.GC || struct.content instanceof Y.ContentDeleted) return collected;
      if (!(struct.content instanceof Y.ContentType)) return `parent ${formatId(id)} is not a type`;
      const placement = this.placements[parent] ?? collected;
      return placement.kind === 'root' ? newBlock : placement;
    }
    // A deleted and collected type keeps ContentDeleted: yjs turns whatever lands in it into GC.
    if (parent.content instanceof Y.ContentDeleted) return collected;
    if (!(parent.content instanceof Y.ContentType)) return `parent ${formatId(id)} is not a type`;
    return this.placementInType(parent.content.type);
  }

  private placementInType(type: Y.AbstractType<unknown>): Placement {
    if (type._item === null) {
      for (const [rootName, root] of this.doc.share) if (root === type) return { kind: 'root', rootName };
      return collected;
    }
    const block = topLevelBlock(type._item);
    return block === null ? collected : { kind: 'block', block };
  }

  /** Refuses an update that would move a client's clock far ahead: that client's later edits would be taken as known and dropped. */
  checkClockAdvance(maxClockAdvance: number): UpdateRefusal | null {
    for (const run of this.runs.values()) {
      if (run.clockEnd - run.known > maxClockAdvance) {
        return refuse(RefusalReason.clockJump, `client ${run.client} would jump from clock ${run.known} to ${run.clockEnd}`);
      }
    }
    return null;
  }

  /** Step 5: refusal, or whether any live item gets deleted. */
  inspectDeletes(ds: ReturnType<typeof Y.decodeUpdate>['ds']): UpdateRefusal | boolean {
    let deletesLiveItems = false;
    for (const [client, ranges] of ds.clients) {
      const run = this.runs.get(client);
      const known = run?.known ?? Y.getState(this.doc.store, client);
      const limit = Math.max(known, run?.clockEnd ?? 0);
      const structsOfClient = this.doc.store.clients.get(client);
      let previousEnd = 0;
      for (const { clock, len } of ranges) {
        // yjs throws when encoding a zero-length range it cannot apply yet
        if (len === 0) return refuse(RefusalReason.malformed, `empty delete range at ${client}:${clock}`);
        // yjs writes ranges sorted and merged; overlapping ones would cost ranges × structs here and in yjs
        if (clock < previousEnd) return refuse(RefusalReason.malformed, `delete range ${client}:${clock} overlaps or precedes the one before`);
        previousEnd = clock + len;
        if (clock + len > limit) return refuse(RefusalReason.deleteBeyondClock, `delete ${client}:${clock}+${len} beyond clock ${limit}`);
        if (clock >= known || structsOfClient === undefined) continue;
        const end = Math.min(clock + len, known);
        for (let index = Y.findIndexSS(structsOfClient, clock); index < structsOfClient.length; index++) {
          const struct = structsOfClient[index]!;
          if (struct.id.clock >= end) break;
          if (!(struct instanceof Y.Item) || struct.deleted) continue;
          deletesLiveItems = true;
          this.deletedItems.push(struct);
          const block = topLevelBlock(struct);
          if (block !== null) this.touchedBlocks.add(block);
        }
      }
    }
    return deletesLiveItems;
  }

  result(deletesLiveItems: boolean): UpdateInspection {
    const authors: number[] = [];
    for (const run of this.runs.values()) if (run.clockEnd > run.known) authors.push(run.client);
    return {
      ok: true,
      authors,
      isEmpty: authors.length === 0 && !deletesLiveItems,
      touchedBlocks: [...this.touchedBlocks],
      rootsWithNewBlocks: [...this.rootsWithNewBlocks],
      newItems: this.newItems,
      deletedItems: this.deletedItems,
    };
  }
}

/**
 * Checks a client's update (V1 encoding) against `doc` without applying it or changing `doc`.
 * Never throws. Refusal reasons: malformed, too-many-structs, skip-struct, clock-jump, missing-dependencies, delete-beyond-clock.
 */
export function inspectUpdate(doc: Y.Doc, update: Uint8Array, limits: UpdateLimits): UpdateInspection | UpdateRefusal {
  const bounds = scanUpdateBounds(update, limits);
  if (!bounds.ok) return bounds;
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch (error) {
    return refuse(RefusalReason.malformed, error instanceof Error ? error.message : String(error));
  }
  const structs: Array<Y.Item | Y.GC> = [];
  for (const struct of decoded.structs) {
    if (struct instanceof Y.Skip) return refuse(RefusalReason.skipStruct, `Skip struct at ${formatId(struct.id)}`);
    if (struct.length === 0) return refuse(RefusalReason.malformed, `empty struct at ${formatId(struct.id)}`);
    structs.push(struct);
  }
  const inspector = new UpdateInspector(doc, structs);
  const refusal = inspector.inspectStructs() ?? inspector.checkClockAdvance(limits.maxClockAdvance);
  if (refusal !== null) return refusal;
  const deletes = inspector.inspectDeletes(decoded.ds);
  if (typeof deletes !== 'boolean') return deletes;
  return inspector.result(deletes);
}
