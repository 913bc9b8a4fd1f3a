import { describe, expect, it } from 'vitest';
import { blockTokens, fallbackSegments, joinedTokens, similarity, wordBag } from './compareTokens.ts';

const texts = (tokens: ReturnType<typeof blockTokens>) => tokens.map((token) => (token.part === 'text' ? token.text : `<${token.part}>`));

describe('blockTokens', () => {
  it('gives consecutive bracketed runs one pair of bracket tokens, and marks the words inside', () => {
    const tokens = blockTokens({
      runs: [
        { text: 'to ', marks: [] },
        { text: 'reaffirm', marks: ['bracket', 'bold'] },
        { text: ' their', marks: ['bracket'] },
        { text: ' commitments', marks: [] },
      ],
      items: [],
    });
    expect(texts(tokens)).toEqual(['to', ' ', '<open>', 'reaffirm', ' ', 'their', '<close>', ' ', 'commitments']);
    expect(tokens.filter((token) => token.bracket).map((token) => token.text)).toEqual(['[', 'reaffirm', ' ', 'their', ']']);
  });

  it('closes a bracket left open at the end of a paragraph', () => {
    expect(texts(blockTokens({ runs: [{ text: 'all States', marks: ['bracket'] }], items: [] }))).toEqual(['<open>', 'all', ' ', 'States', '<close>']);
  });

  it('puts list items one per line, and paragraphs of a split apart with a break', () => {
    const list = { runs: [], items: [0, 1].map((index) => ({ depth: 0, ordered: true, runs: [{ text: `item${index}`, marks: [] }] })) };
    expect(texts(blockTokens(list))).toEqual(['item0', '<item>', 'item1']);
    expect(texts(joinedTokens([blockTokens({ runs: [{ text: 'One.', marks: [] }], items: [] }), blockTokens(list)]))).toEqual(['One', '.', '<break>', 'item0', '<item>', 'item1']);
  });

  it('splits Chinese into words', () => {
    expect(texts(blockTokens({ runs: [{ text: '核武器国家的承诺', marks: [] }], items: [] })).length).toBeGreaterThan(2);
  });
});

describe('fallbackSegments (no Intl.Segmenter)', () => {
  it('splits spaced scripts at words and Chinese character by character', () => {
    expect(fallbackSegments('States, États  الدول')).toEqual(['States', ',', ' ', 'États', '  ', 'الدول']);
    expect(fallbackSegments('核武器')).toEqual(['核', '武', '器']);
  });
});

describe('similarity', () => {
  const bag = (text: string) => wordBag(blockTokens({ runs: [{ text, marks: [] }], items: [] }));

  it('is 1 for the same words in any case or order, 0 for none shared or no words', () => {
    expect(similarity(bag('Calls upon States'), bag('states calls upon'))).toBe(1);
    expect(similarity(bag('Calls upon States'), bag('Requests the Secretariat'))).toBe(0);
    expect(similarity(bag('; ,'), bag('; ,'))).toBe(0);
  });

  it('counts repeated words as often as they occur on both sides', () => {
    expect(similarity(bag('the the the States'), bag('the States'))).toBeCloseTo((2 * 2) / 6);
  });
});
