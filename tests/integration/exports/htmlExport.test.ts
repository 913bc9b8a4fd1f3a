/**
 * The HTML export: golden files per mode, the hostile sample parsed by a real browser's HTML parser (Chromium's
 * DOMParser: nothing it builds may be a script, an image or an event handler; the hostile text must come back as
 * text), document language and direction, and the words each mode shows or leaves out.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { ExportLanguage, ExportMode } from '@concord/shared';
import { htmlExporter } from '../../../server/src/exports/htmlExporter.ts';
import { sampleExportSource } from '../../../server/src/exports/sampleExportSource.ts';
import { launchBrowser } from '../../utils/browser.ts';

const goldenDirectory = fileURLToPath(new URL('../../golden/exports/', import.meta.url));

async function render(mode: ExportMode, language: ExportLanguage = 'en', snapshot = true): Promise<string> {
  return new TextDecoder('utf-8', { fatal: true }).decode(await htmlExporter.render(sampleExportSource(mode, language, snapshot)));
}

/** What a browser makes of the HTML, parsed without running anything (DOMParser documents never run scripts). */
interface ParsedDocument {
  lang: string;
  dir: string;
  title: string;
  elements: string[];
  eventHandlers: string[];
  resourceAttributes: string[];
  bodyText: string;
  mainText: string;
}

const normalise = (text: string) => text.replace(/\s+/g, ' ').trim();

async function parse(page: Page, html: string): Promise<ParsedDocument> {
  const parsed = await page.evaluate((source) => {
    const document = new DOMParser().parseFromString(source, 'text/html');
    const all = Array.from(document.querySelectorAll('*'));
    const attributes = all.flatMap((element) => Array.from(element.attributes, (attribute) => attribute.name));
    return {
      lang: document.documentElement.lang,
      dir: document.documentElement.dir,
      title: document.title,
      elements: [...new Set(all.map((element) => element.localName))].sort(),
      eventHandlers: attributes.filter((name) => name.startsWith('on')),
      resourceAttributes: attributes.filter((name) => ['src', 'href', 'srcset', 'action', 'formaction', 'xlink:href'].includes(name)),
      bodyText: document.body.textContent ?? '',
      mainText: document.querySelector('main')?.textContent ?? '',
    };
  }, html);
  return { ...parsed, bodyText: normalise(parsed.bodyText), mainText: normalise(parsed.mainText) };
}

describe('HTML export: golden files', () => {
  it('is a UTF-8 HTML file', () => {
    expect(htmlExporter).toMatchObject({ format: 'html', mediaType: 'text/html; charset=utf-8', extension: 'html' });
  });

  it.each([
    ['html-agreed.html', 'agreed', 'en'],
    ['html-compilation.html', 'compilation', 'en'],
    ['html-compilation-ar.html', 'compilation', 'ar'],
  ] as const)('%s matches the sample rendered in %s mode, %s', async (file, mode, language) => {
    const html = await render(mode, language);
    const golden = path.join(goldenDirectory, file);
    if (process.env.UPDATE_GOLDEN === '1') {
      mkdirSync(goldenDirectory, { recursive: true });
      writeFileSync(golden, html);
    }
    expect(existsSync(golden), `${golden} is missing: run the test with UPDATE_GOLDEN=1 and review the file`).toBe(true);
    expect(html).toBe(readFileSync(golden, 'utf8'));
  });

  it('gives the same bytes for the same source', async () => {
    const source = sampleExportSource('compilation', 'fr');
    expect(Buffer.from(await htmlExporter.render(source)).equals(Buffer.from(await htmlExporter.render(source)))).toBe(true);
  });
});

