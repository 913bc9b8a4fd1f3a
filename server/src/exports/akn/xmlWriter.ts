/**
 * A small XML writer: elements are built as data and serialized in one place, so every piece of text and every
 * attribute value goes through the same escaping. Names come from code, never from the document.
 */

export interface XmlElement {
  name: string;
  /** In the order given: the output is deterministic. */
  attributes: ReadonlyArray<readonly [string, string]>;
  children: readonly XmlNode[];
}

/** A string is a text node. */
export type XmlNode = XmlElement | string;

export type AttributeValues = Readonly<Record<string, string | number | null | undefined>>;

const namePattern = /^[A-Za-z_][A-Za-z0-9._-]*(:[A-Za-z_][A-Za-z0-9._-]*)?$/;

// Characters XML 1.0 forbids even as references (controls, lone surrogates, U+FFFE/U+FFFF) become U+FFFD.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const forbiddenCharacters = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

function checkedName(name: string): string {
  if (!namePattern.test(name)) throw new Error(`not an XML name: ${JSON.stringify(name)}`);
  return name;
}

/** An element; attributes whose value is null or undefined, and empty text, are left out. */
export function element(name: string, attributes: AttributeValues = {}, children: readonly XmlNode[] = []): XmlElement {
  const kept = Object.entries(attributes)
    .filter((entry): entry is [string, string | number] => entry[1] !== null && entry[1] !== undefined)
    .map(([key, value]) => [checkedName(key), String(value)] as const);
  return { name: checkedName(name), attributes: kept, children: children.filter((child) => child !== '') };
}

const references: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;' };
const reference = (character: string) => references[character] ?? character;

/** Text as character data: `<`, `>` and `&` escaped (so `]]>` cannot appear), a carriage return kept as a reference. */
export function escapeText(text: string): string {
  return text.replace(forbiddenCharacters, '\uFFFD').replace(/[&<>\r]/g, reference);
}

/** An attribute value in double quotes: markup characters, quotes and whitespace that parsers would normalize escaped. */
export function escapeAttribute(value: string): string {
  return value.replace(forbiddenCharacters, '\uFFFD').replace(/[&<>"\t\n\r]/g, reference);
}

function openTag(node: XmlElement): string {
  return `<${node.name}${node.attributes.map(([key, value]) => ` ${key}="${escapeAttribute(value)}"`).join('')}`;
}

function serializeCompact(node: XmlNode): string {
  if (typeof node === 'string') return escapeText(node);
  if (node.children.length === 0) return `${openTag(node)}/>`;
  return `${openTag(node)}>${node.children.map(serializeCompact).join('')}</${node.name}>`;
}

function serializeIndented(node: XmlElement, depth: number, textElements: ReadonlySet<string>, lines: string[]): void {
  const indent = '  '.repeat(depth);
  const mixed = node.children.some((child) => typeof child === 'string');
  // Inside an element that holds text, whitespace is content: write it on one line, as it is.
  if (node.children.length === 0 || mixed || textElements.has(node.name)) {
    lines.push(indent + serializeCompact(node));
    return;
  }
  lines.push(`${indent}${openTag(node)}>`);
  for (const child of node.children) serializeIndented(child as XmlElement, depth + 1, textElements, lines);
  lines.push(`${indent}</${node.name}>`);
}

/**
 * The document as UTF-8 XML with a declaration. Element-only content is indented; the elements named in
 * `textElements` (and any element holding text) are written on one line, so no whitespace is added to the text.
 */
export function serializeXml(root: XmlElement, textElements: ReadonlySet<string>): string {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>'];
  serializeIndented(root, 0, textElements, lines);
  return `${lines.join('\n')}\n`;
}
