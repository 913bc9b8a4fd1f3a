import JSZip from 'jszip';

/** OOXML readers expect the content types first; the rest in name order, so the same parts give the same bytes. */
function packageOrder(first: string, second: string): number {
  const rank = (name: string) => (name === '[Content_Types].xml' ? 0 : name === '_rels/.rels' ? 1 : 2);
  return rank(first) - rank(second) || (first < second ? -1 : first > second ? 1 : 0);
}

/** The W3CDTF time Word writes: whole seconds, UTC. */
function w3cdtf(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const stampedParts = /^(docProps\/core\.xml|word\/(header|footer)\d*\.xml)$/;

/** Parts the docx library writes with the current time or random ids, rewritten from the source's date. */
function fixedPart(name: string, xml: string, date: Date): string {
  if (name === 'docProps/core.xml') {
    return xml.replace(/(<dcterms:(created|modified)\b[^>]*>)[^<]*(<\/dcterms:\2>)/g, (_all, open: string, _tag: string, close: string) => `${open}${w3cdtf(date)}${close}`);
  }
  if (/^word\/(header|footer)\d*\.xml$/.test(name)) {
    let watermark = 0;
    return xml.replace(/PowerPlusWaterMarkObject[A-Za-z0-9_-]+/g, () => `PowerPlusWaterMarkObject${++watermark}`);
  }
  return xml;
}

/**
 * Re-zips a package the docx library packed so that it depends on nothing but its content and `isoDate`: the
 * document properties dated `isoDate` (created = modified), watermark ids numbered, every entry stamped `isoDate`,
 * in a fixed order, with fixed compression.
 */
export async function deterministicPackage(packed: Uint8Array, isoDate: string): Promise<Uint8Array> {
  const date = new Date(isoDate);
  const source = await JSZip.loadAsync(packed);
  const names = Object.values(source.files)
    .filter((entry) => !entry.dir)
    .map((entry) => entry.name)
    .sort(packageOrder);
  const target = new JSZip();
  for (const name of names) {
    const part = source.file(name);
    if (part === null) continue;
    const content = stampedParts.test(name) ? fixedPart(name, await part.async('string'), date) : await part.async('uint8array');
    target.file(name, content, { date, createFolders: false });
  }
  return target.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 6 }, platform: 'DOS' });
}
