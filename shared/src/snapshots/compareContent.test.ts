import { describe, expect, it } from 'vitest';
import { compareContent } from './compareContent.ts';
import { comparisonSchema, type Comparison, type ComparisonEntry } from './compareSchema.ts';
import type { SnapshotBlock, SnapshotContent, TextRun } from './snapshotContent.ts';

const none = { proposes: [], supports: [], opposes: [], reservation: [] };

function block(id: string, runs: TextRun[] | string, overrides: Partial<SnapshotBlock> = {}): SnapshotBlock {
  return {
    id,
    kind: 'paragraph',
    status: 'draft',
    role: 'operative',
    level: 0,
    alternativeOf: null,
    label: { number: '', alternative: 0 },
    runs: typeof runs === 'string' ? [{ text: runs, marks: [] }] : runs,
    items: [],
    attribution: { originator: null, contributors: [] },
    positions: none,
    ...overrides,
  };
}

const content = (...blocks: SnapshotBlock[]): SnapshotContent => ({ documentId: 'doc-compare-1', title: 'T', kind: 'phase1-options-report', session: 'S', blocks });

/** Compares and checks the answer against the schema the client uses. */
function compare(before: SnapshotBlock[], after: SnapshotBlock[]): Comparison {
  return comparisonSchema.parse(compareContent(content(...before), content(...after)));
}

/** An entry's redline in one line: {-deleted-} {+inserted+}, "[" "]" for bracket marks, "¶" for a paragraph break. */
const redline = (entry: ComparisonEntry) =>
  entry.words
    .map((word) => {
      const text = word.part === 'break' ? '¶' : word.text;
      return word.op === 'equal' ? text : word.op === 'delete' ? `{-${text}-}` : `{+${text}+}`;
    })
    .join('')
    // A paragraph break is a word of its own: read it with the words around it.
    .replaceAll('-}{-', '')
    .replaceAll('+}{+', '');

const shape = (comparison: Comparison) => comparison.entries.map((entry) => `${entry.kind} ${entry.beforeIds.join('+')}>${entry.afterIds.join('+')}`);

const first = block('para-000001', 'Recalling Security Council resolutions 255 (1968) and 984 (1995),');
const second = block('para-000002', 'Calls upon the nuclear-weapon States to reaffirm their commitments;');
const third = block('para-000003', 'Requests the Secretariat to compile the protocols to the treaties;');

