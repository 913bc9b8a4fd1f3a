import * as Y from 'yjs';

/** What one applied transaction did to the top-level blocks of a root type, and which clients wrote it. */
export interface TransactionEffect {
  /** Ids of blocks it created, inserted into, formatted, set attributes on, deleted from or deleted. */
  touched: Set<string>;
  /** Clients whose clock the transaction advanced. */
  clients: number[];
}

/** The id attribute of a block element, read even when the block was just deleted (before garbage collection). */
function blockIdOf(block: Y.Item): string | null {
  if (!(block.content instanceof Y.ContentType)) return null;
  const entry = block.content.type._map.get('id');
  if (entry === undefined || !(entry.content instanceof Y.ContentAny)) return null;
  const value: unknown = entry.content.arr[0];
  return typeof value === 'string' ? value : null;
}

/** The child of `root` that contains `item`, or null when the item is elsewhere. */
function blockOf(item: Y.Item, root: Y.XmlFragment): Y.Item | null {
  let current = item;
  for (;;) {
    const parent = current.parent;
    if (parent === root) return current;
    if (!(parent instanceof Y.AbstractType) || parent._item === null) return null;
    current = parent._item;
  }
}

/**
 * Reads the blocks a transaction changed from the structs it added and the items it deleted. Called on
 * 'afterTransaction', before yjs garbage-collects deleted content, so a deleted block still has its id.
 */
export function transactionEffect(transaction: Y.Transaction, root: Y.XmlFragment): TransactionEffect {
  const effect: TransactionEffect = { touched: new Set(), clients: [] };
  const touch = (item: Y.Item) => {
    const block = blockOf(item, root);
    const id = block === null ? null : blockIdOf(block);
    if (id !== null) effect.touched.add(id);
  };
  const structs = transaction.doc.store.clients;
  for (const [client, after] of transaction.afterState) {
    const before = transaction.beforeState.get(client) ?? 0;
    if (after <= before) continue;
    effect.clients.push(client);
    const list = structs.get(client);
    if (list === undefined) continue;
    for (let index = Y.findIndexSS(list, before); index < list.length; index++) {
      const struct = list[index]!;
      if (struct instanceof Y.Item) touch(struct);
    }
  }
  Y.iterateDeletedStructs(transaction, transaction.deleteSet, (struct) => {
    if (struct instanceof Y.Item) touch(struct);
  });
  return effect;
}
