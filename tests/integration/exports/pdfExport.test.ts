/**
 * The PDF export, printed by a real headless Chromium and read back with poppler (pdftotext, pdftoppm, pdfinfo,
 * pdffonts): the text of every script comes out, Arabic exports are laid out right to left, pages are A4, and a
 * missing Chromium is a clear error. Set PDF_OUT_DIR to keep the PDFs and page images to look at.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportLanguage, ExportMode } from '@concord/shared';
import { createPdfExporter, PdfRenderer } from '../../../server/src/exports/pdfExporter.ts';
import { sampleExportSource } from '../../../server/src/exports/sampleExportSource.ts';

const samples = [
  { name: 'compilation-en', mode: 'compilation', language: 'en', snapshot: true },
  { name: 'compilation-ar', mode: 'compilation', language: 'ar', snapshot: true },
  { name: 'agreed-fr', mode: 'agreed', language: 'fr', snapshot: false },
] as const satisfies readonly { name: string; mode: ExportMode; language: ExportLanguage; snapshot: boolean }[];
type SampleName = (typeof samples)[number]['name'];

/** Runs a poppler tool, or fails with how to install it (these tests never skip). */
function poppler(tool: string, args: string[]): string {
  const result = spawnSync(tool, args, { encoding: 'utf8' });
  if (result.error) throw new Error(`${tool} is missing (${result.error.message}): install poppler-utils (Debian/Ubuntu: sudo apt-get install poppler-utils)`);
  if (result.status !== 0) throw new Error(`${tool} ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
}

// pdftotext marks right-to-left runs with bidi embedding controls; they say nothing about the words.
const normalise = (text: string) => text.replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '').replace(/\s+/g, ' ').trim();
/** Arabic may come out in logical or in visual (reversed) order depending on the extractor: either counts. */
const containsEitherWay = (text: string, word: string) => text.includes(word) || text.includes([...word].reverse().join(''));

const renderer = new PdfRenderer();
const exporter = createPdfExporter(renderer);
const outDirectory = process.env.PDF_OUT_DIR ?? mkdtempSync(path.join(tmpdir(), 'concord-pdf-'));
const files = {} as Record<SampleName, string>;
const readingOrder = {} as Record<SampleName, string>;
const streamOrder = {} as Record<SampleName, string>;

beforeAll(async () => {
  poppler('pdftotext', ['-v']);
  mkdirSync(outDirectory, { recursive: true });
  for (const sample of samples) {
    const file = path.join(outDirectory, `${sample.name}.pdf`);
    writeFileSync(file, await exporter.render(sampleExportSource(sample.mode, sample.language, sample.snapshot)));
    files[sample.name] = file;
    readingOrder[sample.name] = normalise(poppler('pdftotext', ['-enc', 'UTF-8', file, '-']));
    streamOrder[sample.name] = normalise(poppler('pdftotext', ['-enc', 'UTF-8', '-raw', file, '-']));
  }
});

afterAll(async () => {
  await renderer.close();
});

describe('PDF export', () => {
  it('is a PDF file', () => {
    expect(exporter).toMatchObject({ format: 'pdf', mediaType: 'application/pdf', extension: 'pdf' });
    for (const sample of samples) {
      const bytes = readFileSync(files[sample.name]);
      expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(bytes.subarray(-8).toString('latin1')).toContain('%%EOF');
    }
  });

  it('prints A4 pages, tagged, with no JavaScript, titled with the symbol', () => {
    const info = poppler('pdfinfo', [files['compilation-en']]);
    expect(info).toMatch(/Page size:\s+59[45](\.\d+)? x 84[12](\.\d+)? pts \(A4\)/);
    expect(info).toMatch(/JavaScript:\s+no/);
    expect(info).toMatch(/Tagged:\s+yes/);
    expect(info).toContain('Title:           NPT/NSA/2027/OPT/3 Recommendations on negative security assurances <draft & "final">');
  });

  it('compilation, English: labels, statuses, brackets, positions, hostile text as text, every script', () => {
    const text = streamOrder['compilation-en'];
    for (const expected of [
      'NPT/NSA/2027/OPT/3',
      '2027-05-02',
      '2027, first session',
      'Recommendations on negative security assurances <draft & "final"> Compilation text',
      `Snapshot 3: Agreed at the third meeting SHA-256 of the snapshot: ${'a'.repeat(64)}`,
      'PP 1 Agreed Recalling Security Council resolutions 255 (1968) and 984 (1995),',
      'Proposed by KWT; supported by EGY, IRL Written by: KWT, EGY',
      '1. Calls upon the nuclear-weapon States to [reaffirm] their commitments;',
      'Proposed by EGY; supported by MEX; opposed by FRA; reservations: USA',
      '1. Alt 1 Draft',
      '2. Agreed ad referendum',
      '(a) Tlatelolco, Additional Protocol II; (b) Pelindaba, Protocol I;',
      'негативные гарантии безопасности / garantías negativas de seguridad / garanties négatives de sécurité.',
      '<script>alert("x")</script> & <w:p/> ]]> {{constructor}} **not bold** <img src=x onerror=alert(1)>',
    ]) {
      expect(text).toContain(expected);
    }
    expect(readingOrder['compilation-en']).toContain('消极安全保证');
    for (const word of ['ضمانات', 'الأمن', 'السلبية']) expect(containsEitherWay(readingOrder['compilation-en'], word), word).toBe(true);
    expect(text).not.toContain('DRAFT');
  });

  it('compilation, Arabic: the Arabic words, shaped text extracted, and a mirrored page', () => {
    const text = readingOrder['compilation-ar'];
    for (const word of ['النص', 'التجميعي', 'اللقطة', 'مشروع', 'متفق', 'عليه', 'البديل', 'اقترحه', 'أيده', 'تحفظات', 'صاغه', 'ضمانات', 'السلبية']) {
      expect(containsEitherWay(text, word), word).toBe(true);
    }
    expect(text).toContain('Calls upon the nuclear-weapon States to [reaffirm] their commitments;');
    expect(text).toContain('消极安全保证');
    // Right to left: the symbol moves to the left of the page, the status of each paragraph to the right.
    const englishSymbol = firstWord(files['compilation-en'], 'NPT/NSA/2027/OPT/3');
    const arabicSymbol = firstWord(files['compilation-ar'], 'NPT/NSA/2027/OPT/3');
    expect(englishSymbol.xMin).toBeGreaterThan(englishSymbol.pageWidth / 2);
    expect(arabicSymbol.xMax).toBeLessThan(arabicSymbol.pageWidth / 2);
    const status = firstWord(files['compilation-ar'], 'مشروع');
    expect(status.xMin).toBeGreaterThan(status.pageWidth / 2);
  });

  it('agreed, French, live document: the draft marker, clean text, French words', () => {
    const text = streamOrder['agreed-fr'];
    expect(text).toContain('PROJET : texte non agréé');
    expect(text).toContain('Texte agréé');
    expect(text).toContain('a) Tlatelolco, Additional Protocol II; b) Pelindaba, Protocol I;');
    expect(text).toContain('1. Takes note of the texts:');
    expect(text).toContain('2. <script>alert("x")</script>');
    expect(text).toContain('garanties négatives de sécurité');
    for (const absent of ['[', 'Projet ', 'Proposé par', 'Rédigé par', 'Variante', 'Instantané', 'Calls upon']) expect(text).not.toContain(absent);
  });

  it('embeds the Noto fonts for Latin, Cyrillic and Arabic, and outlines for the Chinese glyphs', () => {
    const fonts = poppler('pdffonts', [files['compilation-en']]);
    expect(fonts).toContain('NotoSerif-Regular');
    expect(fonts).toContain('NotoNaskhArabic-Regular');
    // Skia embeds the CFF-based Noto CJK glyphs as Type 3 outlines (still with a ToUnicode map: the text above extracts).
    expect(fonts).toMatch(/Type 3/);
  });

  it.each(samples.map((sample) => sample.name))('%s: page 1 renders to a PNG image of an A4 page', (name) => {
    const prefix = path.join(outDirectory, name);
    poppler('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', files[name], prefix]);
    const png = readFileSync(`${prefix}.png`);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    // A4 at 60 dpi: 496 x 702 pixels.
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([496, 702]);
    expect(statSync(`${prefix}.png`).size).toBeGreaterThan(15_000);
  });
});

describe('PDF renderer', () => {
  it('says how to get Chromium when it is missing', async () => {
    const missing = new PdfRenderer({ executablePath: path.join(outDirectory, 'no-chromium-here') });
    await expect(missing.render('<!DOCTYPE html><p>x</p>')).rejects.toThrow(
      "PDF export needs Chromium: install Debian's chromium package or set CHROMIUM_PATH",
    );
    await missing.close();
  });

  it('renders one document after another, and refuses once closed', async () => {
    const own = new PdfRenderer();
    const first = await own.render('<!DOCTYPE html><title>one</title><p>one</p>');
    const second = await own.render('<!DOCTYPE html><title>two</title><p>two</p>');
    expect(Buffer.from(first.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    expect(Buffer.from(second.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    await own.close();
    await expect(own.render('<p>three</p>')).rejects.toThrow('closed');
  });
});

/** Where a word first appears on page 1, from pdftotext's bounding boxes (points, origin top left; Arabic words come out in visual order). */
function firstWord(file: string, word: string): { xMin: number; xMax: number; pageWidth: number } {
  const boxes = poppler('pdftotext', ['-enc', 'UTF-8', '-bbox', '-f', '1', '-l', '1', file, '-']);
  const pageWidth = Number(/<page width="([\d.]+)"/.exec(boxes)?.[1]);
  for (const match of boxes.matchAll(/<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g)) {
    if (match[3] === word || match[3] === [...word].reverse().join('')) return { xMin: Number(match[1]), xMax: Number(match[2]), pageWidth };
  }
  throw new Error(`"${word}" is not on page 1 of ${file}`);
}
