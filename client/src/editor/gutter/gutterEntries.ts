import { groupMix, labelParagraphs, lockedStatuses, nsaCommittee, type BlockStatus, type Committee, type ParagraphAttribution, type Speaker } from '@concord/shared';
import type { Ledger } from '../collaboration/ledger.ts';
import type { BlockInfo } from '../blocks/topLevelBlocks.ts';

export interface ContributorSummary {
  speaker: string;
  edits: number;
  lastEditAt: string;
  /** Names of those who typed for this delegation (a chair or the secretariat reading a proposal in). */
  typists: string[];
}

/** What the gutter shows next to one top-level block. */
export interface GutterEntry {
  blockId: string | null;
  pos: number;
  /** Node type: paragraph, heading, bulletList, orderedList. */
  type: string;
  /** "PP 3", "4." or "" (plain text, headings, lists). */
  number: string;
  /** 1-based rank among the alternatives of the same paragraph, or 0. */
  alternative: number;
  status: BlockStatus;
  locked: boolean;
  originator: Speaker | null;
  createdAt: string | null;
  /** Edits per group, in the committee's group order (NWS, NNWS). */
  mix: Array<{ group: string; edits: number }>;
  /** Contributors, most edits first. */
  contributors: ContributorSummary[];
}

function contributorsOf(attribution: ParagraphAttribution): ContributorSummary[] {
  return Object.entries(attribution.contributors)
    .map(([speaker, contribution]) => ({
      speaker,
      edits: contribution.edits,
      lastEditAt: contribution.lastEditAt,
      typists: contribution.typists.map((typist) => typist.name),
    }))
    .sort((left, right) => right.edits - left.edits || left.speaker.localeCompare(right.speaker));
}

/** Labels and attribution for every top-level block: the pure part of the paragraph gutter. */
export function gutterEntries(blocks: readonly BlockInfo[], ledger: Ledger, committee: Committee = nsaCommittee): GutterEntry[] {
  const labels = labelParagraphs(blocks.map((block, index) => ({ id: block.id ?? `#${index}`, role: block.role, alternativeOf: block.alternativeOf })));
  return blocks.map((block, index) => {
    const label = labels.get(block.id ?? `#${index}`) ?? { number: '', alternative: 0 };
    const attribution = block.id === null ? undefined : ledger.get(block.id);
    const mix = attribution === undefined ? {} : groupMix(attribution, committee);
    return {
      blockId: block.id,
      pos: block.pos,
      type: block.type,
      number: label.number,
      alternative: label.alternative,
      status: block.status,
      locked: lockedStatuses.has(block.status),
      originator: attribution?.originator ?? null,
      createdAt: attribution?.createdAt ?? null,
      mix: committee.groups.map((group) => ({ group: group.id, edits: mix[group.id] ?? 0 })),
      contributors: attribution === undefined ? [] : contributorsOf(attribution),
    };
  });
}
