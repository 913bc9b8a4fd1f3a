import { describe, expect, it } from 'vitest';
import { cssString, escapeHtml } from './escapeHtml.ts';

describe('escapeHtml', () => {
  it('turns every markup character into an entity', () => {
    expect(escapeHtml(`<script>alert("x")</script> & 'y'`)).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;');
  });

  it('leaves other text alone, in any script', () => {
    expect(escapeHtml('ضمانات / 消极安全保证 / гарантии')).toBe('ضمانات / 消极安全保证 / гарантии');
  });
});

describe('cssString', () => {
  it('keeps quotes, backslashes and tags inside the string', () => {
    expect(cssString('a"b\\c</style>')).toBe('"a\\22 b\\5C c\\3C /style\\3E "');
  });

  it('keeps letters of every script as they are', () => {
    expect(cssString('NPT/NSA/2027 مشروع 草案')).toBe('"NPT/NSA/2027 مشروع 草案"');
  });
});