describe('compareContent: paragraphs', () => {
  it('finds nothing to report between identical versions', () => {
    const comparison = compare([first, second, third], [first, second, third]);
    expect(shape(comparison)).toEqual(['unchanged para-000001>para-000001', 'unchanged para-000002>para-000002', 'unchanged para-000003>para-000003']);
    expect(comparison.entries.every((entry) => entry.words.every((word) => word.op === 'equal'))).toBe(true);
    expect(redline(comparison.entries[1]!)).toBe('Calls upon the nuclear-weapon States to reaffirm their commitments;');
    expect(comparison.summary).toEqual({ counts: { unchanged: 3, changed: 0, added: 0, removed: 0, moved: 0, split: 0, merged: 0 }, statusChanges: [] });
  });

  it('shows one changed word as one deletion and one insertion', () => {
    const edited = block('para-000002', 'Calls upon the nuclear-weapon States to recall their commitments;');
    const comparison = compare([first, second], [first, edited]);
    expect(shape(comparison)).toEqual(['unchanged para-000001>para-000001', 'changed para-000002>para-000002']);
    expect(redline(comparison.entries[1]!)).toBe('Calls upon the nuclear-weapon States to {-reaffirm-}{+recall+} their commitments;');
  });

  it('reads a run of replaced words as one deletion and one insertion, not word by word', () => {
    const edited = block('para-000002', 'Calls upon the nuclear-weapon States to honour our pledges;');
    expect(redline(compare([second], [edited]).entries[0]!)).toBe('Calls upon the nuclear-weapon States to {-reaffirm their commitments-}{+honour our pledges+};');
  });

  it('places a removed paragraph where it was and an added one where it is (the removed first, as a redline reads)', () => {
    const added = block('para-000009', 'Decides to remain seized of the matter.');
    const comparison = compare([first, second, third], [first, added, third]);
    expect(shape(comparison)).toEqual(['unchanged para-000001>para-000001', 'removed para-000002>', 'added >para-000009', 'unchanged para-000003>para-000003']);
    expect(comparison.entries[2]!.words).toEqual([{ op: 'insert', text: 'Decides to remain seized of the matter.', bracket: false, part: 'text' }]);
    expect(redline(comparison.entries[1]!)).toBe('{-Calls upon the nuclear-weapon States to reaffirm their commitments;-}');
    expect(comparison.summary.counts).toMatchObject({ added: 1, removed: 1, unchanged: 2 });
  });

  it('keeps a removed first paragraph first', () => {
    expect(shape(compare([first, second], [second]))).toEqual(['removed para-000001>', 'unchanged para-000002>para-000002']);
  });

  it('marks a paragraph moved among its neighbours as moved, and only that one', () => {
    const comparison = compare([first, second, third], [third, first, second]);
    expect(shape(comparison)).toEqual(['moved para-000003>para-000003', 'unchanged para-000001>para-000001', 'unchanged para-000002>para-000002']);
  });

  it('recognises the same text under a new id at another place as moved', () => {
    const retyped = block('para-000077', third.runs);
    const comparison = compare([first, second, third], [retyped, first, second]);
    expect(shape(comparison)).toEqual(['moved para-000003>para-000077', 'unchanged para-000001>para-000001', 'unchanged para-000002>para-000002']);
    expect(redline(comparison.entries[0]!)).toBe(third.runs[0]!.text);
  });

  it('pairs a paragraph rewritten under a new id in the same place as changed, not removed and added', () => {
    const rewritten = block('para-000088', 'Requests the Secretariat to compile all the protocols to the treaties;');
    const comparison = compare([first, third], [first, rewritten]);
    expect(shape(comparison)).toEqual(['unchanged para-000001>para-000001', 'changed para-000003>para-000088']);
    expect(redline(comparison.entries[1]!)).toBe('Requests the Secretariat to compile {+all +}the protocols to the treaties;');
  });

  it('shows a paragraph rewritten in place as the old text struck and the new underlined, not scattered fragments', () => {
    const rewritten = block('para-000002', 'Urges all States parties to the Treaty to negotiate an instrument on the matter;');
    expect(redline(compare([second], [rewritten]).entries[0]!)).toBe(`{-${second.runs[0]!.text}-}{+Urges all States parties to the Treaty to negotiate an instrument on the matter;+}`);
  });

  it('reports paragraphs without a partner as added and removed when there are too many to search (two different documents)', () => {
    const many = (prefix: string) => Array.from({ length: 120 }, (_, index) => block(`${prefix}-${String(index).padStart(6, '0')}`, `Paragraph number ${index} of the text.`));
    const comparison = compare(many('old'), many('new'));
    expect(comparison.summary.counts).toMatchObject({ added: 120, removed: 120, moved: 0, changed: 0 });
    // Under the budget, the same texts under new ids are recognised.
    expect(compare(many('old').slice(0, 20), many('new').slice(0, 20)).summary.counts).toMatchObject({ unchanged: 20, added: 0, removed: 0 });
  });

  it('recognises a paragraph split in two (the first piece keeps the id)', () => {
    const whole = block('para-000004', 'Calls upon the nuclear-weapon States to reaffirm their commitments, and requests the Secretariat to report.');
    const start = block('para-000004', 'Calls upon the nuclear-weapon States to reaffirm their commitments.');
    const end = block('para-000005', 'Requests the Secretariat to report.');
    const comparison = compare([first, whole, third], [first, start, end, third]);
    expect(shape(comparison)).toEqual(['unchanged para-000001>para-000001', 'split para-000004>para-000004+para-000005', 'unchanged para-000003>para-000003']);
    expect(redline(comparison.entries[1]!)).toBe('Calls upon the nuclear-weapon States to reaffirm their commitments{-, and requests-}{+.¶Requests+} the Secretariat to report.');
    expect(comparison.entries[1]!.words.filter((word) => word.part === 'break')).toEqual([{ op: 'insert', text: '\n', bracket: false, part: 'break' }]);
  });

  it('does not take a new, unrelated paragraph after an unchanged one for a split', () => {
    const added = block('para-000009', 'Decides to remain seized of the matter.');
    expect(shape(compare([first, second], [first, added, second]))).toEqual(['unchanged para-000001>para-000001', 'added >para-000009', 'unchanged para-000002>para-000002']);
  });

  it('recognises two paragraphs merged into one, even under a new id', () => {
    const merged = block('para-000006', 'Calls upon the nuclear-weapon States to reaffirm their commitments; requests the Secretariat to compile the protocols to the treaties;');
    const comparison = compare([first, second, third], [first, merged]);
    expect(shape(comparison)).toEqual(['unchanged para-000001>para-000001', 'merged para-000002+para-000003>para-000006']);
    expect(redline(comparison.entries[1]!)).toBe(
      'Calls upon the nuclear-weapon States to reaffirm their commitments;{-¶Requests-}{+ requests+} the Secretariat to compile the protocols to the treaties;',
    );
    expect(comparison.summary.counts).toMatchObject({ merged: 1, unchanged: 1 });
  });

  it('reports a status change alone as a change with the same words', () => {
    const agreed = { ...second, status: 'agreed' as const, label: { number: '1.', alternative: 0 } };
    const comparison = compare([first, { ...second, label: { number: '1.', alternative: 0 } }], [first, agreed]);
    expect(shape(comparison)).toEqual(['unchanged para-000001>para-000001', 'changed para-000002>para-000002']);
    const entry = comparison.entries[1]!;
    expect(entry).toMatchObject({ statusChanged: true, before: [{ status: 'draft' }], after: [{ status: 'agreed' }] });
    expect(entry.words.every((word) => word.op === 'equal')).toBe(true);
    expect(comparison.summary.statusChanges).toEqual([{ entry: 1, label: { number: '1.', alternative: 0 }, from: 'draft', to: 'agreed' }]);
    expect(comparison.entries[0]!.statusChanged).toBe(false);
  });

  it('shows an added alternative as an added paragraph that knows what it is an alternative to', () => {
    const alternative = block('para-000010', 'Encourages the nuclear-weapon States to consider a legally binding instrument;', {
      alternativeOf: 'para-000002',
      label: { number: '1.', alternative: 1 },
    });
    const comparison = compare([first, second, third], [first, second, alternative, third]);
    expect(shape(comparison)).toEqual(['unchanged para-000001>para-000001', 'unchanged para-000002>para-000002', 'added >para-000010', 'unchanged para-000003>para-000003']);
    expect(comparison.entries[2]!.after).toEqual([{ id: 'para-000010', kind: 'paragraph', label: { number: '1.', alternative: 1 }, status: 'draft', alternativeOf: 'para-000002', items: [] }]);
  });

  it('shows the changed item of a list, item by item', () => {
    const items = (middle: string) => [
      { depth: 0, ordered: true, runs: [{ text: 'Tlatelolco, Additional Protocol II;', marks: [] }] },
      { depth: 0, ordered: true, runs: [{ text: middle, marks: [] }] },
      { depth: 0, ordered: true, runs: [{ text: 'Rarotonga, Protocol 2;', marks: [] }] },
    ];
    const list = (middle: string) => block('list-000001', [], { kind: 'orderedList', role: 'text', items: items(middle) });
    const comparison = compare([list('Pelindaba, Protocol I;')], [list('Pelindaba, Protocols I and II;')]);
    expect(shape(comparison)).toEqual(['changed list-000001>list-000001']);
    expect(redline(comparison.entries[0]!)).toBe('Tlatelolco, Additional Protocol II;\nPelindaba, {-Protocol-}{+Protocols+} I{+ and II+};\nRarotonga, Protocol 2;');
    expect(comparison.entries[0]!.words.filter((word) => word.part === 'item')).toHaveLength(2);
    expect(comparison.entries[0]!.after[0]!.items).toEqual([0, 1, 2].map(() => ({ depth: 0, ordered: true })));
  });

  it('shows a list item deleted or added whole with its own item mark first', () => {
    const list = (id: string, ...texts: string[]) =>
      block(id, [], { kind: 'orderedList', role: 'text', items: texts.map((text) => ({ depth: 0, ordered: true, runs: [{ text, marks: [] }] })) });
    const deleted = compare([list('list-000002', 'States;', 'zones;', 'States;')], [list('list-000002', 'States;', 'States;')]).entries[0]!;
    expect(deleted.words.map((word) => `${word.op} ${word.part} ${JSON.stringify(word.text)}`)).toEqual([
      'equal text "States;"',
      'delete item "\\n"',
      'delete text "zones;"',
      'equal item "\\n"',
      'equal text "States;"',
    ]);
    const added = compare([list('list-000003', 'a;', 'c;')], [list('list-000003', 'a;', 'b;', 'c;')]).entries[0]!;
    expect(redline(added)).toBe('a;{+\nb;+}\nc;');
    expect(added.words[1]).toMatchObject({ op: 'insert', part: 'item' });
  });
});

