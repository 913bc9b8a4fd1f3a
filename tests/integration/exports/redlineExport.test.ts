/**
 * The redline export: the export sample compared with a revised copy (every kind of change), as golden files; the
 * document parsed by Chromium's HTML parser (hostile text stays text, nothing it builds can run or load anything);
 * the words it strikes through and underlines, the margin notes and the status changes a reader sees; and the
 * same redline as a Word document (well-formed, deterministic, the same struck and underlined words).
 */
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import type { Browser, Page } from 'playwright-core';
import { compareContent, comparisonSchema, type ExportLanguage, type SnapshotContent } from '@concord/shared';
import { revisedSampleContent } from '../../../server/src/exports/redline/revisedSample.ts';
import { renderRedlineDocx } from '../../../server/src/exports/redlineDocx.ts';
import { renderRedlineHtml, type RedlineContext } from '../../../server/src/exports/redlineHtml.ts';
import { sampleContent } from '../../../server/src/exports/sampleExportSource.ts';
import { launchBrowser } from '../../utils/browser.ts';
import { expectGolden } from '../../utils/golden.ts';

const hostileLabel = 'Live text <script>alert(1)</script> & "draft"';

const context = (language: ExportLanguage): RedlineContext => ({
  title: sampleContent.title,
  before: { label: 'Snapshot 3: Agreed at the third meeting' },
  after: { label: hostileLabel },
  date: '2027-05-09T10:00:00.000Z',
  language,
  symbol: 'NPT/NSA/2027/OPT/3',
});

const compare = (after: SnapshotContent) => comparisonSchema.parse(compareContent(sampleContent, after));

function render(language: ExportLanguage = 'en', after: SnapshotContent = revisedSampleContent()): string {
  return renderRedlineHtml(compare(after), context(language));
}

/** What a browser makes of the HTML, parsed without running anything (DOMParser documents never run scripts). */
interface ParsedRedline {
  lang: string;
  dir: string;
  title: string;
  elements: string[];
  eventHandlers: string[];
  resourceAttributes: string[];
  bodyText: string;
  mainText: string;
  deleted: string[];
  inserted: string[];
  marginNotes: string[];
  statusChanges: string[];
}

const normalise = (text: string) => text.replace(/\s+/g, ' ').trim();

async function parse(page: Page, html: string): Promise<ParsedRedline> {
  const parsed = await page.evaluate((source) => {
    const document = new DOMParser().parseFromString(source, 'text/html');
    const all = Array.from(document.querySelectorAll('*'));
    const attributes = all.flatMap((element) => Array.from(element.attributes, (attribute) => attribute.name));
    const texts = (selector: string) => Array.from(document.querySelectorAll(selector), (element) => element.textContent ?? '');
    return {
      lang: document.documentElement.lang,
      dir: document.documentElement.dir,
      title: document.title,
      elements: [...new Set(all.map((element) => element.localName))].sort(),
      eventHandlers: attributes.filter((name) => name.startsWith('on')),
      resourceAttributes: attributes.filter((name) => ['src', 'href', 'srcset', 'action', 'formaction', 'xlink:href'].includes(name)),
      bodyText: document.body.textContent ?? '',
      mainText: document.querySelector('main')?.textContent ?? '',
      deleted: texts('main del'),
      inserted: texts('main ins'),
      marginNotes: texts('main .margin-note'),
      statusChanges: texts('.status-changes li'),
    };
  }, html);
  return { ...parsed, bodyText: normalise(parsed.bodyText), mainText: normalise(parsed.mainText), statusChanges: parsed.statusChanges.map(normalise) };
}

describe('redline export: golden files', () => {
  it.each([
    ['exports/redline.html', 'en'],
    ['exports/redline-ar.html', 'ar'],
  ] as const)('%s matches the sample compared with its revision, %s', (file, language) => {
    expectGolden(file, render(language));
  });

  it('gives the same text for the same comparison', () => {
    expect(render('fr')).toBe(render('fr'));
  });
});

