import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { exportLanguageSchema, type ExportLanguage, type ExportMode } from '@concord/shared';
import { describe, expect, it } from 'vitest';
import { aknExporter } from '../../../server/src/exports/aknExporter.ts';
import { exportLabels, positionsLine } from '../../../server/src/exports/exportLabels.ts';
import { sampleContent, sampleExportSource } from '../../../server/src/exports/sampleExportSource.ts';
import { akn, validateAkn, validatorInUse, xpath } from '../../fixtures/akn/aknValidator.ts';
import { edgeCaseContents } from '../../fixtures/akn/edgeCaseContents.ts';

const goldenDirectory = fileURLToPath(new URL('../../golden/exports/', import.meta.url));
const decoder = new TextDecoder('utf-8', { fatal: true });

async function render(mode: ExportMode, language: ExportLanguage = 'en', snapshot = true): Promise<string> {
  return decoder.decode(await aknExporter.render(sampleExportSource(mode, language, snapshot)));
}

/** Every Akoma Ntoso output the sample and the edge cases give, by file name. */
async function everyOutput(): Promise<Map<string, string>> {
  const outputs = new Map<string, string>();
  for (const mode of ['agreed', 'compilation'] as const) {
    for (const language of exportLanguageSchema.options) {
      for (const snapshot of [true, false]) outputs.set(`sample-${mode}-${language}-${snapshot ? 'snapshot' : 'live'}.xml`, await render(mode, language, snapshot));
    }
    for (const content of edgeCaseContents) {
      const source = { ...sampleExportSource(mode, 'ar', false), content };
      outputs.set(`${content.documentId}-${mode}.xml`, decoder.decode(await aknExporter.render(source)));
    }
  }
  return outputs;
}

const eIdsOf = (xml: string) => [...xpath(xml, '//@eId').matchAll(/eId="([^"]*)"/g)].map((match) => match[1]!);

describe('Akoma Ntoso export: valid against the OASIS schema', () => {
  it(`validates every mode, language, snapshot and live draft, and the edge cases (validator: xmllint ${validatorInUse()})`, async () => {
    const outputs = await everyOutput();
    expect(outputs.size).toBe(2 * 6 * 2 + 2 * edgeCaseContents.length);
    const results = await validateAkn(outputs);
    for (const [name, result] of results) expect(result, `${name}: ${result.errors}`).toMatchObject({ valid: true });
  });

  it('has a validator that rejects invalid documents (negative controls)', async () => {
    const valid = await render('compilation');
    const controls = new Map([
      ['unknown-element.xml', valid.replace('<mainBody>', '<mainBody><bogus/>')],
      ['duplicate-eid.xml', valid.replace('eId="para_2"', 'eId="para_1"')],
      ['missing-num-order.xml', valid.replace('<num>1.</num>\n        <content>', '<content>').replace('</content>\n      </paragraph>', '</content><num>1.</num>\n      </paragraph>')],
    ]);
    for (const [name, xml] of controls) expect(xml, `${name} did not change the document`).not.toBe(valid);
    const results = await validateAkn(controls);
    expect(results.get('unknown-element.xml')).toMatchObject({ valid: false, errors: expect.stringContaining('bogus') });
    expect(results.get('duplicate-eid.xml')).toMatchObject({ valid: false, errors: expect.stringContaining('para_1') });
    expect(results.get('missing-num-order.xml')).toMatchObject({ valid: false });
  });

  it('gives every element a unique eId, and every reference points at one', async () => {
    for (const [name, xml] of await everyOutput()) {
      const eIds = eIdsOf(xml);
      expect(new Set(eIds).size, `${name}: ${eIds.join(' ')}`).toBe(eIds.length);
      const targets = [...xpath(xml, '//@refersTo | //@alternativeTo | //@href[starts-with(., "#")] | //@source').matchAll(/="#([^"]*)"/g)].map((match) => match[1]!);
      expect(targets.length, name).toBeGreaterThan(0);
      for (const target of targets) expect(eIds, `${name}: #${target}`).toContain(target);
    }
  });
});

