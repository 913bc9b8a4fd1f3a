import type { BlockStatus, SnapshotBlock, Stance } from '@concord/shared';
import { authorsOf, type ExportLabels } from '../exportLabels.ts';
import { agentOf, statusReference } from './aknReferences.ts';
import { element, type XmlElement, type XmlNode } from './xmlWriter.ts';

const stances: readonly Stance[] = ['proposes', 'supports', 'opposes', 'reservation'];

/** "KWT" as <organization refersTo="#kwt">KWT</organization> (the chair as <person>). */
function agentNames(codes: readonly string[], separator: string): XmlNode[] {
  return codes.flatMap((code, index) => {
    const agent = agentOf(code);
    return [...(index > 0 ? [separator] : []), element(agent.inline, { refersTo: `#${agent.reference}` }, [code])];
  });
}

/** The words of exportLabels' positionsLine, each delegation marked up as a reference. */
function positionsParagraph(block: SnapshotBlock, labels: ExportLabels): XmlElement | null {
  const taken = stances.filter((stance) => block.positions[stance].length > 0);
  if (taken.length === 0) return null;
  const clauses = taken.flatMap((stance, index) => {
    const word = index === 0 ? labels.stance[stance] : labels.stance[stance].charAt(0).toLocaleLowerCase() + labels.stance[stance].slice(1);
    const joiner = stance === 'reservation' || labels.colonAfterEveryStance ? labels.colon : ' ';
    return [`${index > 0 ? labels.clauseSeparator : ''}${word}${joiner}`, ...agentNames(block.positions[stance], labels.listSeparator)];
  });
  return element('p', { class: 'positions' }, clauses);
}

/**
 * A compilation-mode block's side note: its status (and its label when the block has no <num> to carry it),
 * "Proposed by KWT; Supported by EGY, IRL; ..." and "Written by: KWT, EGY". An authorial note is a subflow, so
 * readers of the text skip it and the paragraph's own wording stays clean.
 */
export function compilationNote(block: SnapshotBlock, eId: string, labels: ExportLabels, label: string): XmlElement {
  const status = element('concept', { refersTo: `#${statusReference(block.status)}` }, [labels.status[block.status]]);
  const authors = authorsOf(block.attribution);
  const positions = positionsParagraph(block, labels);
  return element('authorialNote', { eId: `${eId}__note`, class: 'compilation', placement: 'side' }, [
    element('p', { class: 'status' }, label === '' ? [status] : [element('span', { class: 'label' }, [label]), ' ', status]),
    ...(positions === null ? [] : [positions]),
    ...(authors.length === 0 ? [] : [element('p', { class: 'written-by' }, [`${labels.writtenBy}${labels.colon}`, ...agentNames(authors, labels.listSeparator)])]),
  ]);
}

/** Every delegation or office the compilation notes name, for <references>. */
export function namedAgents(blocks: readonly SnapshotBlock[]): Set<string> {
  return new Set(blocks.flatMap((block) => [...authorsOf(block.attribution), ...stances.flatMap((stance) => block.positions[stance])]));
}

/** The statuses the compilation shows, for <references>. */
export function shownStatuses(blocks: readonly SnapshotBlock[]): Set<BlockStatus> {
  return new Set(blocks.map((block) => block.status));
}