describe('compareContent: brackets', () => {
  const bracketed = (word: string) => block('para-000002', [
    { text: 'Calls upon the nuclear-weapon States to ', marks: [] },
    { text: word, marks: ['bracket'] },
    { text: ' their commitments;', marks: [] },
  ]);

  it('shows a change inside brackets inside the brackets', () => {
    const entry = compare([bracketed('reaffirm')], [bracketed('recall')]).entries[0]!;
    expect(redline(entry)).toBe('Calls upon the nuclear-weapon States to [{-reaffirm-}{+recall+}] their commitments;');
    expect(entry.words.slice(1, 5)).toEqual([
      { op: 'equal', text: '[', bracket: true, part: 'open' },
      { op: 'delete', text: 'reaffirm', bracket: true, part: 'text' },
      { op: 'insert', text: 'recall', bracket: true, part: 'text' },
      { op: 'equal', text: ']', bracket: true, part: 'close' },
    ]);
  });

  it('counts brackets removed around agreed words as a change: the words stay, the brackets are deleted', () => {
    const comparison = compare([bracketed('reaffirm')], [second]);
    expect(shape(comparison)).toEqual(['changed para-000002>para-000002']);
    expect(redline(comparison.entries[0]!)).toBe('Calls upon the nuclear-weapon States to {-[-}reaffirm{-]-} their commitments;');
    expect(comparison.entries[0]!.words.find((word) => word.text === 'reaffirm')).toEqual({ op: 'equal', text: 'reaffirm', bracket: false, part: 'text' });
  });

  it('counts brackets put around words as a change too', () => {
    const entry = compare([second], [bracketed('reaffirm')]).entries[0]!;
    expect(entry.kind).toBe('changed');
    expect(redline(entry)).toBe('Calls upon the nuclear-weapon States to {+[+}reaffirm{+]+} their commitments;');
    expect(entry.words.find((word) => word.text === 'reaffirm')?.bracket).toBe(true);
  });

  it('keeps a literal "[" typed in the text apart from a bracket mark', () => {
    const literal = block('para-000002', 'Calls upon the nuclear-weapon States to [reaffirm] their commitments;');
    const entry = compare([literal], [bracketed('reaffirm')]).entries[0]!;
    expect(entry.words.filter((word) => word.op !== 'equal').map((word) => `${word.op} ${word.part} ${word.text}`)).toEqual([
      'delete text [',
      'insert open [',
      'delete text ]',
      'insert close ]',
    ]);
  });
});

