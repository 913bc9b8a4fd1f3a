import { describe, expect, it } from 'vitest';
import type { ParagraphAttribution } from '@concord/shared';
import { emptyLedger, mergeLedger, parseLedgerMessage } from './ledger.ts';

const attribution = (originator: string, edits: number): ParagraphAttribution => ({
  originator,
  originatorTypist: null,
  createdAt: '2026-11-30T10:00:00.000Z',
  contributors: { [originator]: { edits, lastEditAt: '2026-11-30T10:05:00.000Z', typists: [] } },
});

describe('parseLedgerMessage', () => {
  it('reads a valid message', () => {
    const message = parseLedgerMessage(JSON.stringify({ full: true, paragraphs: { abcdef: attribution('FRA', 2) } }));
    expect(message?.paragraphs.abcdef?.originator).toBe('FRA');
  });

  it('rejects text that is not JSON or not a ledger message', () => {
    expect(parseLedgerMessage('{')).toBeNull();
    expect(parseLedgerMessage(JSON.stringify({ full: 'yes', paragraphs: {} }))).toBeNull();
    expect(parseLedgerMessage(JSON.stringify({ full: true, paragraphs: { abcdef: { originator: 'fr' } } }))).toBeNull();
  });
});

describe('mergeLedger', () => {
  it('replaces only the listed paragraphs on a partial message', () => {
    const first = mergeLedger(emptyLedger, { full: true, paragraphs: { one111: attribution('FRA', 1), two222: attribution('EGY', 1) } });
    const next = mergeLedger(first, { full: false, paragraphs: { two222: attribution('EGY', 5) } });
    expect(next.get('one111')?.originator).toBe('FRA');
    expect(next.get('two222')?.contributors.EGY?.edits).toBe(5);
    expect(first.get('two222')?.contributors.EGY?.edits).toBe(1);
  });

  it('drops paragraphs a full message no longer lists', () => {
    const first = mergeLedger(emptyLedger, { full: true, paragraphs: { one111: attribution('FRA', 1) } });
    const next = mergeLedger(first, { full: true, paragraphs: { two222: attribution('EGY', 1) } });
    expect(next.has('one111')).toBe(false);
    expect(next.has('two222')).toBe(true);
  });
});
