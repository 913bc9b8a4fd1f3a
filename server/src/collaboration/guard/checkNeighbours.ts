/**
 * YATA converges only if every insert names as its left and right origins two positions that
 * were adjacent for its author. A forged pair makes the order depend on arrival: connected
 * clients and a client loading the stored state then disagree for good. The author provably
 * knew everything before each id it references (a client's clocks are contiguous), so any such
 * position lying between the two origins in the server's list means they were never adjacent.
 */
import * as Y from 'yjs';

type KnownClocks = Map<number, number>;

/** A shared type, whatever its event type. */
export type ListType = NonNullable<ReturnType<Y.Doc['share']['get']>>;

/** The highest clock the author provably knew, per client, from the ids the item references. */
function knownClocks(item: Y.Item, parentId: Y.ID | null): KnownClocks {
  const known: KnownClocks = new Map();
  const note = (client: number, clock: number) => known.set(client, Math.max(known.get(client) ?? -1, clock));
  if (item.id.clock > 0) note(item.id.client, item.id.clock - 1);
  for (const id of [item.origin, item.rightOrigin, parentId]) if (id !== null) note(id.client, id.clock);
  return known;
}

const isKnown = (known: KnownClocks, client: number, clock: number): boolean => clock <= (known.get(client) ?? -1);

/**
 * Checks a new item whose origins are both existing document items (or list ends) in `parent`.
 * Returns why the origins cannot be genuine, or null. Read-only.
 */
export function checkNeighbours(doc: Y.Doc, item: Y.Item, parent: ListType, parentId: Y.ID | null): string | null {
  const left = item.origin === null ? null : Y.getItem(doc.store, item.origin);
  const right = item.rightOrigin === null ? null : Y.getItem(doc.store, item.rightOrigin);
  for (const neighbour of [left, right]) {
    if (neighbour !== null && (!(neighbour instanceof Y.Item) || neighbour.parent !== parent || neighbour.parentSub !== null)) {
      return 'an origin lies outside the parent the item is inserted into';
    }
  }
  const known = knownClocks(item, parentId);
  const leftClock = item.origin?.clock ?? -1;
  const rightClock = item.rightOrigin?.clock ?? -1;
  if (left !== null && left === right) return rightClock === leftClock + 1 ? null : 'the origins are not adjacent';
  // Positions after the left origin inside its own item, then whole items, up to the right origin.
  if (left !== null && leftClock < left.id.clock + left.length - 1 && isKnown(known, left.id.client, leftClock + 1)) {
    return 'the author knew what follows the left origin';
  }
  for (let current = left === null ? parent._start : left.right; current !== right; current = current.right) {
    if (current === null) return 'the right origin does not follow the left origin';
    if (isKnown(known, current.id.client, current.id.clock)) return 'the author knew an item between the origins';
  }
  if (right !== null && rightClock > right.id.clock) return 'the author knew what precedes the right origin';
  return null;
}
