import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as prng from 'lib0/prng';
import { inspectUpdate, type UpdateInspection, type UpdateLimits } from './inspectUpdate.ts';

const limits: UpdateLimits = { maxStructs: 10_000, maxClients: 64, maxDeleteRanges: 10_000, maxAnyDepth: 16, maxClockAdvance: 1 << 24 };
const authorId = 1;
const editorId = 2;

/** The one update a transaction on `doc` emits. */
function capture(doc: Y.Doc, change: () => void): Uint8Array {
  const updates: Uint8Array[] = [];
  const record = (update: Uint8Array): void => {
    updates.push(update);
  };
  doc.on('update', record);
  doc.transact(change);
  doc.off('update', record);
  expect(updates).toHaveLength(1);
  return updates[0]!;
}

function accepted(doc: Y.Doc, update: Uint8Array): UpdateInspection {
  const result = inspectUpdate(doc, update, limits);
  if (!result.ok) throw new Error(`refused: ${result.reason}: ${result.detail}`);
  return result;
}

const reasonOf = (doc: Y.Doc, update: Uint8Array, custom: UpdateLimits = limits): string | null => {
  const result = inspectUpdate(doc, update, custom);
  return result.ok ? null : result.reason;
};

function docWithId(clientID: number): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  return doc;
}

/** A server and an editor that both hold three paragraphs written by another author. */
function paragraphs() {
  const author = docWithId(authorId);
  const setup = capture(author, () => {
    const blocks = ['First paragraph', 'Second paragraph', 'Third paragraph'].map((text) => {
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText(text)]);
      return paragraph;
    });
    author.getXmlFragment('default').insert(0, blocks);
  });
  const server = new Y.Doc();
  const editor = docWithId(editorId);
  Y.applyUpdate(server, setup);
  Y.applyUpdate(editor, setup);
  const paragraph = (doc: Y.Doc, index: number): Y.XmlElement => doc.getXmlFragment('default').get(index) as Y.XmlElement;
  return {
    server,
    editor,
    setup,
    serverBlock: (index: number): Y.Item => paragraph(server, index)._item!,
    editorParagraph: (index: number): Y.XmlElement => paragraph(editor, index),
    editorText: (index: number): Y.XmlText => paragraph(editor, index).get(0) as Y.XmlText,
  };
}

function applyAndCompare(server: Y.Doc, editor: Y.Doc, update: Uint8Array): void {
  Y.applyUpdate(server, update);
  expect(server.getXmlFragment('default').toString()).toBe(editor.getXmlFragment('default').toString());
}

