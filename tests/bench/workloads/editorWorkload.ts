import { readFileSync, readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import * as Y from 'yjs';
import { documentField } from '@concord/shared';
import { launchBrowser } from '../../utils/browser.ts';
import { websocketHeaders, type Credentials } from '../../utils/credentials.ts';
import { RawClient } from '../../utils/RawClient.ts';
import { startTestServer } from '../../utils/startTestServer.ts';
import type { BenchOptions } from '../benchOptions.ts';
import type { WorkloadResult } from '../report.ts';

const clientBuild = fileURLToPath(new URL('../../../client/dist/', import.meta.url));
const password = 'benchmark passphrase';
/** About 3,500 characters a page: 100 pages is some 350,000 characters. */
const pages = 100;
const paragraphsPerPage = 8;
const sentence = 'Recognizing the legitimate interest of non-nuclear-weapon States in receiving unequivocal and legally binding security assurances, ';

const percentile = (sorted: number[], fraction: number): number => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? Number.NaN;

/** The bytes a browser downloads before the first screen: the page's script and style, gzipped as served. */
function initialBundle(): { js: number; css: number } {
  const assets = path.join(clientBuild, 'assets');
  const page = readFileSync(path.join(clientBuild, 'index.html'), 'utf8');
  let js = 0;
  let css = 0;
  for (const file of readdirSync(assets)) {
    if (!page.includes(`/assets/${file}`)) continue;
    const size = gzipSync(readFileSync(path.join(assets, file)), { level: 9 }).byteLength;
    if (file.endsWith('.js')) js += size;
    if (file.endsWith('.css')) css += size;
  }
  return { js, css };
}

/** A 100-page document, written by a chair's raw client as one update (some paragraphs already agreed). */
async function seedLongDocument(serverUrl: string, documentId: string, chair: Credentials): Promise<void> {
  const writer = new RawClient(serverUrl, documentId, { headers: websocketHeaders(serverUrl, chair) });
  await writer.opened;
  await writer.whenSynced();
  const blocks: Y.XmlElement[] = [];
  for (let index = 0; index < pages * paragraphsPerPage; index++) {
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.setAttribute('id', `bench-${index.toString().padStart(5, '0')}`);
    paragraph.setAttribute('status', index % 7 === 0 ? 'agreed' : 'draft');
    paragraph.setAttribute('role', 'operative');
    const text = new Y.XmlText();
    text.insert(0, `${sentence.repeat(3)}(${index + 1})`);
    paragraph.insert(0, [text]);
    blocks.push(paragraph);
  }
  writer.doc.getXmlFragment(documentField).insert(1, blocks);
  await writer.whenStored();
  writer.destroy();
}

/**
 * (9) Typing in the editor: keystroke-to-paint in Chromium in a 100-page document, and the initial bundle size.
 * Each keystroke is timed from its keydown event to the first task after the next animation frame (that is,
 * after the frame that shows it was painted).
 */
export async function runEditorWorkload(options: BenchOptions): Promise<WorkloadResult> {
  const keystrokes = options.quick ? 80 : 300;
  const result: WorkloadResult = {
    id: 9,
    title: `editor: keystroke-to-paint in Chromium, ${pages}-page document, ${keystrokes} keystrokes; initial bundle`,
    columns: [
      { key: 'measure', header: 'measure', format: 'text' },
      { key: 'value', header: 'value', format: 'text' },
    ],
    rows: [],
    notes: [
      'Headless Chromium on the same 2 cores as the server. The typist is a delegate in the middle of the document; one paragraph in seven is agreed (locked), so the gutter shows both states.',
    ],
  };
  if (!existsSync(path.join(clientBuild, 'index.html'))) throw new Error('the editor workload needs the built client: run `npx -y pnpm@12.4.2 build` first');
  const bundle = initialBundle();
  const server = await startTestServer();
  const browser = await launchBrowser();
  try {
    const documentId = await server.createDocument('A hundred pages');
    await seedLongDocument(server.url, documentId, await server.asRole('chair'));
    const { user } = await server.createUser({ role: 'delegate', affiliation: { kind: 'delegation', delegationCode: 'IRL' }, password });
    const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    await page.goto(server.url);
    await page.getByLabel('Email').fill(user.email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Documents', exact: true }).waitFor();
    const opened = performance.now();
    await page.goto(`${server.url}/documents/${documentId}`);
    await page.locator('.ProseMirror > p').nth(pages * paragraphsPerPage - 1).waitFor();
    const openMilliseconds = performance.now() - opened;

    const target = page.locator('.ProseMirror > p').nth(Math.floor((pages * paragraphsPerPage) / 2) + 1);
    await target.scrollIntoViewIfNeeded();
    await target.click();
    await page.keyboard.press('End');
    await page.evaluate(() => {
      const samples: number[] = [];
      (window as unknown as { keystrokeSamples: number[] }).keystrokeSamples = samples;
      document.addEventListener(
        'keydown',
        (event) => {
          const started = event.timeStamp;
          requestAnimationFrame(() => setTimeout(() => samples.push(performance.now() - started), 0));
        },
        { capture: true },
      );
    });
    await page.keyboard.type('x'.repeat(keystrokes), { delay: 40 });
    await page.waitForTimeout(200);
    const samples = (await page.evaluate(() => (window as unknown as { keystrokeSamples: number[] }).keystrokeSamples)).sort((first, second) => first - second);
    result.rows.push(
      { measure: 'keystroke-to-paint p50', value: `${percentile(samples, 0.5).toFixed(1)} ms` },
      { measure: 'keystroke-to-paint p95', value: `${percentile(samples, 0.95).toFixed(1)} ms` },
      { measure: 'keystroke-to-paint max', value: `${(samples.at(-1) ?? Number.NaN).toFixed(1)} ms` },
      { measure: 'keystrokes measured', value: String(samples.length) },
      { measure: `open a ${pages}-page document (to the last paragraph rendered)`, value: `${openMilliseconds.toFixed(0)} ms` },
      { measure: 'initial JavaScript (gzip)', value: `${(bundle.js / 1024).toFixed(0)} KiB` },
      { measure: 'initial CSS (gzip)', value: `${(bundle.css / 1024).toFixed(1)} KiB` },
    );
    return result;
  } finally {
    await browser.close();
    await server.stop();
  }
}
