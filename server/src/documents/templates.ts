import { randomBytes } from 'node:crypto';
import * as Y from 'yjs';
import { documentField, type DocumentKind, type ParagraphRole } from '@concord/shared';

/** A fresh random id for a document or a paragraph (URL-safe, 12 characters). */
export const newId = (): string => randomBytes(9).toString('base64url');

/** One block of an outline: a section heading, or an empty paragraph to draft in. */
export type TemplateBlock = { kind: 'heading'; level: 1 | 2 | 3; text: string } | { kind: 'paragraph'; role: ParagraphRole };

const heading = (level: 1 | 2 | 3, text: string): TemplateBlock => ({ kind: 'heading', level, text });
const paragraph = (role: ParagraphRole = 'text'): TemplateBlock => ({ kind: 'paragraph', role });

/**
 * The outline each kind of document starts from, after the working paper's phases (NPT/CONF.2026/PC.III/WP
 * of Kuwait): section headings in English, the document language, and empty paragraphs to draft in. Nothing is
 * pre-written: every word of substance is a delegation's, and attributed to it.
 */
export const documentTemplates: Readonly<Record<DocumentKind, readonly TemplateBlock[]>> = {
  // Phase 1: the comprehensive report of options, following the committee's mandate.
  'phase1-options-report': [
    heading(1, 'Mandate'),
    paragraph(),
    heading(1, 'Status of existing assurances'),
    heading(2, 'Unilateral declarations'),
    paragraph(),
    heading(2, 'Security Council resolutions 255 (1968) and 984 (1995)'),
    paragraph(),
    heading(2, 'Protocols to the nuclear-weapon-free-zone treaties'),
    paragraph(),
    heading(1, 'Gaps'),
    paragraph(),
    heading(1, 'Options and recommendations'),
    heading(2, 'Political declarations'),
    paragraph(),
    heading(2, 'Legal frameworks at the regional and global levels'),
    paragraph(),
  ],
  // Phase 2: the action plan for negotiations, with implementation mechanisms.
  'phase2-action-plan': [
    heading(1, 'Objectives'),
    paragraph(),
    heading(1, 'Negotiating forum: the Conference on Disarmament or the NPT review process'),
    paragraph(),
    heading(1, 'Actions and timeline'),
    paragraph(),
    heading(1, 'Implementation mechanisms'),
    paragraph(),
  ],
  // Phase 3: the international instrument, in treaty form: preamble, then operative part.
  'phase3-instrument': [heading(1, 'Preamble'), paragraph('preambular'), heading(1, 'Operative part'), paragraph('operative')],
  // The annual progress report to the States parties (transparency and confidence-building).
  'annual-progress-report': [
    heading(1, 'Introduction'),
    paragraph(),
    heading(1, 'Organization of work'),
    paragraph(),
    heading(1, 'Progress in the implementation of the mandate'),
    paragraph(),
    heading(1, 'Transparency and confidence-building measures'),
    paragraph(),
    heading(1, 'Conclusions and next steps'),
    paragraph(),
  ],
  other: [paragraph()],
};

/** A block as y-prosemirror writes it: an element with `id` and `status` (every new block is a draft) and one text child. */
function blockElement(block: TemplateBlock): Y.XmlElement {
  const element = new Y.XmlElement(block.kind);
  element.setAttribute('id', newId());
  element.setAttribute('status', 'draft');
  const text = new Y.XmlText();
  if (block.kind === 'heading') {
    // A number, as y-prosemirror stores a heading's level and the document schema checks it (yjs types attributes as strings).
    (element as Y.XmlElement<Record<string, string | number>>).setAttribute('level', block.level);
    text.insert(0, block.text);
  } else element.setAttribute('role', block.role);
  element.insert(0, [text]);
  return element;
}

/** The first content of a new document of this kind, as one Yjs update (fresh block ids each time). */
export function templateUpdate(kind: DocumentKind): Uint8Array {
  const doc = new Y.Doc();
  doc.getXmlFragment(documentField).insert(0, documentTemplates[kind].map(blockElement));
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}