function craft(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

const writeUints = (encoder: encoding.Encoder, ...values: number[]): void => values.forEach((value) => encoding.writeVarUint(encoder, value));

/** A String item (info 4, or 0x84 with an origin); without an origin its parent is the root type `text`. */
function writeStringItem(encoder: encoding.Encoder, text: string, origin?: [number, number]): void {
  if (origin === undefined) {
    encoding.writeUint8(encoder, 4);
    writeUints(encoder, 1);
    encoding.writeVarString(encoder, 'text');
  } else {
    encoding.writeUint8(encoder, 0x84);
    writeUints(encoder, ...origin);
  }
  encoding.writeVarString(encoder, text);
}

describe('inspectUpdate on paragraphs', () => {
  it('accepts an edit inside paragraph 2 of 3 and reports only paragraph 2 as touched', () => {
    const { server, editor, serverBlock, editorText } = paragraphs();
    const update = capture(editor, () => editorText(1).insert(6, ' amended'));
    const result = accepted(server, update);
    expect(result).toMatchObject({ ok: true, authors: [editorId], isEmpty: false, touchedBlocks: [serverBlock(1)], rootsWithNewBlocks: [], deletedItems: [] });
    if (!result.ok) return;
    expect(result.newItems.length).toBeGreaterThan(0);
    for (const landing of result.newItems) expect(landing.block).toEqual({ kind: 'existing', item: serverBlock(1) });
    applyAndCompare(server, editor, update);
  });

  it('reports the paragraph whose text is formatted or whose attribute is set', () => {
    const { server, editor, serverBlock, editorText, editorParagraph } = paragraphs();
    const format = capture(editor, () => editorText(1).format(0, 6, { bold: true }));
    expect(accepted(server, format)).toMatchObject({ authors: [editorId], touchedBlocks: [serverBlock(1)], rootsWithNewBlocks: [] });
    applyAndCompare(server, editor, format);
    const attribute = capture(editor, () => editorParagraph(2).setAttribute('status', 'agreed'));
    expect(accepted(server, attribute)).toMatchObject({ authors: [editorId], touchedBlocks: [serverBlock(2)], rootsWithNewBlocks: [] });
    applyAndCompare(server, editor, attribute);
  });

  it('reports both paragraphs for a delete spanning paragraphs 1 and 2, with no author', () => {
    const { server, editor, serverBlock, editorText } = paragraphs();
    const update = capture(editor, () => {
      editorText(0).delete(5, editorText(0).length - 5);
      editorText(1).delete(0, 7);
    });
    const result = accepted(server, update);
    expect(result.authors).toEqual([]);
    expect(result.isEmpty).toBe(false);
    expect(new Set(result.touchedBlocks)).toEqual(new Set([serverBlock(0), serverBlock(1)]));
    applyAndCompare(server, editor, update);
  });

  it('reports a new paragraph as a new block of its root and a deleted paragraph as touched', () => {
    const { server, editor, serverBlock } = paragraphs();
    const insert = capture(editor, () => {
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText('Inserted paragraph')]);
      editor.getXmlFragment('default').insert(1, [paragraph]);
    });
    expect(accepted(server, insert)).toMatchObject({ authors: [editorId], touchedBlocks: [], rootsWithNewBlocks: ['default'] });
    applyAndCompare(server, editor, insert);
    const removed = serverBlock(3);
    const remove = capture(editor, () => editor.getXmlFragment('default').delete(3, 1));
    expect(accepted(server, remove)).toMatchObject({ authors: [], touchedBlocks: [removed], rootsWithNewBlocks: [] });
    applyAndCompare(server, editor, remove);
  });

  it('does not split or otherwise change the document it inspects', () => {
    const { server, editor, editorText } = paragraphs();
    const update = capture(editor, () => editorText(1).delete(2, 3));
    const before = Y.encodeStateAsUpdate(server);
    const structCount = server.store.clients.get(authorId)!.length;
    accepted(server, update);
    expect(server.store.clients.get(authorId)!.length).toBe(structCount);
    expect(Y.encodeStateAsUpdate(server)).toEqual(before);
  });
});

describe('inspectUpdate on a Y.Text', () => {
  function texts() {
    const author = docWithId(authorId);
    const setup = capture(author, () => author.getText('notes').insert(0, 'hello world'));
    const server = new Y.Doc();
    const editor = docWithId(editorId);
    Y.applyUpdate(server, setup);
    Y.applyUpdate(editor, setup);
    return { server, editor, text: editor.getText('notes') };
  }

  it('accepts insert, format and delete with the right authors', () => {
    const { server, editor, text } = texts();
    const insert = capture(editor, () => text.insert(5, ' there'));
    expect(accepted(server, insert)).toMatchObject({ authors: [editorId], touchedBlocks: [], rootsWithNewBlocks: ['notes'] });
    Y.applyUpdate(server, insert);
    const format = capture(editor, () => text.format(0, 5, { bold: true }));
    expect(accepted(server, format)).toMatchObject({ authors: [editorId], rootsWithNewBlocks: ['notes'] });
    Y.applyUpdate(server, format);
    const remove = capture(editor, () => text.delete(0, 2));
    const result = accepted(server, remove);
    expect(result.authors).toEqual([]);
    expect(result.touchedBlocks.map((item) => item.id.client)).toEqual([authorId]);
    Y.applyUpdate(server, remove);
    expect(server.getText('notes').toDelta()).toEqual(text.toDelta());
  });
});