describe('redline export: parsed by Chromium', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.newPage();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('keeps hostile text as text: no script, no image, no frame, no event handler, no foreign element', async () => {
    const document = await parse(page, render());
    const allowed = ['bdi', 'body', 'br', 'dd', 'del', 'div', 'dl', 'dt', 'h1', 'h2', 'h3', 'head', 'header', 'html', 'ins', 'li', 'main', 'meta', 'p', 'section', 'span', 'style', 'table', 'tbody', 'td', 'th', 'time', 'title', 'tr', 'ul'];
    expect(document.elements.filter((name) => !allowed.includes(name))).toEqual([]);
    expect(document.eventHandlers).toEqual([]);
    expect(document.resourceAttributes).toEqual([]);
    expect(document.mainText).toContain('<script>alert("x")</script> & <w:p/> ]]> {{constructor}} **not bold** <img src=x onerror=alert(1)>');
    expect(document.inserted).toContain(' <iframe src="javascript:alert(2)"></iframe>');
    expect(document.mainText).toContain(`Second line & "quotes" 'apostrophes'`);
    expect(document.bodyText).toContain(hostileLabel);
    expect(document.title).toBe('Recommendations on negative security assurances <draft & "final"> — Comparison of two versions');
  });

  it('strikes through the words the revision deleted and underlines the words it inserted', async () => {
    const { deleted, inserted, mainText } = await parse(page, render());
    expect(deleted).toEqual([' and', '[', ']', 'Encourages the nuclear-weapon States to consider a legally binding instrument;', ';', 'Protocol']);
    expect(inserted).toEqual([
      ',',
      ' and 2310 (2016)',
      '[',
      'unconditional',
      ']',
      ' ',
      '.',
      '¶',
      'Such protocols',
      ' include:',
      'Protocols',
      ' and II',
      '(c) ',
      'Rarotonga, Protocol 2;',
      ' <iframe src="javascript:alert(2)"></iframe>',
      'Decides to remain seized of the matter.',
    ]);
    expect(mainText).toContain('Recalling Security Council resolutions 255 (1968) and, 984 (1995) and 2310 (2016),');
    expect(mainText).toContain('Calls upon the nuclear-weapon States to [reaffirm] their [unconditional] commitments;');
  });

  it('says in the margin what happened to each paragraph, and shows renumbering and status changes', async () => {
    const { marginNotes, mainText, statusChanges, bodyText } = await parse(page, render());
    expect(marginNotes).toEqual(['', 'Changed', 'Moved', 'Changed', 'Deleted', 'Split', 'Changed', 'Changed', 'Added']);
    expect(mainText).toContain('1. (formerly 3.) Agreed Takes note of the texts:');
    expect(mainText).toContain('2. (formerly 1.) Draft → Agreed ad referendum Calls upon');
    expect(mainText).toContain('3. (formerly 2.) Agreed ad referendum Requests the Secretariat to compile the protocols.¶ 4. Agreed ad referendum → Draft Such protocols');
    expect(mainText).toContain('(a) Tlatelolco, Additional Protocol II; (b) Pelindaba, ProtocolProtocols I and II; (c) Rarotonga, Protocol 2;');
    expect(statusChanges).toEqual(['2. Draft → Agreed ad referendum', '4. Agreed ad referendum → Draft']);
    expect(bodyText).toMatch(/Summary Unchanged 1 Changed 4 Added 1 Deleted 1 Moved 1 Split 1 Merged 0 Status changes/);
  });

  it('takes its language, direction and words from the export language', async () => {
    const arabic = await parse(page, render('ar'));
    expect(arabic).toMatchObject({ lang: 'ar', dir: 'rtl' });
    expect(arabic.marginNotes).toContain('منقول');
    expect(arabic.statusChanges[0]).toBe('2. مشروع ← متفق عليه بشرط الاستشارة');
    const french = await parse(page, render('fr'));
    expect(french).toMatchObject({ lang: 'fr', dir: 'ltr' });
    expect(french.mainText).toContain('1. (anciennement 3.) Agréé');
  });

  it('says so when the versions are identical, and marks nothing', async () => {
    const same = await parse(page, render('en', sampleContent));
    expect(same.bodyText).toContain('The two versions are identical.');
    expect(same.deleted).toEqual([]);
    expect(same.inserted).toEqual([]);
    expect(same.marginNotes.every((note) => note === '')).toBe(true);
  });
});

const entities: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const unescape = (text: string) => text.replace(/&(lt|gt|amp|quot|apos);/g, (_all, name: string) => entities[name] ?? '');

/** The text of the runs that carry `property` (e.g. "<w:strike/>"), one string per run. */
const runsWith = (xml: string, property: string) =>
  [...xml.matchAll(/<w:r>(.*?)<\/w:r>/g)].filter(([, run]) => run!.includes(property)).map(([, run]) => unescape([...run!.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map(([, text]) => text).join('')));

async function documentXml(bytes: Uint8Array): Promise<string> {
  const part = (await JSZip.loadAsync(bytes)).file('word/document.xml');
  if (part === null) throw new Error('no word/document.xml in the package');
  return part.async('string');
}

describe('redline export: Word', () => {
  it('is a well-formed, deterministic package, its document part as the golden file', async () => {
    const bytes = await renderRedlineDocx(compare(revisedSampleContent()), context('en'));
    expect(Buffer.from(bytes).equals(Buffer.from(await renderRedlineDocx(compare(revisedSampleContent()), context('en'))))).toBe(true);
    const xml = await documentXml(bytes);
    const result = await validateXML({ xml: { fileName: 'document.xml', contents: xml }, normalization: 'format' });
    expect(result.errors.map((error) => error.rawMessage)).toEqual([]);
    // Indented by xmllint, so that a change to the golden file can be reviewed line by line.
    expectGolden('exports/redline-docx.document.xml', result.normalized);
  });

  it('strikes through and underlines the same words as the HTML redline, hostile text as text', async () => {
    const xml = await documentXml(await renderRedlineDocx(compare(revisedSampleContent()), context('en')));
    // The legend's samples come first, then the text's changes; list markers of added items are underlined too.
    expect(runsWith(xml, '<w:strike/>')).toEqual(['Deleted text', ' and', '[', ']', 'Encourages the nuclear-weapon States to consider a legally binding instrument;', ';', 'Protocol']);
    expect(runsWith(xml, '<w:u w:val="single" w:color="0B4F8A"/>')).toContain(' <iframe src="javascript:alert(2)"></iframe>');
    expect(runsWith(xml, '<w:u w:val="single" w:color="0B4F8A"/>').slice(0, 4)).toEqual(['Inserted text', '¶', ',', ' and 2310 (2016)']);
    expect(xml).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;w:p/&gt; ]]&gt;');
    expect(xml).not.toContain('<w:p/> ]]>');
    expect(xml).toContain('Live text &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;draft&quot;');
  });

  it('lays out an Arabic redline right to left', async () => {
    const xml = await documentXml(await renderRedlineDocx(compare(revisedSampleContent()), context('ar')));
    expect(xml).toContain('<w:bidi/>');
    expect(xml).toContain('منقول');
  });
});
