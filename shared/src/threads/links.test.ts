import { describe, expect, it } from 'vitest';
import { linkSegments, safeHttpUrl } from './links.ts';

describe('linkSegments', () => {
  it('leaves a body without links as one text segment', () => {
    expect(linkSegments('No links here.')).toEqual([{ kind: 'text', text: 'No links here.' }]);
    expect(linkSegments('')).toEqual([]);
  });

  it('finds http and https links, leaving sentence punctuation out', () => {
    expect(linkSegments('See https://undocs.org/NPT/CONF.2026/1. And (http://example.org/a).')).toEqual([
      { kind: 'text', text: 'See ' },
      { kind: 'link', text: 'https://undocs.org/NPT/CONF.2026/1', href: 'https://undocs.org/NPT/CONF.2026/1' },
      { kind: 'text', text: '. And (' },
      { kind: 'link', text: 'http://example.org/a', href: 'http://example.org/a' },
      { kind: 'text', text: ').' },
    ]);
  });

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(document.cookie)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    'ftp://example.org/file',
    'www.example.org',
    '//example.org/protocol-relative',
    'http://',
  ])('keeps %s as text', (body) => {
    expect(linkSegments(body).filter((segment) => segment.kind === 'link')).toEqual([]);
    expect(linkSegments(body).map((segment) => segment.text).join('')).toBe(body);
  });

  it('keeps script and HTML payloads as text, never altered', () => {
    const body = '<script>alert("x")</script><img src=x onerror=alert(1)> <a href="javascript:alert(1)">click</a>';
    const segments = linkSegments(body);
    expect(segments).toEqual([{ kind: 'text', text: body }]);
  });

  it('does not let a link swallow markup around it', () => {
    const segments = linkSegments('<a href="https://evil.example/x">x</a>');
    const link = segments.find((segment) => segment.kind === 'link');
    expect(link).toEqual({ kind: 'link', text: 'https://evil.example/x', href: 'https://evil.example/x' });
    expect(segments.map((segment) => segment.text).join('')).toBe('<a href="https://evil.example/x">x</a>');
  });

  it('links only the http(s) part after another scheme', () => {
    const segments = linkSegments('javascript:https://example.org');
    expect(segments).toEqual([
      { kind: 'text', text: 'javascript:' },
      { kind: 'link', text: 'https://example.org', href: 'https://example.org/' },
    ]);
  });
});

describe('safeHttpUrl', () => {
  it('normalises http(s) URLs and refuses everything else', () => {
    expect(safeHttpUrl('HTTPS://Example.ORG/a b')).toBe('https://example.org/a%20b');
    expect(safeHttpUrl('javascript:alert(1)')).toBeNull();
    expect(safeHttpUrl('not a url')).toBeNull();
    expect(safeHttpUrl(`https://example.org/${'a'.repeat(2_100)}`)).toBeNull();
  });
});
