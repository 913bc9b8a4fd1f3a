import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { renderProgressReportDocx } from './progressReportDocx.ts';
import { hostileText, sampleProgressReport } from './sampleProgressReport.ts';

async function documentXml(bytes: Uint8Array): Promise<string> {
  const part = (await JSZip.loadAsync(bytes)).file('word/document.xml');
  if (part === null) throw new Error('no word/document.xml');
  return part.async('string');
}

/** The text runs of the body, entities decoded, one paragraph per line. */
function paragraphsOf(xml: string): string[] {
  const decode = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((paragraph) => [...paragraph[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((run) => decode(run[1] ?? '')).join(''));
}

describe('renderProgressReportDocx', () => {
  it('writes the title, the period, the documents, threads, participation and weeks', async () => {
    const paragraphs = paragraphsOf(await documentXml(await renderProgressReportDocx(sampleProgressReport, 'en')));
    expect(paragraphs.slice(0, 3)).toEqual(['Annual progress report of the subsidiary committee on negative security assurances', 'Period: 2026-01-01 to 2026-01-31', 'Generated on 2026-02-02']);
    for (const expected of ['Phase 1: report of options', '7 / 12', 'Threads resolved', 'Nuclear-weapon States (NWS)', '3: EGY, IRL, KWT', 'Chair and Secretariat', 'IAEA, UNIDIR', '2026-01-26', 'NNWS: Edits']) {
      expect(paragraphs, expected).toContain(expected);
    }
  });

  it('keeps hostile text as text', async () => {
    const xml = await documentXml(await renderProgressReportDocx(sampleProgressReport, 'en'));
    expect(xml).not.toContain('<w:p/> ');
    expect(xml).not.toContain('<script>');
    expect(paragraphsOf(xml)).toContain(`Action plan ${hostileText}`);
  });

  it('is the same bytes for the same report, and dates the package at the report', async () => {
    const first = await renderProgressReportDocx(sampleProgressReport, 'fr');
    const second = await renderProgressReportDocx(sampleProgressReport, 'fr');
    expect(Buffer.from(first).equals(Buffer.from(second))).toBe(true);
    const core = await (await JSZip.loadAsync(first)).file('docProps/core.xml')!.async('string');
    expect(core).toContain('2026-02-02T09:30:00Z');
    expect(paragraphsOf(await documentXml(first))).toContain('Période du 2026-01-01 au 2026-01-31');
  });

  it('lays Arabic out right to left', async () => {
    const xml = await documentXml(await renderProgressReportDocx(sampleProgressReport, 'ar'));
    expect(xml).toContain('<w:bidi/>');
    expect(xml).toContain('<w:bidiVisual/>');
    expect(paragraphsOf(xml)).toContain('التقرير المرحلي السنوي للجنة الفرعية المعنية بضمانات الأمن السلبية');
  });
});
