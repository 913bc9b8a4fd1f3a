import { describe, expect, it } from 'vitest';
import { asLanguage, pickLanguage } from './language.ts';

describe('pickLanguage', () => {
  it('keeps the stored choice', () => {
    expect(pickLanguage('fr', ['en-GB'])).toBe('fr');
  });

  it('follows the browser when nothing usable is stored', () => {
    expect(pickLanguage(null, ['de-DE', 'fr-CH', 'en'])).toBe('fr');
    expect(pickLanguage('xx', ['EN-us'])).toBe('en');
  });

  it('falls back to English', () => {
    expect(pickLanguage(null, ['ar', 'zh-CN'])).toBe('en');
    expect(pickLanguage(null, [])).toBe('en');
  });
});

describe('asLanguage', () => {
  it('narrows i18next languages to supported ones', () => {
    expect(asLanguage('fr')).toBe('fr');
    expect(asLanguage('cimode')).toBe('en');
    expect(asLanguage(undefined)).toBe('en');
  });
});
