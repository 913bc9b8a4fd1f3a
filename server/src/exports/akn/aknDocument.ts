import type { SnapshotBlock } from '@concord/shared';
import { exportedBlocks } from '../exportedBlocks.ts';
import { exportLabels, type ExportLabels } from '../exportLabels.ts';
import type { ExportSource } from '../ExportSource.ts';
import { blockElement, type BlockContext } from './aknBlocks.ts';
import { blockEids } from './aknEids.ts';
import { dayOf, metaElement } from './aknMeta.ts';
import { namedAgents, shownStatuses } from './aknNotes.ts';
import { element, type XmlElement, type XmlNode } from './xmlWriter.ts';

export const aknNamespace = 'http://docs.oasis-open.org/legaldocml/ns/akn/3.0';

const line = (...children: XmlNode[]) => element('p', {}, children);

/** The front page: the DRAFT marker first for a live document, then symbol, date, session, title, kind of text, snapshot. */
function prefaceElement(source: ExportSource, labels: ExportLabels): XmlElement {
  const { snapshot, content } = source;
  const date = dayOf(source.date);
  return element('preface', {}, [
    ...(snapshot === null ? [element('container', { name: 'draft', eId: 'preface__draft', class: 'draft' }, [line(element('docStatus', {}, [labels.draft]))])] : []),
    element('container', { name: 'identification', eId: 'preface__identification' }, [
      line(element('docNumber', {}, [source.symbol])),
      line(element('docDate', { date }, [date])),
      ...(content.session === '' ? [] : [line(element('session', {}, [content.session]))]),
      line(element('docTitle', {}, [content.title])),
      line(element('docType', {}, [source.mode === 'agreed' ? labels.agreedText : labels.compilation])),
    ]),
    ...(snapshot === null
      ? []
      : [
          element('container', { name: 'snapshot', eId: 'preface__snapshot' }, [
            line(element('docStage', {}, [labels.snapshot(snapshot.number, snapshot.name)])),
            line(`${labels.verification}: `, element('span', { class: 'sha256' }, [snapshot.sha256])),
          ]),
        ]),
  ]);
}

const isPreambular = (block: SnapshotBlock) => block.kind === 'paragraph' && block.role === 'preambular';

/**
 * The preamble runs from the start to the last preambular paragraph before the first operative one, and exists
 * only if there is such a paragraph; headings and lists inside it stay where the committee put them, and what
 * follows it (a heading or list introducing the operative part) opens the body.
 */
function splitPreamble(blocks: readonly SnapshotBlock[]): { preamble: SnapshotBlock[]; main: SnapshotBlock[] } {
  const firstOperative = blocks.findIndex((block) => block.kind === 'paragraph' && block.role === 'operative');
  const end = blocks.slice(0, firstOperative === -1 ? blocks.length : firstOperative).findLastIndex(isPreambular) + 1;
  return { preamble: blocks.slice(0, end), main: blocks.slice(end) };
}

/** Consecutive preambular paragraphs form one <recitals>; other blocks stand between them. */
function preambleElement(blocks: readonly SnapshotBlock[], context: BlockContext): XmlElement {
  const children: XmlElement[] = [];
  let recitals: XmlElement[] = [];
  let groups = 0;
  const closeRecitals = () => {
    if (recitals.length > 0) children.push(element('recitals', { eId: `recitals_${++groups}` }, recitals));
    recitals = [];
  };
  for (const block of blocks) {
    if (isPreambular(block)) {
      recitals.push(blockElement(block, context, 'preamble'));
      continue;
    }
    closeRecitals();
    children.push(blockElement(block, context, 'preamble'));
  }
  closeRecitals();
  return element('preamble', {}, children);
}

/** The whole document: <akomaNtoso><statement name="recommendation"> with meta, preface, preamble and body. */
export function aknDocument(source: ExportSource): XmlElement {
  const labels = exportLabels[source.language];
  const blocks = exportedBlocks(source.content, source.mode);
  const context: BlockContext = { mode: source.mode, labels, eids: blockEids(blocks) };
  const compilation = source.mode === 'compilation';
  const meta = metaElement(source, compilation ? namedAgents(blocks) : new Set(), compilation ? shownStatuses(blocks) : new Set());
  const { preamble, main } = splitPreamble(blocks);
  const body = main.map((block) => blockElement(block, context, 'mainBody'));
  return element('akomaNtoso', { xmlns: aknNamespace }, [
    element('statement', { name: 'recommendation', contains: 'originalVersion' }, [
      meta,
      prefaceElement(source, labels),
      ...(preamble.length === 0 ? [] : [preambleElement(preamble, context)]),
      // The body may not be empty: a document with no (agreed) paragraph yet keeps an empty one.
      element('mainBody', {}, body.length > 0 ? body : [element('p')]),
    ]),
  ]);
}
