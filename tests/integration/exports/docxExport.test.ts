import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { docxExporter } from '../../../server/src/exports/docxExporter.ts';
import type { ExportSource } from '../../../server/src/exports/ExportSource.ts';
import { sampleContent, sampleExportSource } from '../../../server/src/exports/sampleExportSource.ts';

const goldenFolder = fileURLToPath(new URL('../../golden/exports/', import.meta.url));
const hostile = '<script>alert("x")</script> & <w:p/> ]]> {{constructor}} **not bold** <img src=x onerror=alert(1)>\nSecond line & "quotes" \'apostrophes\'';
const takesNote = 'Takes note of the texts: ضمانات الأمن السلبية / 消极安全保证 / негативные гарантии безопасности / garantías negativas de seguridad / garanties négatives de sécurité.';
const title = 'Recommendations on negative security assurances <draft & "final">';
const header = ['NPT/NSA/2027/OPT/3', '2027-05-02', '2027, first session', title];
const snapshotLines = ['Snapshot 3: Agreed at the third meeting', `SHA-256 of the snapshot: ${'a'.repeat(64)}`];

async function render(source: ExportSource): Promise<JSZip> {
  return JSZip.loadAsync(await docxExporter.render(source));
}

async function part(zip: JSZip, name: string): Promise<string> {
  const entry = zip.file(name);
  if (entry === null) throw new Error(`no ${name} in the package`);
  return entry.async('string');
}

async function expectWellFormed(xml: string, fileName: string): Promise<void> {
  const result = await validateXML({ xml: { fileName, contents: xml }, normalization: 'format' });
  expect(result.errors.map((error) => error.rawMessage)).toEqual([]);
  expect(result.valid).toBe(true);
}

const entities: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const unescape = (text: string) =>
  text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (_all, name: string) =>
    name.startsWith('#x') ? String.fromCodePoint(parseInt(name.slice(2), 16)) : name.startsWith('#') ? String.fromCodePoint(Number(name.slice(1))) : (entities[name] ?? `&${name};`),
  );

/** The text of every w:p in order (w:t text, w:tab as "\t", w:br as "\n"), read from well-formed WordprocessingML. */
function paragraphTexts(xml: string): string[] {
  const paragraphs: string[] = [];
  const open: string[] = [];
  let current = '';
  for (const [, closing, name, selfClosing, text] of xml.matchAll(/<(\/?)([\w:.-]+)(?:\s[^>]*?)?(\/?)>|<\?[^>]*\?>|([^<]+)/g)) {
    if (text !== undefined && open.at(-1) === 'w:t') current += unescape(text);
    if (name === undefined) continue;
    const inRun = open.at(-1) === 'w:r';
    if (name === 'w:p' && closing !== '/') current = '';
    if (inRun && name === 'w:tab') current += '\t';
    if (inRun && name === 'w:br') current += '\n';
    if (closing === '/') open.pop();
    else if (selfClosing !== '/') open.push(name);
    if (name === 'w:p' && (closing === '/' || selfClosing === '/')) paragraphs.push(current);
  }
  return paragraphs;
}

const expectedAgreed = [
  ...header,
  'Agreed text',
  ...snapshotLines,
  'I. Recommendations',
  'Recalling Security Council resolutions 255 (1968) and 984 (1995),',
  '(a)\tTlatelolco, Additional Protocol II;',
  '(b)\tPelindaba, Protocol I;',
  `1.\t${takesNote}`,
  `2.\t${hostile}`,
];

const expectedCompilation = [
  ...header,
  'Compilation text',
  ...snapshotLines,
  '[Agreed] I. Recommendations',
  'PP 1\t[Agreed] Recalling Security Council resolutions 255 (1968) and 984 (1995),',
  'Proposed by KWT; supported by EGY, IRL · Written by: KWT, EGY',
  '1.\t[Draft] Calls upon the nuclear-weapon States to [reaffirm] their commitments;',
  'Proposed by EGY; supported by MEX; opposed by FRA; reservations: USA · Written by: EGY, FRA',
  '1. Alt 1\t[Draft] Encourages the nuclear-weapon States to consider a legally binding instrument;',
  'Written by: FRA',
  '2.\t[Agreed ad referendum] Requests the Secretariat to compile the protocols to nuclear-weapon-free-zone treaties;',
  'Written by: CHAIR',
  '(a)\t[Agreed] Tlatelolco, Additional Protocol II;',
  '(b)\tPelindaba, Protocol I;',
  'Written by: MEX',
  `3.\t[Agreed] ${takesNote}`,
  'Written by: CHN, RUS',
  `4.\t[Agreed] ${hostile}`,
  'Written by: IRL',
];

