import { cssString } from './escapeHtml.ts';

export interface PageFurniture {
  symbol: string;
  /** The draft marker repeated at the top of every printed page, or null for a snapshot. */
  draft: string | null;
  direction: 'ltr' | 'rtl';
}

/** Covers the six UN languages: Latin and Cyrillic, Arabic, then Chinese; Debian's fonts-noto-core and fonts-noto-cjk provide the first three. */
const fontStack = '"Noto Serif", "Noto Naskh Arabic", "Noto Serif CJK SC", "Times New Roman", "Songti SC", SimSun, serif';

const screenAndPrint = `
html { background: #fff; color: #111; }
body { font-family: ${fontStack}; font-size: 12pt; line-height: 1.45; max-width: 44em; margin: 2em auto; padding: 0 1.5em; }
body:lang(ar) { font-size: 13pt; line-height: 1.7; }
p { margin: 0 0 0.7em; orphans: 2; widows: 2; }
.masthead { display: flex; justify-content: space-between; align-items: flex-end; gap: 2em; border-bottom: 2.5pt solid #111; padding-bottom: 0.35em; margin-bottom: 0.3em; }
.masthead p, .snapshot p { margin: 0; }
.masthead-end { text-align: end; }
.symbol { font-size: 15pt; font-weight: bold; }
.session, .date, .snapshot { font-size: 10pt; }
.snapshot { border-bottom: 0.75pt solid #111; padding-bottom: 0.35em; margin-bottom: 1.6em; }
.verification { font-size: 8.5pt; }
.digest { font-family: "Noto Sans Mono", "DejaVu Sans Mono", monospace; font-size: 8pt; overflow-wrap: anywhere; }
.draft-banner { border: 2pt solid #a40000; color: #a40000; font-weight: bold; text-align: center; padding: 0.35em 0.5em; margin: 0.8em 0 1.2em; font-size: 13pt; }
h1 { font-size: 14pt; font-weight: bold; margin: 1.2em 0 0.2em; }
.mode { font-size: 11pt; margin-bottom: 1.6em; }
h2, h3, h4 { font-weight: bold; margin: 1.3em 0 0.7em; break-after: avoid-page; }
h2 { font-size: 12.5pt; }
h3 { font-size: 12pt; }
h4 { font-size: 12pt; font-weight: normal; font-style: italic; }
.preambular { text-indent: 2.5em; }
.operative { padding-inline-start: 2.5em; text-indent: -2.5em; }
.operative .number { display: inline-block; min-width: 2.5em; text-indent: 0; white-space: pre; }
.subparagraphs { list-style: none; margin: 0 0 0.7em; padding: 0; }
.subparagraphs li { margin: 0 0 0.4em; text-indent: -2.5em; }
${Array.from({ length: 9 }, (_, depth) => `.subparagraphs .depth-${depth} { padding-inline-start: ${5 + depth * 2.5}em; }`).join('\n')}
.subparagraphs .marker { display: inline-block; min-width: 2.5em; text-indent: 0; white-space: pre; }
.bracket { font-weight: bold; color: #8c1d18; }
.bracketed { background: #fbefd0; -webkit-box-decoration-break: clone; box-decoration-break: clone; }
.entry { margin: 0 0 1.1em; break-inside: avoid-page; }
.entry.alternative { border-inline-start: 2.5pt double #777; padding-inline-start: 0.7em; }
.tag { margin: 0 0 0.25em; font-size: 9pt; line-height: 1.3; break-after: avoid-page; }
.tag .label { font-weight: bold; margin-inline-end: 0.4em; }
.status { display: inline-block; border: 0.75pt solid; border-radius: 3pt; padding: 0 0.45em; font-size: 8.5pt; }
.status-draft { color: #8a4500; border-color: #b35c00; background: #fff3e0; }
.status-agreed-ad-ref { color: #1d4f86; border-color: #2f6db3; background: #e8f0fa; }
.status-agreed { color: #1b5e20; border-color: #2e7d32; background: #eaf5eb; }
.entry .tag + h2, .entry .tag + h3, .entry .tag + h4 { margin-top: 0; }
.entry > p:not(.tag), .entry > ul, .entry > h2, .entry > h3, .entry > h4 { margin-bottom: 0.3em; }
.note { font-size: 8.5pt; line-height: 1.35; color: #444; margin: 0 0 0.15em; padding-inline-start: 2.5em; }
.written-by { font-style: italic; }
/* Arabic and Chinese have no italic (Chromium would slant the glyphs); Arabic small print needs a larger size. */
body:lang(ar) .written-by, body:lang(zh) .written-by { font-style: normal; }
body:lang(ar) .note, body:lang(ar) .tag, body:lang(ar) .verification { font-size: 10pt; }
@media print {
  body { max-width: none; margin: 0; padding: 0; }
}
`;

/** Page furniture for printing (and the PDF): A4, the symbol at the top of every page but the first, page numbers, the draft marker. */
function pageRules(furniture: PageFurniture): string {
  const outer = furniture.direction === 'rtl' ? 'left' : 'right';
  const marginBox = `font-family: ${fontStack}; font-size: 9pt; color: #333;`;
  const draft = furniture.draft === null ? '' : `  @top-center { content: ${cssString(furniture.draft)}; ${marginBox} color: #a40000; font-weight: bold; }\n`;
  return `
@page {
  size: A4;
  margin: 22mm 20mm 20mm;
  @top-${outer} { content: ${cssString(furniture.symbol)}; ${marginBox} }
${draft}  @bottom-center { content: counter(page) " / " counter(pages); ${marginBox} }
}
@page :first {
  @top-${outer} { content: none; }
}
`;
}

/** The document's embedded style sheet (a downloaded file carries its own style; no external resource is ever loaded). */
export function documentStyle(furniture: PageFurniture): string {
  return `${pageRules(furniture)}${screenAndPrint}`;
}