describe('inspectUpdate on resent and out-of-order updates', () => {
  it('accepts a resent update as empty', () => {
    const { server, editor, editorText } = paragraphs();
    const insert = capture(editor, () => editorText(0).insert(0, 'New '));
    const remove = capture(editor, () => editorText(2).delete(0, 3));
    Y.applyUpdate(server, insert);
    Y.applyUpdate(server, remove);
    expect(accepted(server, insert)).toEqual({ ok: true, authors: [], isEmpty: true, touchedBlocks: [], rootsWithNewBlocks: [], newItems: [], deletedItems: [] });
    expect(accepted(server, remove).isEmpty).toBe(true);
  });

  it('looks only at the new part of an update that overlaps what the server has', () => {
    const { server, editor, serverBlock, editorText } = paragraphs();
    const first = capture(editor, () => editorText(1).insert(0, 'ab'));
    const second = capture(editor, () => editorText(1).insert(2, 'cd'));
    Y.applyUpdate(server, first);
    const merged = Y.mergeUpdates([first, second]);
    expect(accepted(server, merged)).toMatchObject({ authors: [editorId], isEmpty: false, touchedBlocks: [serverBlock(1)] });
    applyAndCompare(server, editor, merged);
    expect(accepted(server, merged).isEmpty).toBe(true);
  });

  it('refuses an update whose earlier update is missing, and accepts it once that arrives', () => {
    const { server, editor, editorText } = paragraphs();
    const first = capture(editor, () => editorText(1).insert(0, 'a'));
    const second = capture(editor, () => editorText(1).insert(1, 'b'));
    const deleteFirst = capture(editor, () => editorText(1).delete(0, 1));
    expect(reasonOf(server, second)).toBe('missing-dependencies');
    expect(reasonOf(server, deleteFirst)).toBe('delete-beyond-clock');
    Y.applyUpdate(server, first);
    expect(accepted(server, second).authors).toEqual([editorId]);
  });

  it("refuses an edit that depends on another client's update the server lacks", () => {
    const { server, editor, editorText } = paragraphs();
    const first = capture(editor, () => editorText(1).insert(0, 'a'));
    const peer = docWithId(3);
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(editor));
    const peerText = (peer.getXmlFragment('default').get(1) as Y.XmlElement).get(0) as Y.XmlText;
    const dependent = capture(peer, () => peerText.insert(1, 'z'));
    expect(reasonOf(server, dependent)).toBe('missing-dependencies');
    expect(accepted(server, Y.mergeUpdates([first, dependent])).authors.sort()).toEqual([editorId, 3]);
  });
});

