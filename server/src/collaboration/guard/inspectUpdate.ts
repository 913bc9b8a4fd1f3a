/**
 * Structural check of a client's Yjs update against the live document, before anything is applied
 * (Y.applyUpdate can throw after integrating part of an update, and parks structs it cannot place as
 * "pending", re-merged on every later update). Read-only: no apply, no clone, no item splitting.
 *
 * 1. scanUpdateBounds walks the encoding with bounded counts; then Y.decodeUpdate (no document involved).
 * 2. Only Items: GC and Skip structs are refused. Zero-length structs are refused (they break findIndexSS).
 * 3. Per client, the update's structs are contiguous; the first must not start after the document's clock.
 *    The part below that clock is already known (yjs skips it); what lies above is new, and its client is an author.
 * 4. Every origin, right origin and ID parent must exist when yjs integrates the struct: below the document's
 *    clock, or in a struct of this update integrated earlier. The integration order is replayed like yjs does
 *    (a stack of clients); a reference to a client already on the stack is a cycle yjs would leave pending.
 * 5. Where each new item lands: a string parent is a root type; an ID parent is a type item; otherwise the parent
 *    of the origin (else right origin), as yjs does. A GC neighbour or parent makes yjs store the item as GC.
 *    Walking up `type._item` to the child of a root type gives the top-level block.
 * 6. Delete ranges must end within the clocks the document has or this update adds; items they delete that are
 *    still alive give the touched blocks.
 */
import * as Y from 'yjs';
import { RefusalReason } from '@concord/shared';
import { scanUpdateBounds, type UpdateLimits, type UpdateRefusal } from './scanUpdateBounds.ts';

export type { UpdateLimits, UpdateRefusal } from './scanUpdateBounds.ts';

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
  onStack: boolean;
}

