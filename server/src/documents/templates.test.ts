import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { concordDocumentModel, documentField, documentKindSchema, type Actor } from '@concord/shared';
import { checkDocumentPolicy } from '../collaboration/policy/checkDocumentPolicy.ts';
import { inspectUpdate, type UpdateLimits } from '../collaboration/guard/inspectUpdate.ts';
import { documentTemplates, templateUpdate } from './templates.ts';

const limits: UpdateLimits = { maxStructs: 10_000, maxClients: 64, maxDeleteRanges: 10_000, maxAnyDepth: 16, maxClockAdvance: 1 << 24 };
const chair: Actor = { role: 'chair', disabled: false };

/** The blocks of a template as a client sees them: node name, attributes, text. */
function blocksOf(update: Uint8Array) {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  return doc
    .getXmlFragment(documentField)
    .toArray()
    .map((block) => {
      const element = block as Y.XmlElement;
      return { name: element.nodeName, attributes: element.getAttributes(), text: element.toArray().map((child) => (child as Y.XmlText).toString()).join('') };
    });
}

describe('document templates', () => {
  it.each(documentKindSchema.options)('the %s template passes the server document policy, as a chair writing it into an empty document', (kind) => {
    const empty = new Y.Doc();
    const inspection = inspectUpdate(empty, templateUpdate(kind), limits);
    if (!inspection.ok) throw new Error(`inspection refused: ${inspection.reason} ${inspection.detail}`);
    expect(checkDocumentPolicy(empty, inspection, chair, concordDocumentModel)).toEqual({ ok: true, statusChanges: [] });
  });

  it.each(documentKindSchema.options)('the %s template has draft blocks with unique ids, fresh for every document', (kind) => {
    const first = blocksOf(templateUpdate(kind));
    const second = blocksOf(templateUpdate(kind));
    expect(first).toHaveLength(documentTemplates[kind].length);
    expect(first.every((block) => block.attributes.status === 'draft')).toBe(true);
    const ids = [...first, ...second].map((block) => block.attributes.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('gives the phase 1 report the headings of the mandate, with empty paragraphs to draft in', () => {
    const blocks = blocksOf(templateUpdate('phase1-options-report'));
    expect(blocks.filter((block) => block.name === 'heading').map((block) => [block.attributes.level, block.text])).toEqual([
      [1, 'Mandate'],
      [1, 'Status of existing assurances'],
      [2, 'Unilateral declarations'],
      [2, 'Security Council resolutions 255 (1968) and 984 (1995)'],
      [2, 'Protocols to the nuclear-weapon-free-zone treaties'],
      [1, 'Gaps'],
      [1, 'Options and recommendations'],
      [2, 'Political declarations'],
      [2, 'Legal frameworks at the regional and global levels'],
    ]);
    expect(blocks.filter((block) => block.name === 'paragraph').every((block) => block.text === '' && block.attributes.role === 'text')).toBe(true);
  });

  it('gives the instrument a preamble of preambular paragraphs and an operative part of operative ones', () => {
    expect(blocksOf(templateUpdate('phase3-instrument')).map((block) => (block.name === 'heading' ? block.text : block.attributes.role))).toEqual([
      'Preamble',
      'preambular',
      'Operative part',
      'operative',
    ]);
  });

  it("gives 'other' documents one empty paragraph", () => {
    expect(blocksOf(templateUpdate('other'))).toEqual([{ name: 'paragraph', attributes: { id: expect.any(String), status: 'draft', role: 'text' }, text: '' }]);
  });
});
