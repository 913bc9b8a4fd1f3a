import { describe, expect, it } from 'vitest';
import { element, escapeAttribute, escapeText, serializeXml } from './xmlWriter.ts';

describe('xmlWriter', () => {
  it('escapes markup in text, so nothing in it can close or open an element or a CDATA section', () => {
    expect(escapeText('<w:p/> & ]]> "quotes"')).toBe('&lt;w:p/&gt; &amp; ]]&gt; "quotes"');
  });

  it('escapes quotes and whitespace in attribute values, which parsers would otherwise end or normalize', () => {
    expect(escapeAttribute('a "b" <c> & d\te\nf\rg')).toBe('a &quot;b&quot; &lt;c&gt; &amp; d&#9;e&#10;f&#13;g');
  });

  it('replaces characters XML 1.0 cannot carry, and keeps characters outside the BMP', () => {
    expect(escapeText('a\u0000b\u001Fc\uD800d\uFFFEe😀')).toBe('a\uFFFDb\uFFFDc\uFFFDd\uFFFDe😀');
  });

  it('refuses element and attribute names that are not XML names', () => {
    expect(() => element('p onload=x')).toThrow(/not an XML name/);
    expect(() => element('p', { 'a"b': 'x' })).toThrow(/not an XML name/);
  });

  it('keeps attributes in order, drops missing ones and empty text', () => {
    const node = element('num', { b: '1', a: 2, c: undefined, d: null }, ['', 'x']);
    expect(node.attributes).toEqual([['b', '1'], ['a', '2']]);
    expect(node.children).toEqual(['x']);
  });

  it('indents element-only content but writes text-bearing elements on one line', () => {
    const tree = element('doc', {}, [element('p', {}, [element('b', {}, ['bold']), ' text']), element('p', {}, [element('i', {}, ['only'])]), element('empty')]);
    expect(serializeXml(tree, new Set(['p']))).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<doc>\n  <p><b>bold</b> text</p>\n  <p><i>only</i></p>\n  <empty/>\n</doc>\n',
    );
  });
});
