import { describe, expect, it } from 'vitest';
import { summarisePositions, type Flag, type Position } from '@concord/shared';
import { positionWords } from './positionWords.ts';
import { compactPositionLine, currentPositionOf, flagsOnParagraph, positionSentences, unansweredFirst } from './positionWording.ts';
import { testTranslations } from './testTranslations.ts';

const position = (delegationCode: string, stance: Position['stance'], explanation: string | null = null, recordedAt = '2026-11-30T10:00:00.000Z'): Position => ({
  documentId: 'doc-0001',
  blockId: 'op00001',
  delegationCode,
  stance,
  explanation,
  recordedBy: `user-${delegationCode.toLowerCase()}`,
  recordedAt,
});

const summary = summarisePositions(
  [
    position('FRA', 'proposes'),
    position('MEX', 'supports', 'Essential for the NNWS.'),
    position('EGY', 'supports'),
    position('USA', 'opposes', 'Too broad.'),
    position('CHN', 'reservation'),
    position('USA', 'supports', null, '2026-11-29T10:00:00.000Z'),
  ],
  'doc-0001',
  'op00001',
);

describe('the wording of positions', () => {
  it('gives the gutter one compact line, stances in UN order, each delegation with its group', async () => {
    const i18n = await testTranslations('en');
    const words = positionWords(i18n.getFixedT('en', 'positions'), 'en');
    expect(compactPositionLine(summary, words)).toBe('proposed by FRA (NWS) · supported by EGY (NNWS), MEX (NNWS) · opposed by USA (NWS) · reservation: CHN (NWS)');
  });

  it('says it in French, listing as French lists', async () => {
    const i18n = await testTranslations('fr');
    const words = positionWords(i18n.getFixedT('fr', 'positions'), 'fr');
    expect(compactPositionLine(summary, words)).toBe('proposé par FRA (NWS) · appuyé par EGY (NNWS), MEX (NNWS) · opposition : USA (NWS) · réserve : CHN (NWS)');
    expect(positionSentences(summary, words).map((sentence) => sentence.text)[1]).toBe('Appuyé par EGY (NNWS) et MEX (NNWS)');
  });

  it('writes the compilation as sentences that keep the explanations with their delegations', async () => {
    const i18n = await testTranslations('en');
    const sentences = positionSentences(summary, positionWords(i18n.getFixedT('en', 'positions'), 'en'));
    expect(sentences.map((sentence) => sentence.text)).toEqual(['Proposed by FRA (NWS)', 'Supported by EGY (NNWS) and MEX (NNWS)', 'Opposed by USA (NWS)', 'Reservations: CHN (NWS)']);
    expect(sentences[1]?.entries.find((entry) => entry.delegationCode === 'MEX')?.explanation).toBe('Essential for the NNWS.');
  });

  it('says nothing for a paragraph without positions, and names a delegation the committee does not know by its code alone', async () => {
    const i18n = await testTranslations('en');
    const words = positionWords(i18n.getFixedT('en', 'positions'), 'en');
    expect(compactPositionLine(undefined, words)).toBe('');
    expect(words.delegation('XXX', null)).toBe('XXX');
  });

  it("finds a delegation's current stance and explanation (its latest position only)", () => {
    expect(currentPositionOf(summary, 'USA')).toEqual({ stance: 'opposes', explanation: 'Too broad.' });
    expect(currentPositionOf(summary, 'IRL')).toBeNull();
    expect(currentPositionOf(undefined, 'USA')).toBeNull();
  });
});

describe('the order of flags', () => {
  const flag = (id: string, blockId: string, raisedAt: string, answeredAt: string | null): Flag => ({
    id,
    documentId: 'doc-0001',
    blockId,
    delegationCode: 'EGY',
    explanation: null,
    raisedBy: 'user-egy',
    raisedAt,
    answer: answeredAt === null ? null : { by: 'chair-1', at: answeredAt, text: 'Noted; see PP 3.' },
  });
  const flags = [
    flag('flag-answered-early', 'op00001', '2026-11-30T09:00:00.000Z', '2026-11-30T09:30:00.000Z'),
    flag('flag-waiting-late', 'op00001', '2026-11-30T11:00:00.000Z', null),
    flag('flag-answered-late', 'op00002', '2026-11-30T09:10:00.000Z', '2026-11-30T12:00:00.000Z'),
    flag('flag-waiting-early', 'op00002', '2026-11-30T10:00:00.000Z', null),
  ];

  it('puts the flags waiting longest first for the chair, then the latest answers', () => {
    expect(unansweredFirst(flags).map((each) => each.id)).toEqual(['flag-waiting-early', 'flag-waiting-late', 'flag-answered-late', 'flag-answered-early']);
  });

  it('keeps to one paragraph', () => {
    expect(flagsOnParagraph(flags, 'op00001').map((each) => each.id)).toEqual(['flag-waiting-late', 'flag-answered-early']);
  });
});
