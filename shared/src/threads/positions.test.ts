import { describe, expect, it } from 'vitest';
import { positionSummarySchema, summarisePositions, unansweredFlags } from './positions.ts';
import type { Flag, Position, Stance } from './schemas.ts';
import { blockId, documentId, users } from './testFixtures.ts';

function position(delegationCode: string, stance: Stance, minute: number, overrides: Partial<Position> = {}): Position {
  return { documentId, blockId, delegationCode, stance, explanation: null, recordedBy: 'user-someone', recordedAt: new Date(Date.UTC(2026, 10, 30, 10, minute)).toISOString(), ...overrides };
}

describe('summarisePositions', () => {
  it('is empty for a paragraph without positions', () => {
    expect(summarisePositions([], documentId, blockId)).toEqual({ proposes: [], supports: [], opposes: [], reservation: [] });
  });

  it('groups delegations by stance, sorted by code, with their group and explanation', () => {
    const summary = summarisePositions(
      [position('KWT', 'proposes', 1), position('FRA', 'opposes', 2, { explanation: 'Premature.' }), position('EGY', 'supports', 3), position('BRA', 'supports', 4), position('CHN', 'reservation', 5)],
      documentId,
      blockId,
    );
    expect(summary).toEqual({
      proposes: [{ delegationCode: 'KWT', group: 'NNWS', explanation: null }],
      supports: [
        { delegationCode: 'BRA', group: 'NNWS', explanation: null },
        { delegationCode: 'EGY', group: 'NNWS', explanation: null },
      ],
      opposes: [{ delegationCode: 'FRA', group: 'NWS', explanation: 'Premature.' }],
      reservation: [{ delegationCode: 'CHN', group: 'NWS', explanation: null }],
    });
  });

  it('keeps one current position per delegation: the latest wins, whatever the list order', () => {
    const summary = summarisePositions([position('FRA', 'reservation', 9), position('FRA', 'opposes', 2)], documentId, blockId);
    expect(summary.reservation.map((entry) => entry.delegationCode)).toEqual(['FRA']);
    expect(summary.opposes).toEqual([]);
  });

  it('breaks a tie by list order (the later record wins)', () => {
    const summary = summarisePositions([position('FRA', 'opposes', 2), position('FRA', 'supports', 2)], documentId, blockId);
    expect(summary.supports).toHaveLength(1);
    expect(summary.opposes).toHaveLength(0);
  });

  it('ignores other paragraphs and documents', () => {
    const summary = summarisePositions([position('FRA', 'opposes', 1, { blockId: 'block-2' }), position('GBR', 'opposes', 1, { documentId: 'doc-2' })], documentId, blockId);
    expect(summary.opposes).toEqual([]);
  });

  it('keeps a hostile explanation as data, unchanged', () => {
    const explanation = '<img src=x onerror=alert(1)>';
    expect(summarisePositions([position('FRA', 'opposes', 1, { explanation })], documentId, blockId).opposes[0]?.explanation).toBe(explanation);
  });
});

describe('positionSummarySchema', () => {
  it('accepts a summary as summarisePositions makes it, and refuses one with a stance missing or a bad code', () => {
    const summary = summarisePositions([position('FRA', 'opposes', 1, { explanation: 'Premature.' }), position('EGY', 'supports', 2)], documentId, blockId);
    expect(positionSummarySchema.parse(summary)).toEqual(summary);
    expect(positionSummarySchema.safeParse({ proposes: [], supports: [], opposes: [] }).success).toBe(false);
    expect(positionSummarySchema.safeParse({ ...summary, proposes: [{ delegationCode: 'france', group: 'NWS', explanation: null }] }).success).toBe(false);
  });
});

describe('unansweredFlags', () => {
  const flag = (id: string, minute: number, answered: boolean): Flag => ({
    id,
    documentId,
    blockId,
    delegationCode: 'KWT',
    explanation: null,
    raisedBy: users.kuwait.id,
    raisedAt: new Date(Date.UTC(2026, 10, 30, 10, minute)).toISOString(),
    answer: answered ? { by: users.chair.id, at: '2026-11-30T11:00:00.000Z', text: 'Added in PP 3.' } : null,
  });

  it('lists the flags still waiting for an answer, oldest first', () => {
    expect(unansweredFlags([flag('flag-late', 5, false), flag('flag-done', 1, true), flag('flag-early', 2, false)]).map((entry) => entry.id)).toEqual(['flag-early', 'flag-late']);
    expect(unansweredFlags([])).toEqual([]);
  });
});