describe('DOCX export', () => {
  it('describes itself as a Word document', () => {
    expect(docxExporter).toMatchObject({ format: 'docx', extension: 'docx', mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' });
  });

  it.each([
    ['agreed', expectedAgreed],
    ['compilation', expectedCompilation],
  ] as const)('opens as a package whose %s text reads back paragraph by paragraph', async (mode, expected) => {
    const zip = await render(sampleExportSource(mode));
    const names = Object.keys(zip.files);
    expect(names[0]).toBe('[Content_Types].xml');
    expect(names).toEqual(expect.arrayContaining(['_rels/.rels', 'word/document.xml', 'word/styles.xml', 'docProps/core.xml']));
    for (const name of names.filter((entry) => entry.endsWith('.xml') || entry.endsWith('.rels'))) await expectWellFormed(await part(zip, name), name.replaceAll('/', '_'));
    expect(paragraphTexts(await part(zip, 'word/document.xml'))).toEqual(expected);
  });

  it('keeps hostile text as escaped text inside w:t, never as markup', async () => {
    for (const mode of ['agreed', 'compilation'] as const) {
      const xml = await part(await render(sampleExportSource(mode)), 'word/document.xml');
      const expected = mode === 'agreed' ? expectedAgreed : expectedCompilation;
      // The sample's "<w:p/>" must not become a paragraph: exactly the expected paragraphs, no more.
      expect(xml.match(/<w:p[\s>/]/g)?.length).toBe(expected.length);
      expect(xml).toContain('<w:t xml:space="preserve">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;w:p/&gt; ]]&gt; {{constructor}}');
      expect(xml).not.toMatch(/<script|<img|<w:p\/>|]]>/);
      expect(await part(await render(sampleExportSource(mode)), 'docProps/core.xml')).toContain('<dc:title>Recommendations on negative security assurances &lt;draft &amp; &quot;final&quot;&gt;</dc:title>');
    }
  });

  it('gives the same bytes for the same source, dated by the source and not by the clock', async () => {
    for (const source of [sampleExportSource('agreed'), sampleExportSource('compilation', 'ar', false)]) {
      const first = await docxExporter.render(source);
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      const second = await docxExporter.render(source);
      expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
      const zip = await JSZip.loadAsync(first);
      expect(Object.values(zip.files).map((entry) => entry.date.toISOString())).toEqual(Object.keys(zip.files).map(() => '2027-05-02T15:04:04.000Z'));
      const core = await part(zip, 'docProps/core.xml');
      expect(core).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2027-05-02T15:04:05Z</dcterms:created>');
      expect(core).toContain('<dcterms:modified xsi:type="dcterms:W3CDTF">2027-05-02T15:04:05Z</dcterms:modified>');
    }
  });

  it.each(['agreed', 'compilation'] as const)('matches the golden word/document.xml of the %s text', async (mode) => {
    const xml = await part(await render(sampleExportSource(mode)), 'word/document.xml');
    const golden = `${goldenFolder}docx-${mode}.document.xml`;
    if (process.env.UPDATE_GOLDEN === '1') {
      mkdirSync(goldenFolder, { recursive: true });
      writeFileSync(golden, xml);
    }
    expect(existsSync(golden), `${golden} missing: run with UPDATE_GOLDEN=1`).toBe(true);
    expect(xml).toBe(readFileSync(golden, 'utf8'));
  });

  it('lays out numbered paragraphs with a hanging indent and preambular ones indented, without list numbering', async () => {
    const xml = await part(await render(sampleExportSource('agreed')), 'word/document.xml');
    expect(xml).toContain('<w:ind w:left="567" w:hanging="567"/><w:jc w:val="both"/></w:pPr><w:r><w:t xml:space="preserve">1.</w:t>');
    expect(xml).toContain('<w:ind w:firstLine="567"/><w:jc w:val="both"/></w:pPr><w:r><w:rPr><w:i/><w:iCs/></w:rPr><w:t xml:space="preserve">Recalling</w:t>');
    expect(xml).toContain('<w:pStyle w:val="Heading1"/>');
    expect(xml).not.toContain('<w:numPr>');
  });

  it('marks sub-paragraphs in the language of the export', async () => {
    const french = paragraphTexts(await part(await render(sampleExportSource('agreed', 'fr')), 'word/document.xml'));
    expect(french).toEqual(expect.arrayContaining(['a)\tTlatelolco, Additional Protocol II;', 'b)\tPelindaba, Protocol I;', 'Texte agréé', 'Instantané 3 : Agreed at the third meeting']));
    expect(french.some((text) => text.startsWith('(a)'))).toBe(false);
    const russian = paragraphTexts(await part(await render(sampleExportSource('compilation', 'ru')), 'word/document.xml'));
    expect(russian).toEqual(expect.arrayContaining(['а)\t[Согласовано] Tlatelolco, Additional Protocol II;', 'б)\tPelindaba, Protocol I;']));
  });

  it('marks a live document as a draft at the top and across every page, and lays Arabic out right to left', async () => {
    const zip = await render(sampleExportSource('compilation', 'ar', false));
    const xml = await part(zip, 'word/document.xml');
    const texts = paragraphTexts(xml);
    expect(texts[0]).toBe('مشروع: نص غير متفق عليه');
    expect(texts.some((text) => text.includes('SHA-256'))).toBe(false);
    expect(texts).toContain('1. البديل 1\t[مشروع] Encourages the nuclear-weapon States to consider a legally binding instrument;');
    // Every paragraph is right to left; Arabic runs are marked so Word shapes them with the complex-script font.
    expect(xml.match(/<w:p>/g)?.length).toBe(xml.match(/<w:bidi\/>/g)?.length);
    expect(xml).toContain('<w:rPr><w:rtl/></w:rPr><w:t xml:space="preserve">ضمانات الأمن السلبية</w:t>');
    const header = await part(zip, 'word/header1.xml');
    await expectWellFormed(header, 'header1.xml');
    expect(header).toContain('string="مشروع"');
    expect(await part(zip, 'word/styles.xml')).toContain('<w:rFonts w:ascii="Times New Roman" w:cs="Arial" w:eastAsia="SimSun" w:hAnsi="Times New Roman"/>');
    const snapshot = await render(sampleExportSource('compilation', 'ar'));
    expect(snapshot.file('word/header1.xml')).toBeNull();
  });

  it('drops characters XML cannot hold, keeps tabs, and marks nested and bulleted items', async () => {
    const [, preambular, , , , list] = sampleContent.blocks;
    if (preambular === undefined || list === undefined) throw new Error('the sample changed');
    const source = sampleExportSource('agreed');
    source.content = {
      ...sampleContent,
      blocks: [
        { ...preambular, runs: [{ text: 'Bad\u0000\u0001 char\uD800s\tand a tab\r\nthen a line', marks: ['bold'] }] },
        {
          ...list,
          items: [
            { depth: 0, ordered: true, runs: [{ text: 'first', marks: [] }] },
            { depth: 1, ordered: true, runs: [{ text: 'nested', marks: [] }] },
            { depth: 1, ordered: false, runs: [{ text: 'bullet', marks: [] }] },
            { depth: 0, ordered: true, runs: [{ text: 'second', marks: [] }] },
          ],
        },
      ],
    };
    const xml = await part(await render(source), 'word/document.xml');
    await expectWellFormed(xml, 'document.xml');
    expect(paragraphTexts(xml).slice(header.length + 3)).toEqual(['Bad chars\tand a tab\nthen a line', '(a)\tfirst', '(a)\tnested', '\u2022\tbullet', '(b)\tsecond']);
  });
});
