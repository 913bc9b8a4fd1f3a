import { describe, expect, it } from 'vitest';
import { exportLanguageSchema } from '@concord/shared';
import { renderProgressReportHtml } from './progressReportHtml.ts';
import { reportLabels } from './reportLabels.ts';
import { hostileText, sampleProgressReport } from './sampleProgressReport.ts';

/** The text of an HTML fragment, entities decoded, as a reader sees it (good enough for our own markup). */
function visibleText(html: string): string {
  return html
    .replace(/<style>[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

describe('renderProgressReportHtml', () => {
  const english = renderProgressReportHtml(sampleProgressReport, 'en');

  it('is a standalone HTML document with the title, the period and the generation day', () => {
    expect(english.startsWith('<!DOCTYPE html>\n<html lang="en" dir="ltr">')).toBe(true);
    const text = visibleText(english);
    expect(text).toContain('Annual progress report of the subsidiary committee on negative security assurances');
    expect(text).toContain('Period: 2026-01-01 to 2026-01-31');
    expect(text).toContain('Generated on 2026-02-02');
  });

  it('lists every document with its phase and agreed paragraphs over the total', () => {
    const text = visibleText(english);
    expect(text).toContain('Phase 1: report of options Options for negative security assurances Counted in snapshot 2 of 2026-06-30 2026, first session 7 / 12 2 3 2');
    expect(text).toContain('Phase 3: international instrument مشروع الصك الدولي 2026 1 / 1 0 0 1');
    expect(english).toContain('<td dir="rtl">مشروع الصك الدولي</td>');
  });

  it('shows threads, participation by group, presiding and observers', () => {
    const text = visibleText(english);
    expect(text).toContain('Threads opened 9 Threads resolved 5 Resolved by the Chair without both groups’ input 1 Open at the end of the period 6');
    expect(text).toContain('Nuclear-weapon States (NWS) 2: FRA, USA 11 4');
    expect(text).toContain('Non-nuclear-weapon States (NNWS) 3: EGY, IRL, KWT 23 17');
    expect(text).toContain('Chair and Secretariat — 6 5');
    expect(text).toContain('Organisations that commented IAEA, UNIDIR Comments by observers 3');
    expect(text).toContain('counted on the day (UTC) it began');
  });

  it('escapes every text from the records: none of it becomes markup', () => {
    expect(english).not.toContain('<script>');
    expect(english).not.toContain('<w:p/>');
    expect(english).toContain('Action plan &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; ]]&gt; &lt;w:p/&gt; &#39;quoted&#39;');
    expect(visibleText(english)).toContain(`Session ${hostileText}`);
  });

  it('draws one bar per group and week with activity, and one for observers, with the numbers in a table', () => {
    const svg = /<svg[\s\S]*<\/svg>/.exec(english)?.[0] ?? '';
    // Weeks with activity: NNWS 3 times, NWS twice, observers twice.
    expect(svg.match(/<rect [^>]*><title>/g)).toHaveLength(7);
    expect(svg).toContain('<title>Week of 2026-01-05, NNWS: 25</title>');
    expect(svg).toContain('<title>Week of 2026-01-19, Observers: 1</title>');
    expect(visibleText(english)).toContain('2026-01-05 3 10 10 15 2');
  });

  it('is written in each of the six languages, right to left in Arabic', () => {
    for (const language of exportLanguageSchema.options) {
      const html = renderProgressReportHtml(sampleProgressReport, language);
      const words = reportLabels[language];
      expect(html).toContain(`<html lang="${language}" dir="${words.direction}">`);
      expect(visibleText(html)).toContain(words.title);
      expect(visibleText(html)).toContain(words.phases['phase2-action-plan']);
    }
    const french = visibleText(renderProgressReportHtml(sampleProgressReport, 'fr'));
    expect(french).toContain('Période du 2026-01-01 au 2026-01-31');
    expect(french).toContain("États dotés d'armes nucléaires (NWS) 2: FRA, USA 11 4");
    expect(renderProgressReportHtml(sampleProgressReport, 'ar')).toContain('dir="rtl"');
  });

  it('gives the same text for the same report', () => {
    expect(renderProgressReportHtml(sampleProgressReport, 'en')).toBe(english);
  });
});
