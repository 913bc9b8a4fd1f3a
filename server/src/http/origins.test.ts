import { describe, expect, it } from 'vitest';
import { isAllowedOrigin, originOfReferer } from './origins.ts';

const none = new Set<string>();

describe('isAllowedOrigin', () => {
  it('allows the request’s own host, whatever the default port spelling', () => {
    expect(isAllowedOrigin('http://127.0.0.1:8787', '127.0.0.1:8787', none)).toBe(true);
    expect(isAllowedOrigin('https://concord.example', 'concord.example:443', none)).toBe(true);
    expect(isAllowedOrigin('https://Concord.Example', 'concord.example', none)).toBe(true);
  });

  it('refuses another host or port', () => {
    expect(isAllowedOrigin('http://127.0.0.1:9999', '127.0.0.1:8787', none)).toBe(false);
    expect(isAllowedOrigin('https://evil.example', 'concord.example', none)).toBe(false);
    expect(isAllowedOrigin('https://concord.example.evil.example', 'concord.example', none)).toBe(false);
  });

  it('allows listed origins whatever the Host header says', () => {
    const allowed = new Set(['https://concord.example']);
    expect(isAllowedOrigin('https://concord.example', 'internal:8787', allowed)).toBe(true);
    expect(isAllowedOrigin('http://concord.example', 'internal:8787', allowed)).toBe(false);
  });

  it.each([undefined, '', 'null', 'not a url', 'file:///etc/passwd', 'chrome-extension://abc'])('refuses the origin %s', (origin) => {
    expect(isAllowedOrigin(origin, 'concord.example', new Set(['https://concord.example']))).toBe(false);
  });

  it('refuses a Host header that is not a plain host', () => {
    expect(isAllowedOrigin('http://a.example', undefined, none)).toBe(false);
    expect(isAllowedOrigin('http://a.example', '', none)).toBe(false);
    expect(isAllowedOrigin('http://a.example', 'a.example/path', none)).toBe(false);
    expect(isAllowedOrigin('http://a.example', 'user@a.example', none)).toBe(false);
  });
});

describe('originOfReferer', () => {
  it('keeps only the origin of a Referer', () => {
    expect(originOfReferer('https://concord.example/documents/1?x=2#y')).toBe('https://concord.example');
    expect(originOfReferer(undefined)).toBeUndefined();
    expect(originOfReferer('garbage')).toBeUndefined();
  });
});