describe('compareContent: scripts without spaces, and right-to-left', () => {
  it('diffs Chinese by word, not as one giant token', () => {
    const before = block('para-000005', '消极安全保证是核武器国家的承诺。');
    const after = block('para-000005', '消极安全保证是核武器国家的法律义务。');
    const entry = compare([before], [after]).entries[0]!;
    expect(entry.kind).toBe('changed');
    expect(redline(entry)).toBe('消极安全保证是核武器国家的{-承诺-}{+法律义务+}。');
  });

  it('diffs Arabic by word', () => {
    const before = block('para-000005', 'ضمانات الأمن السلبية الملزمة قانونا');
    const after = block('para-000005', 'ضمانات الأمن الإيجابية الملزمة قانونا');
    expect(redline(compare([before], [after]).entries[0]!)).toBe('ضمانات الأمن {-السلبية-}{+الإيجابية+} الملزمة قانونا');
  });
});

describe('compareContent: determinism', () => {
  it('gives the same comparison for the same versions', () => {
    const before = [first, second, third];
    const after = [third, block('para-000009', 'Decides to remain seized of the matter.'), first];
    expect(compare(before, after)).toEqual(compare(before, after));
    expect(shape(compare(before, after))).toEqual(['moved para-000003>para-000003', 'added >para-000009', 'unchanged para-000001>para-000001', 'removed para-000002>']);
  });
});
