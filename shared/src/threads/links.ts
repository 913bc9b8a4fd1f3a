/** A piece of a comment body to render: text as a text node, a link as an anchor whose href is a checked http(s) URL. */
export type BodySegment = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

// Only explicit http(s) URLs become links; javascript:, data:, vbscript:, file: and bare domains stay text.
const urlCandidate = /\bhttps?:\/\/[^\s<>"'`]+/giu;
// Sentence punctuation after a URL belongs to the sentence ("see https://example.org.").
const trailingPunctuation = /[.,;:!?)\]}]+$/u;
const maxUrlLength = 2_048;

/** Splits a plain-text body into text and http(s) links. Nothing in the body is ever interpreted as markup. */
export function linkSegments(body: string): BodySegment[] {
  const segments: BodySegment[] = [];
  let textStart = 0;
  for (const match of body.matchAll(urlCandidate)) {
    const candidate = match[0].replace(trailingPunctuation, '');
    const href = safeHttpUrl(candidate);
    if (href === null) continue;
    if (match.index > textStart) segments.push({ kind: 'text', text: body.slice(textStart, match.index) });
    segments.push({ kind: 'link', text: candidate, href });
    textStart = match.index + candidate.length;
  }
  if (textStart < body.length) segments.push({ kind: 'text', text: body.slice(textStart) });
  return segments;
}

/** The normalised URL if `candidate` is an absolute http(s) URL with a host, else null. */
export function safeHttpUrl(candidate: string): string | null {
  if (candidate.length > maxUrlLength) return null;
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.hostname === '') return null;
  return url.href;
}
