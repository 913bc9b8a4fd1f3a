import { labelParagraphs, type SnapshotBlock, type SnapshotContent } from '@concord/shared';
import { sampleContent } from '../sampleExportSource.ts';

const original = (id: string): SnapshotBlock => {
  const block = sampleContent.blocks.find((candidate) => candidate.id === id);
  if (block === undefined) throw new Error(`the export sample has no block ${id}`);
  return block;
};

const text = (value: string) => [{ text: value, marks: [] }];

/**
 * The export sample as a later meeting left it, for the redline's golden tests: every kind of change a comparison
 * reports. PP 1 reworded; operative 1 with its brackets taken off "reaffirm", a new bracketed word and a new status;
 * its alternative deleted; operative 2 split in two; a list item reworded and one added; the multilingual paragraph
 * moved up; hostile text inserted into the hostile paragraph; a new paragraph at the end. Labels are numbered again
 * as the drafting room would.
 */
function revisedBlocks(): SnapshotBlock[] {
  const list = original('list-000001');
  return [
    original('head-000001'),
    { ...original('para-000001'), runs: [{ text: 'Recalling', marks: ['italic'] }, ...text(' Security Council resolutions 255 (1968), 984 (1995) and 2310 (2016),')] },
    original('para-000005'),
    {
      ...original('para-000002'),
      status: 'agreed-ad-ref',
      runs: [
        { text: 'Calls upon', marks: ['bold'] },
        ...text(' the nuclear-weapon States to reaffirm their '),
        { text: 'unconditional', marks: ['bracket'] },
        ...text(' commitments;'),
      ],
    },
    { ...original('para-000004'), runs: text('Requests the Secretariat to compile the protocols.') },
    { ...original('para-000004'), id: 'para-000104', status: 'draft', runs: text('Such protocols to nuclear-weapon-free-zone treaties include:') },
    {
      ...list,
      items: [
        list.items[0]!,
        { depth: 0, ordered: true, runs: text('Pelindaba, Protocols I and II;') },
        { depth: 0, ordered: true, runs: text('Rarotonga, Protocol 2;') },
      ],
    },
    {
      ...original('para-000006'),
      runs: [
        ...text('<script>alert("x")</script> & <w:p/> ]]> {{constructor}} **not bold** <img src=x onerror=alert(1)> <iframe src="javascript:alert(2)"></iframe>'),
        { text: '\n', marks: [] },
        { text: 'Second line & "quotes" \'apostrophes\'', marks: ['underline'] },
      ],
    },
    { ...original('para-000006'), id: 'para-000107', status: 'draft', runs: text('Decides to remain seized of the matter.'), attribution: { originator: 'CHAIR', contributors: ['CHAIR'] } },
  ];
}

/** The revised sample, labelled again (operative paragraphs renumbered after the move, the split and the deletion). */
export function revisedSampleContent(): SnapshotContent {
  const blocks = revisedBlocks();
  const labels = labelParagraphs(blocks);
  return { ...sampleContent, blocks: blocks.map((block) => ({ ...block, label: labels.get(block.id) ?? { number: '', alternative: 0 } })) };
}