describe('inspectUpdate on hostile updates', () => {
  it('refuses a GC struct that would move a client clock by 2^40 (clock-jump)', () => {
    const { server } = paragraphs();
    const update = craft((encoder) => {
      writeUints(encoder, 1, 1, authorId, Y.getState(server.store, authorId));
      encoding.writeUint8(encoder, 0);
      writeUints(encoder, 2 ** 40, 0);
    });
    expect(update.length).toBeLessThanOrEqual(12);
    expect(reasonOf(server, update)).toBe('clock-jump');
  });

  it('refuses a deleted-content item that would move a client clock by 2^40 (clock-jump)', () => {
    const { server } = paragraphs();
    const text = server.getText('burn');
    const honest = docWithId(77);
    const insert = capture(honest, () => honest.getText('burn').insert(0, 'a'));
    // The same item with its content replaced by ContentDeleted(2^40): info byte 1 (ContentDeleted), root parent.
    const update = craft((encoder) => {
      writeUints(encoder, 1, 1, 77, 0);
      encoding.writeUint8(encoder, 1);
      encoding.writeVarUint(encoder, 1);
      encoding.writeVarString(encoder, 'burn');
      encoding.writeVarUint(encoder, 2 ** 40);
      writeUints(encoder, 0);
    });
    expect(text.length).toBe(0);
    expect(reasonOf(server, update)).toBe('clock-jump');
    expect(accepted(server, insert).authors).toEqual([77]);
  });

  it('accepts content created and deleted before it was sent (GC structs), as yjs sends it after an offline session', () => {
    const { server, editor } = paragraphs();
    const offline = docWithId(editorId);
    Y.applyUpdate(offline, Y.encodeStateAsUpdate(editor));
    const before = Y.encodeStateVector(server);
    offline.getXmlFragment('default').insert(0, [new Y.XmlElement('paragraph')]);
    (offline.getXmlFragment('default').get(0) as Y.XmlElement).insert(0, [new Y.XmlText('draft')]);
    offline.getXmlFragment('default').delete(0, 1);
    offline.getText('kept').insert(0, 'kept');
    // A fresh encoding garbage-collects the deleted paragraph's children into GC structs.
    const gcOffline = new Y.Doc({ gc: true });
    Y.applyUpdate(gcOffline, Y.encodeStateAsUpdate(offline));
    const update = Y.encodeStateAsUpdate(gcOffline, before);
    expect(Y.decodeUpdate(update).structs.some((struct) => struct instanceof Y.GC)).toBe(true);
    expect(accepted(server, update).authors).toEqual([editorId]);
    Y.applyUpdate(server, update);
    expect(server.getText('kept').toString()).toBe('kept');
  });

  it('refuses a Skip struct', () => {
    const update = craft((encoder) => {
      writeUints(encoder, 1, 2, editorId, 0);
      writeStringItem(encoder, 'a');
      encoding.writeUint8(encoder, 10);
      writeUints(encoder, 5, 0);
    });
    expect(reasonOf(new Y.Doc(), update)).toBe('skip-struct');
  });

  it('refuses a delete range from clock 0 with length 2^50', () => {
    const { server } = paragraphs();
    const update = craft((encoder) => writeUints(encoder, 0, 1, authorId, 1, 0, 2 ** 50));
    expect(reasonOf(server, update)).toBe('delete-beyond-clock');
  });

  it('refuses overlapping delete ranges, which yjs never writes', () => {
    const { server } = paragraphs();
    const ranges = (...pairs: number[]): Uint8Array => craft((encoder) => writeUints(encoder, 0, 1, authorId, pairs.length / 2, ...pairs));
    expect(accepted(server, ranges(0, 5, 7, 3)).touchedBlocks).toHaveLength(1);
    expect(reasonOf(server, ranges(0, 5, 2, 3))).toBe('malformed');
    expect(reasonOf(server, ranges(7, 3, 0, 5))).toBe('malformed');
  });

  it('refuses a 14-byte frame declaring 2^25 structs before decoding it', () => {
    const update = craft((encoder) => {
      writeUints(encoder, 1, 2 ** 25, editorId, 0);
      encoding.writeUint8(encoder, 4);
      writeUints(encoder, 1);
      encoding.writeVarString(encoder, 't');
      encoding.writeVarString(encoder, 'x');
      writeUints(encoder, 0);
    });
    expect(update.length).toBe(14);
    const result = inspectUpdate(new Y.Doc(), update, { ...limits, maxStructs: 2 ** 30 });
    // The bounded pre-scan answers, from the count alone: the yjs decoder never sees the frame.
    expect(result).toMatchObject({ ok: false, reason: 'malformed', detail: expect.stringMatching(/exceeds the \d+ bytes left/) });
  });

  it('refuses structs that refer to each other in a cycle, which yjs would keep pending', () => {
    const update = craft((encoder) => {
      writeUints(encoder, 2, 1, 7, 0);
      writeStringItem(encoder, 'a', [8, 0]);
      writeUints(encoder, 1, 8, 0);
      writeStringItem(encoder, 'b', [7, 0]);
      writeUints(encoder, 0);
    });
    expect(reasonOf(new Y.Doc(), update)).toBe('missing-dependencies');
    const scratch = new Y.Doc();
    Y.applyUpdate(scratch, update);
    expect(scratch.store.pendingStructs).not.toBeNull();
  });

  it('refuses an item whose origin is itself, on which yjs throws', () => {
    const update = craft((encoder) => {
      writeUints(encoder, 1, 1, 9, 0);
      writeStringItem(encoder, 'x', [9, 0]);
      writeUints(encoder, 0);
    });
    expect(reasonOf(new Y.Doc(), update)).toBe('missing-dependencies');
    expect(() => Y.applyUpdate(new Y.Doc(), update)).toThrow();
  });

  it('refuses an empty struct, which would break every later lookup of its client', () => {
    const item = (clock: number, text: string): Uint8Array =>
      craft((encoder) => {
        writeUints(encoder, 1, 1, 5, clock);
        writeStringItem(encoder, text);
        writeUints(encoder, 0);
      });
    const doc = new Y.Doc();
    Y.applyUpdate(doc, item(0, 'a'));
    expect(reasonOf(doc, item(1, ''))).toBe('malformed');
    Y.applyUpdate(doc, item(1, ''));
    expect(() => Y.encodeStateAsUpdate(doc)).toThrow();
  });

  it('refuses an item whose parent is not a type', () => {
    const { server } = paragraphs();
    const textItem = ((server.getXmlFragment('default').get(0) as Y.XmlElement).get(0) as Y.XmlText)._start!;
    const update = craft((encoder) => {
      writeUints(encoder, 1, 1, editorId, 0);
      encoding.writeUint8(encoder, 4);
      writeUints(encoder, 0, textItem.id.client, textItem.id.clock);
      encoding.writeVarString(encoder, 'x');
      writeUints(encoder, 0);
    });
    expect(reasonOf(server, update)).toBe('malformed');
  });

  it('follows the integration order of yjs when a known struct waits for a new one', () => {
    // A known struct of client `known` names a new struct of `other` that needs a new struct of `known`:
    // yjs gets through when it starts with `known` (the higher id), and parks everything otherwise.
    for (const [known, other, integrates] of [
      [9, 6, true],
      [6, 9, false],
    ] as const) {
      const doc = new Y.Doc();
      const setup = craft((encoder) => {
        writeUints(encoder, 1, 1, known, 0);
        writeStringItem(encoder, 'ab');
        writeUints(encoder, 0);
      });
      Y.applyUpdate(doc, setup);
      const update = craft((encoder) => {
        writeUints(encoder, 2, 2, known, 0, 0x44, other, 0);
        encoding.writeVarString(encoder, 'ab');
        writeStringItem(encoder, 'c', [known, 1]);
        writeUints(encoder, 1, other, 0);
        writeStringItem(encoder, 'x', [known, 2]);
        writeUints(encoder, 0);
      });
      const scratch = new Y.Doc();
      Y.applyUpdate(scratch, setup);
      Y.applyUpdate(scratch, update);
      expect(scratch.store.pendingStructs === null).toBe(integrates);
      expect(inspectUpdate(doc, update, limits).ok).toBe(integrates);
    }
  });

  it('refuses a map entry longer than 1, which later makes deleting its parent throw', () => {
    const { server } = paragraphs();
    const block = server.getXmlFragment('default').get(0) as Y.XmlElement;
    const update = craft((encoder) => {
      writeUints(encoder, 1, 1, 9, 0);
      encoding.writeUint8(encoder, 8 | 0x20);
      writeUints(encoder, 0, block._item!.id.client, block._item!.id.clock);
      encoding.writeVarString(encoder, 'status');
      writeUints(encoder, 2);
      encoding.writeAny(encoder, 'a');
      encoding.writeAny(encoder, 'b');
      writeUints(encoder, 0);
    });
    expect(reasonOf(server, update)).toBe('malformed');
    const insideIt = craft((encoder) => {
      writeUints(encoder, 1, 1, 9, 2);
      encoding.writeUint8(encoder, 0x88);
      writeUints(encoder, 9, 0, 1);
      encoding.writeAny(encoder, 'c');
      writeUints(encoder, 0);
    });
    Y.applyUpdate(server, update);
    Y.applyUpdate(server, insideIt);
    expect(() => server.getXmlFragment('default').delete(0, 1)).toThrow();
  });

  it('refuses a partly known struct that places its new part somewhere else than its known part', () => {
    const doc = new Y.Doc();
    const known = (text: string, root: string): Uint8Array =>
      craft((encoder) => {
        writeUints(encoder, 1, 1, 5, 0, 4, 1);
        encoding.writeVarString(encoder, root);
        encoding.writeVarString(encoder, text);
        writeUints(encoder, 0);
      });
    Y.applyUpdate(doc, known('ab', 'text'));
    expect(accepted(doc, known('abc', 'text')).authors).toEqual([5]);
    expect(reasonOf(doc, known('abc', 'other'))).toBe('malformed');
  });

  it('accepts an item next to garbage-collected content, which yjs stores as GC', () => {
    const { server, editor } = paragraphs();
    const removedText = ((server.getXmlFragment('default').get(2) as Y.XmlElement).get(0) as Y.XmlText)._start!.id;
    Y.applyUpdate(server, capture(editor, () => editor.getXmlFragment('default').delete(2, 1)));
    const update = craft((encoder) => {
      writeUints(encoder, 1, 1, 9, 0);
      writeStringItem(encoder, 'x', [removedText.client, removedText.clock]);
      writeUints(encoder, 0);
    });
    expect(accepted(server, update)).toMatchObject({ authors: [9], touchedBlocks: [], rootsWithNewBlocks: [] });
    Y.applyUpdate(server, update);
    expect(server.store.clients.get(9)![0]).toBeInstanceOf(Y.GC);
  });

  it('refuses deeply nested Any content', () => {
    const nested = (depth: number): unknown[] => (depth === 0 ? [] : [nested(depth - 1)]);
    const doc = docWithId(editorId);
    const shallow = capture(doc, () => doc.getMap('meta').set('value', nested(10)));
    const deep = capture(doc, () => doc.getMap('meta').set('value', nested(40)));
    expect(accepted(new Y.Doc(), shallow).rootsWithNewBlocks).toEqual(['meta']);
    expect(reasonOf(new Y.Doc(), deep)).toBe('too-many-structs');
  });
});

