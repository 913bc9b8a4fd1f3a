import { progressReportSchema, type ProgressReport } from '@concord/shared';

/** Text that would become markup if a rendering forgot to escape it (HTML, SVG, WordprocessingML, CDATA). */
export const hostileText = `<script>alert("x")</script> & ]]> <w:p/> 'quoted'`;

/** A fixed report for the renderings' tests: three phases, a hostile title and session, activity in three weeks. */
export const sampleProgressReport: ProgressReport = progressReportSchema.parse({
  period: { from: '2026-01-01', to: '2026-01-31' },
  generatedAt: '2026-02-02T09:30:00.000Z',
  documents: [
    { id: 'options', title: 'Options for negative security assurances', kind: 'phase1-options-report', session: '2026, first session', countedIn: { number: 2, createdAt: '2026-06-30T16:00:00.000Z' }, paragraphs: 12, agreed: 7, agreedAdRef: 2, draft: 3, snapshots: 2 },
    { id: 'plan', title: `Action plan ${hostileText}`, kind: 'phase2-action-plan', session: `Session ${hostileText}`, countedIn: null, paragraphs: 4, agreed: 0, agreedAdRef: 0, draft: 4, snapshots: 0 },
    { id: 'instrument', title: 'مشروع الصك الدولي', kind: 'phase3-instrument', session: '2026', countedIn: null, paragraphs: 1, agreed: 1, agreedAdRef: 0, draft: 0, snapshots: 1 },
  ],
  threads: { opened: 9, resolved: 5, resolvedWithOverride: 1, openAtEnd: 6 },
  participation: {
    groups: [
      { groupId: 'NWS', activeDelegations: ['FRA', 'USA'], edits: 11, comments: 4 },
      { groupId: 'NNWS', activeDelegations: ['EGY', 'IRL', 'KWT'], edits: 23, comments: 17 },
    ],
    observers: { organisations: ['IAEA', 'UNIDIR'], comments: 3 },
    presiding: { edits: 6, comments: 5 },
  },
  timeline: [
    { weekStart: '2025-12-29', groups: { NWS: { comments: 0, edits: 0 }, NNWS: { comments: 2, edits: 3 } }, observers: 0 },
    { weekStart: '2026-01-05', groups: { NWS: { comments: 3, edits: 10 }, NNWS: { comments: 10, edits: 15 } }, observers: 2 },
    { weekStart: '2026-01-12', groups: { NWS: { comments: 0, edits: 0 }, NNWS: { comments: 0, edits: 0 } }, observers: 0 },
    { weekStart: '2026-01-19', groups: { NWS: { comments: 1, edits: 1 }, NNWS: { comments: 5, edits: 5 } }, observers: 1 },
    { weekStart: '2026-01-26', groups: { NWS: { comments: 0, edits: 0 }, NNWS: { comments: 0, edits: 0 } }, observers: 0 },
  ],
});
