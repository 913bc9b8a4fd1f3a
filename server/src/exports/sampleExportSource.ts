import type { ExportLanguage, ExportMode, SnapshotBlock, SnapshotContent } from '@concord/shared';
import type { ExportSource } from './ExportSource.ts';

const none = { proposes: [], supports: [], opposes: [], reservation: [] };

function paragraph(id: string, overrides: Partial<SnapshotBlock>): SnapshotBlock {
  return {
    id,
    kind: 'paragraph',
    status: 'agreed',
    role: 'text',
    level: 0,
    alternativeOf: null,
    label: { number: '', alternative: 0 },
    runs: [],
    items: [],
    attribution: { originator: null, contributors: [] },
    positions: none,
    ...overrides,
  };
}

/**
 * A fixed document for the exporters' golden tests: a heading, preambular and operative paragraphs in several
 * statuses, brackets, an alternative, a lettered list, text in the six UN languages, and hostile text that must
 * come out as text in every format.
 */
export const sampleContent: SnapshotContent = {
  documentId: 'doc-sample-001',
  title: 'Recommendations on negative security assurances <draft & "final">',
  kind: 'phase1-options-report',
  session: '2027, first session',
  blocks: [
    { ...paragraph('head-000001', { kind: 'heading', level: 1, runs: [{ text: 'I. Recommendations', marks: [] }] }) },
    paragraph('para-000001', {
      role: 'preambular',
      label: { number: 'PP 1', alternative: 0 },
      runs: [
        { text: 'Recalling', marks: ['italic'] },
        { text: ' Security Council resolutions 255 (1968) and 984 (1995),', marks: [] },
      ],
      attribution: { originator: 'KWT', contributors: ['EGY', 'KWT'] },
      positions: { ...none, proposes: ['KWT'], supports: ['EGY', 'IRL'] },
    }),
    paragraph('para-000002', {
      role: 'operative',
      label: { number: '1.', alternative: 0 },
      runs: [
        { text: 'Calls upon', marks: ['bold'] },
        { text: ' the nuclear-weapon States to ', marks: [] },
        { text: 'reaffirm', marks: ['bracket'] },
        { text: ' their commitments;', marks: [] },
      ],
      status: 'draft',
      attribution: { originator: 'EGY', contributors: ['EGY', 'FRA'] },
      positions: { proposes: ['EGY'], supports: ['MEX'], opposes: ['FRA'], reservation: ['USA'] },
    }),
    paragraph('para-000003', {
      role: 'operative',
      label: { number: '1.', alternative: 1 },
      alternativeOf: 'para-000002',
      status: 'draft',
      runs: [{ text: 'Encourages the nuclear-weapon States to consider a legally binding instrument;', marks: [] }],
      attribution: { originator: 'FRA', contributors: ['FRA'] },
    }),
    paragraph('para-000004', {
      role: 'operative',
      label: { number: '2.', alternative: 0 },
      status: 'agreed-ad-ref',
      runs: [{ text: 'Requests the Secretariat to compile the protocols to nuclear-weapon-free-zone treaties;', marks: [] }],
      attribution: { originator: 'CHAIR', contributors: ['CHAIR'] },
    }),
    paragraph('list-000001', {
      kind: 'orderedList',
      items: [
        { depth: 0, ordered: true, runs: [{ text: 'Tlatelolco, Additional Protocol II;', marks: [] }] },
        { depth: 0, ordered: true, runs: [{ text: 'Pelindaba, Protocol I;', marks: [] }] },
      ],
      attribution: { originator: 'MEX', contributors: ['MEX'] },
    }),
    paragraph('para-000005', {
      role: 'operative',
      label: { number: '3.', alternative: 0 },
      runs: [
        { text: 'Takes note of the texts: ', marks: [] },
        { text: 'ضمانات الأمن السلبية', marks: [] },
        { text: ' / 消极安全保证 / негативные гарантии безопасности / garantías negativas de seguridad / garanties négatives de sécurité.', marks: [] },
      ],
      attribution: { originator: 'CHN', contributors: ['CHN', 'RUS'] },
    }),
    paragraph('para-000006', {
      role: 'operative',
      label: { number: '4.', alternative: 0 },
      runs: [
        { text: '<script>alert("x")</script> & <w:p/> ]]> {{constructor}} **not bold** <img src=x onerror=alert(1)>', marks: [] },
        { text: '\n', marks: [] },
        { text: 'Second line & "quotes" \'apostrophes\'', marks: ['underline'] },
      ],
      attribution: { originator: 'IRL', contributors: ['IRL'] },
    }),
  ],
};

/** The sample as a snapshot export (fixed identity, so golden files never change by accident). */
export function sampleExportSource(mode: ExportMode, language: ExportLanguage = 'en', snapshot = true): ExportSource {
  return {
    content: sampleContent,
    snapshot: snapshot ? { id: 'snap-sample-001', number: 3, name: 'Agreed at the third meeting', createdAt: '2027-05-02T15:04:05.000Z', sha256: 'a'.repeat(64), keyId: '0123456789abcdef' } : null,
    date: '2027-05-02T15:04:05.000Z',
    symbol: 'NPT/NSA/2027/OPT/3',
    mode,
    language,
  };
}
