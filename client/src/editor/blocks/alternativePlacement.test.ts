import { describe, expect, it } from 'vitest';
import { labelParagraphs } from '@concord/shared';
import { alternativePlacement, type PlacementBlock } from './alternativePlacement.ts';

const block = (id: string, alternativeOf: string | null = null, role: PlacementBlock['role'] = 'operative'): PlacementBlock => ({ id, type: 'paragraph', role, alternativeOf });

describe('alternativePlacement', () => {
  it('puts the first alternative right after the paragraph, with its role', () => {
    const blocks = [block('one', null, 'preambular'), block('two')];
    expect(alternativePlacement(blocks, 0)).toEqual({ originalId: 'one', role: 'preambular', afterIndex: 0 });
  });

  it('puts a further alternative after the existing ones, also when asked from an alternative', () => {
    const blocks = [block('one'), block('alt1', 'one'), block('alt2', 'one'), block('two')];
    expect(alternativePlacement(blocks, 0)).toMatchObject({ originalId: 'one', afterIndex: 2 });
    expect(alternativePlacement(blocks, 1)).toMatchObject({ originalId: 'one', afterIndex: 2 });
    const labels = labelParagraphs([...blocks.slice(0, 3), { id: 'alt3', role: 'operative' as const, alternativeOf: 'one' }, blocks[3]!].map((entry) => ({ id: entry.id!, role: entry.role, alternativeOf: entry.alternativeOf })));
    expect(labels.get('alt3')).toEqual({ number: '1.', alternative: 3 });
    expect(labels.get('two')).toEqual({ number: '2.', alternative: 0 });
  });

  it('treats an alternative whose original is gone as a paragraph of its own', () => {
    const blocks = [block('alt1', 'gone'), block('two')];
    expect(alternativePlacement(blocks, 0)).toMatchObject({ originalId: 'alt1', afterIndex: 0 });
  });

  it('offers no alternative to headings, lists or blocks without an id', () => {
    expect(alternativePlacement([{ id: 'head', type: 'heading', role: 'text', alternativeOf: null }], 0)).toBeNull();
    expect(alternativePlacement([{ ...block('x'), id: null }], 0)).toBeNull();
    expect(alternativePlacement([], 0)).toBeNull();
  });
});