describe('Akoma Ntoso export: golden files and determinism', () => {
  it.each([
    ['akn-agreed.xml', 'agreed'],
    ['akn-compilation.xml', 'compilation'],
  ] as const)('%s matches the sample rendered in %s mode', async (file, mode) => {
    const xml = await render(mode);
    const golden = path.join(goldenDirectory, file);
    if (process.env.UPDATE_GOLDEN === '1') {
      mkdirSync(goldenDirectory, { recursive: true });
      writeFileSync(golden, xml);
    }
    expect(existsSync(golden), `${golden} is missing: run the test with UPDATE_GOLDEN=1 and review the file`).toBe(true);
    expect(xml).toBe(readFileSync(golden, 'utf8'));
  });

  it('gives the same bytes for the same source', async () => {
    const source = sampleExportSource('compilation', 'zh', false);
    expect(Buffer.from(await aknExporter.render(source)).equals(Buffer.from(await aknExporter.render(source)))).toBe(true);
    expect(aknExporter).toMatchObject({ format: 'akn', mediaType: 'application/akn+xml', extension: 'xml' });
  });
});

describe('Akoma Ntoso export: text stays text', () => {
  const hostile = sampleContent.blocks.find((block) => block.id === 'para-000006')!;

  it.each(['agreed', 'compilation'] as const)('reads the hostile sample back as literal text (%s mode)', async (mode) => {
    const xml = await render(mode);
    const paragraph = `//${akn('p')}[contains(., 'onerror')]`;
    expect(xpath(xml, `string(${paragraph}/text()[1])`)).toBe(hostile.runs[0]!.text);
    expect(xpath(xml, `count(${paragraph}/${akn('eol')})`)).toBe('1');
    expect(xpath(xml, `string(${paragraph}/${akn('u')})`)).toBe(hostile.runs[2]!.text);
    expect(xpath(xml, `string(//${akn('docTitle')})`)).toBe(sampleContent.title);
    expect(xpath(xml, "count(//*[local-name()='script' or local-name()='img' or local-name()='w:p' or name()='w:p'])")).toBe('0');
    expect(xml).not.toContain('<script');
    expect(xml).not.toContain('<![CDATA[');
  });

  it('replaces characters XML cannot carry and keeps carriage returns and tabs', async () => {
    const xml = decoder.decode(await aknExporter.render({ ...sampleExportSource('agreed'), content: edgeCaseContents[0]! }));
    expect(xpath(xml, `string(//${akn('p')}[contains(., 'Control')])`)).toBe('Control \uFFFD character, lone \uFFFD surrogate, CR\rLF, tab\tend.');
  });
});

