import { documentStyle } from '../html/htmlStyle.ts';

/**
 * What a redline adds to the HTML export's look: deletions struck through in red, insertions underlined in blue
 * (both still distinct in black and white: a line through, a line under), a change bar and a note in the margin
 * beside each paragraph that changed, and the summary and legend at the top.
 */
const redlineRules = `
del { color: #a4161a; background: #fde7e7; text-decoration: line-through; text-decoration-color: #a4161a; text-decoration-thickness: 1.5px; }
ins { color: #0b4f8a; background: #e2eefb; text-decoration: underline; text-decoration-color: #0b4f8a; text-decoration-thickness: 1.5px; text-underline-offset: 2px; }
del, ins { -webkit-box-decoration-break: clone; box-decoration-break: clone; }
/* A bracket put in or taken out is a change of its own: boxed, so that a struck "[" is not read as a bracket still there. */
del.bracket, ins.bracket { padding: 0 0.12em; margin: 0 0.08em; border: 1px solid; border-radius: 2px; }
del.bracket { color: #a4161a; }
ins.bracket { color: #0b4f8a; }
.pilcrow { font-family: "Noto Sans", "DejaVu Sans", sans-serif; font-weight: bold; padding: 0 0.1em; }
.paragraph-break { display: block; height: 0.5em; }
.versions { display: grid; grid-template-columns: max-content 1fr; gap: 0.15em 1em; margin: 0 0 1.2em; font-size: 10.5pt; }
.versions dt { font-weight: bold; }
.versions dd { margin: 0; }
.overview { display: flex; flex-wrap: wrap; gap: 1em 2.5em; border: 0.75pt solid #999; border-radius: 3pt; padding: 0.7em 1em; margin: 0 0 1.8em; font-size: 9.5pt; line-height: 1.4; break-inside: avoid-page; }
.overview h2 { font-size: 10pt; margin: 0 0 0.4em; }
.overview ul { list-style: none; margin: 0; padding: 0; }
.overview li { margin: 0 0 0.3em; }
.status-changes .name { display: inline-block; min-width: 3.5em; font-weight: bold; }
.counts { border-collapse: collapse; }
.counts th { text-align: start; font-weight: normal; padding-block: 0 0.15em; padding-inline: 0 1.2em; }
.counts td { text-align: end; font-variant-numeric: tabular-nums; font-weight: bold; }
.counts tr.none { color: #777; }
.counts tr.none td { font-weight: normal; }
.identical { font-weight: bold; }
.legend .bar-sample { display: inline-block; width: 3pt; height: 1.1em; background: #555; vertical-align: middle; margin-inline-end: 0.5em; }
.legend .margin-sample { font-family: "Noto Sans", "DejaVu Sans", sans-serif; font-size: 8pt; font-weight: bold; text-transform: uppercase; letter-spacing: 0.04em; color: #5a2d82; }
main { margin-inline-start: -7.5em; }
.redline-entry { display: grid; grid-template-columns: 6.5em 1fr; column-gap: 1em; margin: 0 0 1em; break-inside: avoid-page; }
.margin-note { margin: 0.15em 0 0; text-align: end; font-family: "Noto Sans", "DejaVu Sans", sans-serif; font-size: 8pt; font-weight: bold; text-transform: uppercase; letter-spacing: 0.04em; line-height: 1.3; color: #5a2d82; }
.entry-body { border-inline-start: 3pt solid transparent; padding-inline-start: 0.7em; min-width: 0; }
.redline-entry.alternative .entry-body { border-inline-start: 4pt double #999; }
.redline-entry.has-change .entry-body { border-inline-start-color: #555; }
.entry-body .text { margin: 0; }
.entry-body .text + .tag { margin-top: 0.6em; }
.entry-body h3.text { font-size: 12pt; }
.redline-removed .entry-body .text { color: #a4161a; }
.formerly { font-weight: normal; color: #444; margin-inline-end: 0.4em; }
.status-change { font-weight: bold; }
.status-change .arrow { margin: 0 0.2em; }
.redline-entry.status-changed .tag .status { border-width: 1.5pt; }
body:lang(zh) .margin-note, body:lang(ar) .margin-note, body:lang(zh) .margin-sample, body:lang(ar) .margin-sample { text-transform: none; letter-spacing: 0; font-size: 9pt; }
@media print {
  main { margin-inline-start: 0; }
}
`;

/** The redline's embedded style sheet: the HTML export's, then the redline's own rules. */
export function redlineStyle(symbol: string, direction: 'ltr' | 'rtl'): string {
  return `${documentStyle({ symbol, draft: null, direction })}${redlineRules}`;
}
