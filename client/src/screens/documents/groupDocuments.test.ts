import { describe, expect, it } from 'vitest';
import type { DocumentKind, DocumentMeta } from '@concord/shared';
import { groupDocuments, knownSessions } from './groupDocuments.ts';

const collator = new Intl.Collator('en');
const document = (id: string, title: string, kind: DocumentKind, session: string, createdAt: string): DocumentMeta => ({ id, title, kind, session, createdAt });

describe('groupDocuments', () => {
  const documents = [
    document('a1', 'Options B', 'phase1-options-report', '2026, first session', '2026-05-01T10:00:00.000Z'),
    document('a2', 'Annual report', 'annual-progress-report', '2026, first session', '2026-05-02T10:00:00.000Z'),
    document('a3', 'Options A', 'phase1-options-report', '2026, first session', '2026-04-01T10:00:00.000Z'),
    document('b1', 'Action plan', 'phase2-action-plan', '2027, first session', '2027-04-01T10:00:00.000Z'),
    document('c1', 'Old note', 'other', '', '2025-01-01T10:00:00.000Z'),
  ];

  it('puts the latest session first, documents without a session last, kinds in work-programme order, titles sorted', () => {
    const groups = groupDocuments(documents, collator);
    expect(groups.map((group) => ({ session: group.session, kinds: group.kinds.map((kind) => [kind.kind, kind.documents.map((entry) => entry.id)]) }))).toEqual([
      { session: '2027, first session', kinds: [['phase2-action-plan', ['b1']]] },
      {
        session: '2026, first session',
        kinds: [
          ['phase1-options-report', ['a3', 'a1']],
          ['annual-progress-report', ['a2']],
        ],
      },
      { session: '', kinds: [['other', ['c1']]] },
    ]);
  });

  it('suggests the named sessions, latest first', () => {
    expect(knownSessions(groupDocuments(documents, collator))).toEqual(['2027, first session', '2026, first session']);
  });

  it('gives nothing for no documents', () => {
    expect(groupDocuments([], collator)).toEqual([]);
  });
});