describe('Akoma Ntoso export: agreed and compilation content', () => {
  it('agreed mode: agreed paragraphs only, numbered 1., 2., preambular ones unnumbered, no brackets or notes', async () => {
    const xml = await render('agreed');
    expect(xpath(xml, `//${akn('paragraph')}/${akn('num')}/text()`).trim().split('\n')).toEqual(['1.', '2.']);
    expect(xpath(xml, `count(//${akn('recital')}/${akn('num')})`)).toBe('0');
    expect(xpath(xml, `string(//${akn('recital')}/${akn('p')})`)).toBe('Recalling Security Council resolutions 255 (1968) and 984 (1995),');
    expect(xpath(xml, `count(//${akn('authorialNote')} | //*[@class or @alternativeTo][ancestor::${akn('mainBody')}])`)).toBe('0');
    // Draft and ad referendum paragraphs (para 1 with its brackets, its alternative, para 2) are left out.
    expect(xpath(xml, `count(//${akn('inline')}[@name='bracket'])`)).toBe('0');
    expect(xpath(xml, `string(//${akn('mainBody')})`)).not.toMatch(/reaffirm|legally binding|Requests the Secretariat/);
    expect(xpath(xml, `string(//${akn('docType')})`)).toBe(exportLabels.en.agreedText);
  });

  it('compilation mode: labels, statuses, alternatives, literal brackets, positions and authors', async () => {
    const xml = await render('compilation');
    const para1 = `//${akn('paragraph')}[@eId='para_1']`;
    expect(xpath(xml, `//${akn('num')}/text()`).trim().split('\n')).toEqual(['PP 1', '1.', '1. Alt 1', '2.', '(a)', '(b)', '3.', '4.']);
    expect(xpath(xml, `string(${para1}/@class)`)).toBe('status-draft');
    expect(xpath(xml, `string(//${akn('paragraph')}[@eId='para_1__alt_1']/@alternativeTo)`)).toBe('#para_1');
    expect(xpath(xml, `string(${para1}//${akn('inline')}[@name='bracket'])`)).toBe('[reaffirm]');
    const draftOf = sampleContent.blocks.find((block) => block.id === 'para-000002')!;
    expect(xpath(xml, `string(${para1}//${akn('p')}[@class='status'])`)).toBe('Draft');
    expect(xpath(xml, `string(${para1}//${akn('p')}[@class='positions'])`)).toBe(positionsLine(draftOf.positions, 'en'));
    expect(xpath(xml, `string(${para1}//${akn('p')}[@class='written-by'])`)).toBe('Written by: EGY, FRA');
    expect(xpath(xml, `string(//${akn('TLCOrganization')}[@eId='usa']/@showAs)`)).toBe('United States of America');
    expect(xpath(xml, `string(//${akn('TLCPerson')}[@eId='chair']/@showAs)`)).toBe('Chair');
  });

  it('marks a live document as a draft at the top, and a snapshot with its number and hash', async () => {
    const live = await render('agreed', 'en', false);
    expect(xpath(live, `string(//${akn('preface')}/*[1]/@name)`)).toBe('draft');
    expect(xpath(live, `string(//${akn('docStatus')})`)).toBe(exportLabels.en.draft);
    expect(xpath(live, `count(//*[local-name()='snapshot'])`)).toBe('0');
    const snapshot = await render('agreed');
    expect(xpath(snapshot, `count(//${akn('docStatus')})`)).toBe('0');
    expect(xpath(snapshot, `string(//${akn('docStage')})`)).toBe('Snapshot 3: Agreed at the third meeting');
    expect(xpath(snapshot, `string(//*[local-name()='snapshot']/@sha256)`)).toBe('a'.repeat(64));
    expect(xpath(snapshot, `string(//${akn('FRBRExpression')}/${akn('FRBRuri')}/@value)`)).toBe('/akn/un/statement/deliberation/npt-nsa/2027-05-02/doc-sample-001/eng@snapshot-3-agreed');
    expect(xpath(snapshot, `string(//${akn('FRBRalias')}/@value)`)).toBe('NPT/NSA/2027/OPT/3');
  });

  it.each([
    ['en', 'eng', 'ltr'],
    ['fr', 'fra', 'ltr'],
    ['es', 'spa', 'ltr'],
    ['ru', 'rus', 'ltr'],
    ['zh', 'zho', 'ltr'],
    ['ar', 'ara', 'rtl'],
  ] as const)('labels %s as %s, direction %s', async (language, code, direction) => {
    const xml = await render('compilation', language);
    expect(xpath(xml, `string(//${akn('FRBRlanguage')}/@language)`)).toBe(code);
    expect(xpath(xml, `string(//*[local-name()='direction']/@value)`)).toBe(direction);
    expect(xpath(xml, `string(//${akn('docType')})`)).toBe(exportLabels[language].compilation);
    expect(xpath(xml, `string(//${akn('blockList')}/${akn('item')}[2]/${akn('num')})`)).toBe(exportLabels[language].subparagraph(2));
  });
});
