import { describe, expect, it } from 'vitest';
import { anchorPresence, type AnchorKnowledge } from './anchorPresence.ts';
import { emptyOutline, rememberSeen, type DocumentOutline, type OutlineBlock } from './documentOutline.ts';

const block = (id: string): OutlineBlock => ({ id, index: 0, number: '', alternative: 0, excerpt: 'Calls upon', heading: '', locked: false });

/** An outline of the paragraphs `blockIds` with the marks `anchored`, remembering what `before` had seen. */
function outline(blockIds: string[], anchored: string[], before: DocumentOutline = emptyOutline): DocumentOutline {
  const next: DocumentOutline = {
    blocks: new Map(blockIds.map((id) => [id, block(id)])),
    order: new Map(blockIds.map((id, index) => [id, index])),
    anchoredThreadIds: new Set(anchored),
    seenThreadIds: new Set(anchored),
    seenBlockIds: new Set(blockIds),
  };
  return rememberSeen(next, before);
}

const range = { id: 'thread-range', anchor: { kind: 'range' as const, blockId: 'block-1', quote: 'reaffirm their assurances' } };
const paragraph = { id: 'thread-paragraph', anchor: { kind: 'paragraph' as const, blockId: 'block-2' } };
const knowing = (known: Partial<AnchorKnowledge>): AnchorKnowledge => ({ outline: emptyOutline, textReady: true, textSynced: true, listedThreadIds: new Set(), ...known });

describe('anchorPresence', () => {
  it('says nothing is missing for a thread that arrived live before its mark (the false “deleted”)', () => {
    expect(anchorPresence(range, knowing({ outline: outline(['block-1'], []) }))).toBe('pending');
    // Its mark arrives: present.
    expect(anchorPresence(range, knowing({ outline: outline(['block-1'], ['thread-range']) }))).toBe('present');
  });

  it('calls a range detached once its mark was seen and is gone', () => {
    const seen = outline(['block-1'], ['thread-range']);
    expect(anchorPresence(range, knowing({ outline: outline(['block-1'], [], seen) }))).toBe('detached');
  });

  it('calls a range detached when the thread came in a full list and the synced text has no mark for it', () => {
    const listed = new Set(['thread-range']);
    expect(anchorPresence(range, knowing({ outline: outline(['block-1'], []), listedThreadIds: listed }))).toBe('detached');
    // Not before the text has synced with the server (a local copy may predate the mark), nor before it loaded.
    expect(anchorPresence(range, knowing({ outline: outline(['block-1'], []), listedThreadIds: listed, textSynced: false }))).toBe('pending');
    expect(anchorPresence(range, knowing({ outline: emptyOutline, listedThreadIds: listed, textReady: false }))).toBe('pending');
  });

  it('tells a deleted paragraph from one not arrived yet, for paragraph threads too', () => {
    expect(anchorPresence(paragraph, knowing({ outline: outline(['block-2'], []) }))).toBe('present');
    expect(anchorPresence(paragraph, knowing({ outline: outline(['block-1'], []) }))).toBe('pending');
    const seen = outline(['block-1', 'block-2'], []);
    expect(anchorPresence(paragraph, knowing({ outline: outline(['block-1'], [], seen) }))).toBe('paragraph-gone');
    expect(anchorPresence(paragraph, knowing({ outline: outline(['block-1'], []), listedThreadIds: new Set(['thread-paragraph']) }))).toBe('paragraph-gone');
  });
});
