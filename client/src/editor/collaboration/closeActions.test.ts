import { describe, expect, it } from 'vitest';
import { CloseCode } from '@concord/shared';
import { closeAction, refusalReasonOf } from './closeActions.ts';

describe('closeAction', () => {
  it('discards the local copy after a refused change', () => {
    for (const code of [CloseCode.malformedMessage, CloseCode.forbidden, CloseCode.clientIdTaken, CloseCode.refusedUpdate]) {
      expect(closeAction(code)).toBe('discard');
    }
  });

  it('reconnects with the same copy when nothing was refused', () => {
    for (const code of [1000, 1001, 1006, 1009, 1011, CloseCode.tryAgainLater, CloseCode.heartbeatTimeout, CloseCode.rateLimited, CloseCode.slowReader]) {
      expect(closeAction(code)).toBe('reconnect');
    }
  });

  it('checks the session after the account changed', () => {
    expect(closeAction(CloseCode.reauthenticate)).toBe('reauthenticate');
  });
});

describe('refusalReasonOf', () => {
  it('keeps the reasons the protocol defines and hides any other text', () => {
    expect(refusalReasonOf('locked-block')).toBe('locked-block');
    expect(refusalReasonOf('schema-violation')).toBe('schema-violation');
    expect(refusalReasonOf('<script>')).toBe('unknown');
    expect(refusalReasonOf('')).toBe('unknown');
  });
});
