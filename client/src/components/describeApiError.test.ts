import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../api/ApiError.ts';
import en from '../i18n/en.json';
import fr from '../i18n/fr.json';
import { describeApiError } from './describeApiError.ts';

const i18n = i18next.createInstance();
const formatTime = (date: Date) => date.toISOString().slice(11, 16);
const now = new Date('2026-11-30T10:00:00.000Z');

describe('describeApiError', () => {
  beforeAll(async () => {
    await i18n.init({ resources: { en: { common: en }, fr: { common: fr } }, lng: 'en', defaultNS: 'common', interpolation: { escapeValue: false } });
  });

  it('explains a wrong password without saying whether the account exists', () => {
    expect(describeApiError(new ApiError(401, 'invalid_credentials', 'the email or password is wrong'), i18n.t, formatTime, now)).toBe('The email or password is wrong.');
  });

  it('says when to try again after too many attempts, in minutes and as a time', () => {
    const throttled = new ApiError(429, 'too_many_attempts', 'try again later', [], 900);
    expect(describeApiError(throttled, i18n.t, formatTime, now)).toBe('Too many failed sign-ins. Try again in 15 minutes (at 10:15).');
    expect(describeApiError(new ApiError(429, 'too_many_attempts', '', [], 30), i18n.t, formatTime, now)).toBe('Too many failed sign-ins. Try again in 1 minute (at 10:00).');
    expect(describeApiError(new ApiError(429, 'too_many_attempts', ''), i18n.t, formatTime, now)).toBe('Too many failed sign-ins. Try again later.');
  });

  it('speaks the interface language', () => {
    expect(describeApiError(new ApiError(0, 'network', 'failed to fetch'), i18n.getFixedT('fr'), formatTime, now)).toBe('Le serveur est injoignable. Vérifiez la connexion et réessayez.');
  });

  it('reports unknown codes and non-API errors as unexpected, with the status', () => {
    expect(describeApiError(new ApiError(418, 'teapot', ''), i18n.t, formatTime, now)).toBe('The server gave an unexpected answer (418). Try again.');
    expect(describeApiError(new TypeError('boom'), i18n.t, formatTime, now)).toBe('The server gave an unexpected answer (?). Try again.');
  });
});