describe('inspectUpdate on damaged real updates', () => {
  /** Updates of every kind of content, each with the document it applies to. */
  function corpus(): Array<{ doc: Y.Doc; update: Uint8Array }> {
    const { server, editor, setup, editorText, editorParagraph } = paragraphs();
    const edits = [
      () => editorText(1).insert(6, ' amended'),
      () => editorText(1).format(0, 6, { bold: true, link: { href: 'https://example.org' } }),
      () => editorParagraph(2).setAttribute('status', 'agreed'),
      () => {
        editorText(0).delete(5, 4);
        editorText(1).delete(0, 3);
      },
      () => editor.getXmlFragment('default').insert(1, [new Y.XmlElement('heading')]),
      () => editor.getMap('meta').set('settings', { levels: [1, 2.5, null, true, 'x'], bytes: new Uint8Array([1, 2]) }),
      () => editor.getText('notes').insertEmbed(0, { image: 'a.png' }),
      () => editor.getMap('meta').set('attachment', new Y.Doc({ guid: 'attachment' })),
    ];
    const samples = edits.map((edit) => {
      const before = new Y.Doc();
      Y.applyUpdate(before, Y.encodeStateAsUpdate(server));
      const update = capture(editor, edit);
      Y.applyUpdate(server, update);
      return { doc: before, update };
    });
    return [...samples, { doc: new Y.Doc(), update: Y.mergeUpdates([setup, ...samples.map(({ update }) => update)]) }];
  }

  it('refuses every truncation of a real multi-struct update, without throwing', () => {
    for (const { doc, update } of corpus()) {
      expect(inspectUpdate(doc, update, limits).ok).toBe(true);
      for (let length = 0; length < update.length; length++) {
        expect(inspectUpdate(doc, update.subarray(0, length), limits).ok).toBe(false);
      }
    }
  });

  it('accepts only random structured updates that yjs applies fully', () => {
    const generator = prng.create(7);
    const { server, editor } = paragraphs();
    Y.applyUpdate(server, capture(editor, () => editor.getXmlFragment('default').delete(2, 1)));
    const state = Y.encodeStateAsUpdate(server);
    const clients = [authorId, editorId, 3, 4];
    const randomId = (planned: Array<[number, number, number]>): [number, number] => {
      const [client, start, length] = prng.oneOf(generator, planned);
      if (prng.bool(generator)) return [client, start + prng.int32(generator, 0, length - 1)];
      const known = prng.oneOf(generator, [authorId, editorId]);
      return [known, prng.int32(generator, 0, Y.getState(server.store, known) - 1)];
    };
    let acceptedCount = 0;
    for (let trial = 0; trial < 3000; trial++) {
      const sections = [...new Set(Array.from({ length: prng.int32(generator, 1, 3) }, () => prng.oneOf(generator, clients)))];
      const planned = sections.map((client): [number, number, number] => {
        const start = Math.max(0, Y.getState(server.store, client) - prng.int32(generator, -1, 2));
        return [client, start, prng.int32(generator, 1, 4)];
      });
      const update = craft((encoder) => {
        writeUints(encoder, planned.length);
        for (const [client, start, count] of planned) {
          writeUints(encoder, count, client, start);
          for (let index = 0; index < count; index++) {
            const shape = prng.int32(generator, 0, 3);
            if (shape < 2) writeStringItem(encoder, 'a', randomId(planned));
            else if (shape === 2) writeStringItem(encoder, 'a');
            else {
              const isType = prng.bool(generator);
              encoding.writeUint8(encoder, isType ? 7 : 8 | 0x20);
              writeUints(encoder, 0, ...randomId(planned));
              if (isType) {
                writeUints(encoder, 3);
                encoding.writeVarString(encoder, 'paragraph');
              } else {
                encoding.writeVarString(encoder, 'key');
                writeUints(encoder, 1);
                encoding.writeAny(encoder, 1);
              }
            }
          }
        }
        const deleted = prng.oneOf(generator, clients);
        if (prng.bool(generator)) writeUints(encoder, 0);
        else writeUints(encoder, 1, deleted, 1, prng.int32(generator, 0, Y.getState(server.store, deleted) + 2), prng.int32(generator, 1, 4));
      });
      const result = inspectUpdate(server, update, limits);
      if (!result.ok) continue;
      acceptedCount++;
      const clone = new Y.Doc();
      Y.applyUpdate(clone, state);
      Y.applyUpdate(clone, update);
      expect(clone.store.pendingStructs).toBeNull();
      expect(clone.store.pendingDs).toBeNull();
    }
    expect(acceptedCount).toBeGreaterThan(100);
    expect(Y.encodeStateAsUpdate(server)).toEqual(state);
  });

  it('never throws on bit flips, and whatever it accepts applies fully', () => {
    const generator = prng.create(20240611);
    const samples = corpus();
    const states = samples.map(({ doc }) => Y.encodeStateAsUpdate(doc));
    let acceptedCount = 0;
    for (let trial = 0; trial < 3000; trial++) {
      const { doc, update } = prng.oneOf(generator, samples);
      const damaged = update.slice();
      const flips = prng.int32(generator, 1, 3);
      for (let flip = 0; flip < flips; flip++) {
        const index = prng.int32(generator, 0, damaged.length - 1);
        damaged[index] = damaged[index]! ^ (1 << prng.int32(generator, 0, 7));
      }
      const result = inspectUpdate(doc, damaged, limits);
      if (!result.ok) continue;
      acceptedCount++;
      const clone = new Y.Doc();
      Y.applyUpdate(clone, Y.encodeStateAsUpdate(doc));
      Y.applyUpdate(clone, damaged);
      expect(clone.store.pendingStructs).toBeNull();
      expect(clone.store.pendingDs).toBeNull();
    }
    expect(acceptedCount).toBeGreaterThan(0);
    samples.forEach(({ doc }, index) => expect(Y.encodeStateAsUpdate(doc)).toEqual(states[index]));
  });
});
