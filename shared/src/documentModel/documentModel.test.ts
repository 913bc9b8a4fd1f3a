import { describe, expect, it } from 'vitest';
import { checkChild, checkMark, checkNodeAttribute, concordDocumentModel as model, markNameOfFormatKey } from './documentModel.ts';
import { labelParagraphs } from './paragraphLabels.ts';

describe('the document schema', () => {
  it('allows the blocks of a resolution at the top level, and nothing else', () => {
    for (const name of ['paragraph', 'heading', 'bulletList', 'orderedList']) expect(checkChild(model, null, name)).toBeNull();
    expect(checkChild(model, null, 'listItem')).toMatch(/top-level/);
    expect(checkChild(model, null, 'script')).toMatch(/not in the document schema/);
    expect(checkChild(model, 'bulletList', 'listItem')).toBeNull();
    expect(checkChild(model, 'paragraph', 'paragraph')).toMatch(/cannot be inside/);
  });

  it('checks attribute values, not only names', () => {
    expect(checkNodeAttribute(model, 'paragraph', 'status', 'agreed')).toBeNull();
    expect(checkNodeAttribute(model, 'paragraph', 'status', 'final')).toMatch(/invalid value/);
    expect(checkNodeAttribute(model, 'paragraph', 'id', '<script>')).toMatch(/invalid value/);
    expect(checkNodeAttribute(model, 'heading', 'level', 7)).toMatch(/invalid value/);
    expect(checkNodeAttribute(model, 'paragraph', 'style', 'color:red')).toMatch(/no attribute/);
  });

  it('checks marks and their attributes, including y-prosemirror’s overlapping-mark keys', () => {
    expect(markNameOfFormatKey('comment--a1b2')).toBe('comment');
    expect(checkMark(model, 'bracket', {})).toBeNull();
    expect(checkMark(model, 'bracket', null)).toBeNull();
    expect(checkMark(model, 'comment--a1b2', { threadId: 'thread-1' })).toBeNull();
    expect(checkMark(model, 'comment', { threadId: 'thread-1', onclick: 'x' })).toMatch(/invalid attributes/);
    expect(checkMark(model, 'link', { href: 'javascript:alert(1)' })).toMatch(/not in the document schema/);
  });
});

describe('labelParagraphs', () => {
  it('numbers preambular and operative paragraphs apart, and labels alternatives with their original', () => {
    const labels = labelParagraphs([
      { id: 'a', role: 'text', alternativeOf: null },
      { id: 'b', role: 'preambular', alternativeOf: null },
      { id: 'c', role: 'preambular', alternativeOf: null },
      { id: 'd', role: 'operative', alternativeOf: null },
      { id: 'e', role: 'operative', alternativeOf: 'd' },
      { id: 'f', role: 'operative', alternativeOf: 'd' },
      { id: 'g', role: 'operative', alternativeOf: null },
    ]);
    expect(Object.fromEntries([...labels].map(([id, label]) => [id, `${label.number}${label.alternative ? ` Alt ${label.alternative}` : ''}`]))).toEqual({
      a: '',
      b: 'PP 1',
      c: 'PP 2',
      d: '1.',
      e: '1. Alt 1',
      f: '1. Alt 2',
      g: '2.',
    });
  });
});