const refuse = (reason: UpdateRefusal['reason'], detail: string): UpdateRefusal => ({ ok: false, reason, detail });
const formatId = (id: Y.ID): string => `${id.client}:${id.clock}`;

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
  private readonly touchedBlocks = new Set<Y.Item>();
  private readonly rootsWithNewBlocks = new Set<string>();

  constructor(
    private readonly doc: Y.Doc,
    private readonly structs: Y.Item[],
  ) {}

  /** Returns a refusal detail, or null. Steps 3-5. */
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
      if (id.clock > known) return refuse(RefusalReason.missingDependencies, `client ${id.client} starts at clock ${id.clock}, the document has ${known}`);
      run = { client: id.client, first: index, end: index + 1, next: index, known, clockEnd: id.clock + length, integratedEnd: id.clock, onStack: false };
      this.runs.set(id.client, run);
    }
    for (const start of this.runs.values()) {
      const refusal = this.replayFrom(start);
      if (refusal !== null) return refusal;
    }
    return null;
  }

  private replayFrom(start: ClientRun): UpdateRefusal | null {
    const stack = [start];
    start.onStack = true;
    while (stack.length > 0) {
      const run = stack[stack.length - 1]!;
      if (run.next === run.end) {
        run.onStack = false;
        stack.pop();
        continue;
      }
      const item = this.structs[run.next]!;
      const dependency = this.unmetDependency(item);
      if (typeof dependency === 'string') return refuse(RefusalReason.missingDependencies, dependency);
      if (dependency !== null) {
        dependency.onStack = true;
        stack.push(dependency);
        continue;
      }
      if (item.id.clock + item.length > run.known) {
        const placement = this.placementOf(item);
        if (typeof placement === 'string') return refuse(RefusalReason.malformed, placement);
        this.placements[run.next] = placement;
        if (placement.kind === 'block') this.touchedBlocks.add(placement.block);
        if (placement.kind === 'root') this.rootsWithNewBlocks.add(placement.rootName);
      }
      run.integratedEnd = item.id.clock + item.length;
      run.next++;
    }
    return null;
  }

  /** null when yjs would find every reference; a run to integrate first; or why it never could. */
  private unmetDependency(item: Y.Item): ClientRun | string | null {
    for (const id of [item.origin, item.rightOrigin, item.parent instanceof Y.ID ? item.parent : null]) {
      if (id === null || this.isIntegrated(id)) continue;
      const run = this.runs.get(id.client);
      if (run === undefined || id.clock >= run.clockEnd) return `${formatId(item.id)} refers to ${formatId(id)}, which is neither in the document nor in the update`;
      if (run.onStack) return `${formatId(item.id)} refers to ${formatId(id)} in a cycle`;
      return run;
    }
    return null;
  }

  private isIntegrated(id: Y.ID): boolean {
    const run = this.runs.get(id.client);
    if (run === undefined) return id.clock < Y.getState(this.doc.store, id.client);
    return id.clock < Math.max(run.known, run.integratedEnd);
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

  /** Step 5; a string is why the update is malformed. */
  private placementOf(item: Y.Item): Placement | string {
    const parent: unknown = item.parent;
    if (typeof parent === 'string') return { kind: 'root', rootName: parent };
    if (parent instanceof Y.ID) return this.placementInside(this.locate(parent), parent);
    const left = item.origin === null ? null : this.locate(item.origin);
    const right = item.rightOrigin === null ? null : this.locate(item.rightOrigin);
    if (left instanceof Y.GC || right instanceof Y.GC) return collected;
    const neighbour = left ?? right;
    if (neighbour === null) return `${formatId(item.id)} has no parent`;
    if (typeof neighbour === 'number') return this.placements[neighbour] ?? collected;
    return neighbour.parent instanceof Y.AbstractType ? this.placementInType(neighbour.parent) : collected;
  }

  private placementInside(parent: Y.Item | Y.GC | number, id: Y.ID): Placement | string {
    if (parent instanceof Y.GC) return collected;
    if (typeof parent === 'number') {
      if (!(this.structs[parent]!.content instanceof Y.ContentType)) return `parent ${formatId(id)} is not a type`;
      const placement = this.placements[parent] ?? collected;
      return placement.kind === 'root' ? newBlock : placement;
    }
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

  /** Step 6: refusal, or whether any live item gets deleted. */
  inspectDeletes(ds: ReturnType<typeof Y.decodeUpdate>['ds']): UpdateRefusal | boolean {
    let deletesLiveItems = false;
    for (const [client, ranges] of ds.clients) {
      const run = this.runs.get(client);
      const known = run?.known ?? Y.getState(this.doc.store, client);
      const limit = Math.max(known, run?.clockEnd ?? 0);
      const structsOfClient = this.doc.store.clients.get(client);
      for (const { clock, len } of ranges) {
        if (len === 0) continue;
        if (clock + len > limit) return refuse(RefusalReason.deleteBeyondClock, `delete ${client}:${clock}+${len} beyond clock ${limit}`);
        if (clock >= known || structsOfClient === undefined) continue;
        const end = Math.min(clock + len, known);
        for (let index = Y.findIndexSS(structsOfClient, clock); index < structsOfClient.length; index++) {
          const struct = structsOfClient[index]!;
          if (struct.id.clock >= end) break;
          if (!(struct instanceof Y.Item) || struct.deleted) continue;
          deletesLiveItems = true;
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
    };
  }
}

/**
 * Checks a client's update (V1 encoding) against `doc` without applying it or changing `doc`.
 * Never throws. Refusal reasons: malformed, too-many-structs, gc-struct, skip-struct, missing-dependencies, delete-beyond-clock.
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
  const items: Y.Item[] = [];
  for (const struct of decoded.structs) {
    if (struct instanceof Y.Skip) return refuse(RefusalReason.skipStruct, `Skip struct at ${formatId(struct.id)}`);
    if (struct instanceof Y.GC) return refuse(RefusalReason.gcStruct, `GC struct at ${formatId(struct.id)}+${struct.length}`);
    if (struct.length === 0) return refuse(RefusalReason.malformed, `empty struct at ${formatId(struct.id)}`);
    items.push(struct);
  }
  const inspector = new UpdateInspector(doc, items);
  const refusal = inspector.inspectStructs();
  if (refusal !== null) return refusal;
  const deletes = inspector.inspectDeletes(decoded.ds);
  if (typeof deletes !== 'boolean') return deletes;
  return inspector.result(deletes);
}