describe('HTML export: parsed by Chromium', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.newPage();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('keeps hostile text as text: no script, no image, no event handler, no foreign element', async () => {
    for (const mode of ['agreed', 'compilation'] as const) {
      const document = await parse(page, await render(mode));
      expect(document.elements).not.toContain('script');
      expect(document.elements).not.toContain('img');
      expect(document.elements.filter((name) => name.includes(':'))).toEqual([]);
      expect(document.eventHandlers).toEqual([]);
      expect(document.resourceAttributes).toEqual([]);
      // Only the elements the exporter writes itself.
      const allowed = ['body', 'br', 'div', 'em', 'h1', 'h2', 'h3', 'h4', 'head', 'header', 'html', 'li', 'main', 'meta', 'p', 'span', 'strong', 'style', 'time', 'title', 'u', 'ul'];
      expect(document.elements.filter((name) => !allowed.includes(name))).toEqual([]);
      expect(document.mainText).toContain('<script>alert("x")</script> & <w:p/> ]]> {{constructor}} **not bold** <img src=x onerror=alert(1)>');
      expect(document.mainText).toContain(`Second line & "quotes" 'apostrophes'`);
      expect(document.bodyText).toContain('Recommendations on negative security assurances <draft & "final">');
      expect(document.title).toBe('NPT/NSA/2027/OPT/3 Recommendations on negative security assurances <draft & "final">');
    }
  });

  it('takes its language and direction from the export language', async () => {
    expect(await parse(page, await render('compilation', 'ar'))).toMatchObject({ lang: 'ar', dir: 'rtl' });
    expect(await parse(page, await render('agreed', 'en'))).toMatchObject({ lang: 'en', dir: 'ltr' });
    expect(await parse(page, await render('agreed', 'zh'))).toMatchObject({ lang: 'zh', dir: 'ltr' });
  });

  it('compilation mode: labels, statuses, literal brackets, positions and authors', async () => {
    const { mainText } = await parse(page, await render('compilation'));
    for (const expected of [
      'PP 1 Agreed Recalling Security Council resolutions 255 (1968) and 984 (1995),',
      'Proposed by KWT; supported by EGY, IRL',
      'Written by: KWT, EGY',
      '1. Draft 1. Calls upon the nuclear-weapon States to [reaffirm] their commitments;',
      'Proposed by EGY; supported by MEX; opposed by FRA; reservations: USA',
      '1. Alt 1 Draft 1. Encourages the nuclear-weapon States',
      '2. Agreed ad referendum 2. Requests the Secretariat',
      '(a) Tlatelolco, Additional Protocol II; (b) Pelindaba, Protocol I;',
      'ضمانات الأمن السلبية / 消极安全保证 / негативные гарантии безопасности',
    ]) {
      expect(mainText).toContain(expected);
    }
  });

  it('compilation mode in Arabic: the words and sub-paragraph markers of the language', async () => {
    const { mainText } = await parse(page, await render('compilation', 'ar'));
    expect(mainText).toContain('1. البديل 1 مشروع');
    expect(mainText).toContain('اقترحه EGY؛ أيده MEX؛ اعترض عليه FRA؛ تحفظات: USA');
    expect(mainText).toContain('(أ) Tlatelolco');
  });

  it('agreed mode: only agreed paragraphs, clean, operative paragraphs numbered again, preambular unnumbered', async () => {
    const { mainText } = await parse(page, await render('agreed'));
    expect(mainText).toMatch(/^I\. Recommendations Recalling Security Council resolutions/);
    expect(mainText).toContain('(a) Tlatelolco, Additional Protocol II; (b) Pelindaba, Protocol I;');
    expect(mainText).toContain('1. Takes note of the texts:');
    expect(mainText).toContain('2. <script>');
    // The hostile paragraph has "]]>" but no "[": a "[" would be a bracket left in agreed text.
    for (const absent of ['[', 'PP 1', 'Draft', 'Agreed', 'Alt 1', 'Proposed by', 'Written by', 'Calls upon', 'Requests the Secretariat']) {
      expect(mainText).not.toContain(absent);
    }
  });

  it('a snapshot shows its name and SHA-256; the live document says DRAFT at the top', async () => {
    const snapshot = await parse(page, await render('agreed', 'en', true));
    expect(snapshot.bodyText).toContain(`Snapshot 3: Agreed at the third meeting SHA-256 of the snapshot: ${'a'.repeat(64)}`);
    expect(snapshot.bodyText).not.toContain('DRAFT');
    const live = await parse(page, await render('agreed', 'en', false));
    expect(live.bodyText).toMatch(/^2027, first session NPT\/NSA\/2027\/OPT\/3 2027-05-02 DRAFT: not agreed text Recommendations/);
    expect(live.bodyText).not.toContain('Snapshot 3');
    expect(live.title).toContain('DRAFT: not agreed text');
    expect(await render('agreed', 'en', false)).toContain('@top-center { content: "DRAFT: not agreed text";');
  });
});
