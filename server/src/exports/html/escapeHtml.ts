const htmlEntities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Text as HTML text or attribute value: the five characters that can open markup or end an attribute become
 * entities. Everything that comes from the document goes through here, so no text can become an element.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => htmlEntities[character] ?? character);
}

/**
 * Text as a quoted CSS string (for `content:` in page margin boxes): every character outside a small safe set
 * becomes a CSS hex escape, so no quote, backslash or `</style>` can leave the string.
 */
export function cssString(text: string): string {
  const escaped = Array.from(text, (character) =>
    /^[\p{L}\p{N} .,:;/_-]$/u.test(character) ? character : `\\${character.codePointAt(0)!.toString(16).toUpperCase()} `,
  ).join('');
  return `"${escaped}"`;
}
