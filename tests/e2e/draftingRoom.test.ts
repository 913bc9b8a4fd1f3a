/**
 * The drafting room in a real Chromium against the real server and its built client: two delegations co-draft a
 * paragraph, a chair agrees and reopens it, an observer follows, the server restarts mid-session, and every
 * screen passes an axe scan. Screenshots go to tests/artifacts/screenshots (git-ignored) to be looked at.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Affiliation, Role } from '@concord/shared';
import { launchBrowser, newProfile } from '../utils/browser.ts';
import { freePort } from '../utils/freePort.ts';
import { RawClient } from '../utils/RawClient.ts';
import { startTestServer, type TestServer } from '../utils/startTestServer.ts';

const repository = fileURLToPath(new URL('../..', import.meta.url));
const clientBuild = path.join(repository, 'client', 'dist', 'index.html');
const screenshots = path.join(repository, 'tests', 'artifacts', 'screenshots');
const axeSource = readFileSync(createRequire(path.join(repository, 'client', 'package.json')).resolve('axe-core/axe.min.js'), 'utf8');
const password = 'a long demo passphrase';

let server: TestServer;
let browser: Browser;
let port: number;
let dataDirectory: string;
const problems: string[] = [];
const profiles: BrowserContext[] = [];

async function startServer(): Promise<TestServer> {
  return startTestServer({ PORT: port, DATA_DIR: dataDirectory, HEARTBEAT_INTERVAL_MS: 2000 });
}

beforeAll(async () => {
  if (!existsSync(clientBuild)) throw new Error(`the browser tests need the built client (${clientBuild}): run \`npx -y pnpm@12.4.2 build\` first`);
  mkdirSync(screenshots, { recursive: true });
  port = await freePort();
  dataDirectory = mkdtempSync(path.join(tmpdir(), 'concord-e2e-'));
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const profile of profiles) await profile.close().catch(() => {});
  await browser?.close();
  await server?.stop();
  rmSync(dataDirectory, { recursive: true, force: true });
});

/** A person at their own browser: a fresh profile, signed in through the sign-in screen. */
async function personAt(role: Role, affiliation: Affiliation, name: string): Promise<Page> {
  const email = `${name.toLowerCase().replace(/\W+/g, '.')}@e2e.concord.example`;
  await server.createUser({ role, affiliation, email, name, password });
  const profile = await newProfile(browser, problems);
  profiles.push(profile);
  const page = await profile.newPage();
  await page.goto(server.url);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Documents', exact: true }).waitFor();
  return page;
}

async function openDocument(page: Page, documentId: string): Promise<void> {
  await page.goto(`${server.url}/documents/${documentId}`);
  await page.locator('.ProseMirror').waitFor();
  await page.getByText(/All changes saved|Connected/).first().waitFor();
}

const editorOf = (page: Page) => page.locator('.ProseMirror');
const firstParagraph = (page: Page) => editorOf(page).locator(':scope > p').first();

/** The first paragraph's text as the reader sees it, without other people's caret labels. */
function paragraphText(page: Page): Promise<string> {
  return firstParagraph(page).evaluate((paragraph) => {
    const copy = paragraph.cloneNode(true) as HTMLElement;
    for (const caret of copy.querySelectorAll('.collab-caret')) caret.remove();
    return copy.textContent ?? '';
  });
}

/** Puts the caret at the end of the first paragraph and types like a person. */
async function typeAtEnd(page: Page, text: string): Promise<void> {
  await firstParagraph(page).click();
  // End would stop at the end of the visual line of a wrapped paragraph; the document has one paragraph.
  await page.keyboard.press('Control+End');
  await page.keyboard.type(text, { delay: 15 });
}

/** What the server holds: the text a brand-new client receives. */
async function serverText(documentId: string): Promise<string> {
  const reader = new RawClient(server.url, documentId);
  try {
    await reader.opened;
    await reader.whenSynced();
    return reader.text;
  } finally {
    reader.destroy();
  }
}

async function expectNoSeriousAxeViolations(page: Page, screen: string): Promise<void> {
  // Evaluated through the DevTools protocol, which the page's CSP does not apply to (it forbids injected scripts).
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: Array<{ id: string; impact: string | null; nodes: unknown[] }> }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((violation) => ({ id: violation.id, impact: violation.impact, nodes: violation.nodes.length }));
  });
  const serious = violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  expect(serious, `${screen}: ${JSON.stringify(serious)}`).toEqual([]);
}

describe('the drafting room', () => {
  let documentId: string;
  let france: Page;
  let egypt: Page;
  let chair: Page;
  let observer: Page;

  beforeAll(async () => {
    documentId = await server.createDocument('Recommendations on negative security assurances');
    france = await personAt('delegate', { kind: 'delegation', delegationCode: 'FRA' }, 'Delegate of France');
    egypt = await personAt('delegate', { kind: 'delegation', delegationCode: 'EGY' }, 'Delegate of Egypt');
    chair = await personAt('chair', { kind: 'delegation', delegationCode: 'KWT' }, 'Chair of the committee');
    observer = await personAt('observer', { kind: 'observer', organisationId: 'IAEA' }, 'Observer of the IAEA');
  });

  it('lets an NWS and an NNWS delegate type into the same paragraph; both see both edits, and the gutter names both', async () => {
    await openDocument(france, documentId);
    await openDocument(egypt, documentId);
    await typeAtEnd(france, 'The nuclear-weapon States undertake');
    await egypt.getByText('The nuclear-weapon States undertake').waitFor();
    await typeAtEnd(egypt, ' not to use nuclear weapons against non-nuclear-weapon States');
    const full = 'The nuclear-weapon States undertake not to use nuclear weapons against non-nuclear-weapon States';
    await france.getByText(full).waitFor();
    await expect.poll(() => paragraphText(egypt)).toBe(full);
    await france.getByText('All changes saved').waitFor();
    await egypt.getByText('All changes saved').waitFor();
    expect(await serverText(documentId)).toBe(full);

    const details = france.locator('.gutter__details').first();
    await expect.poll(async () => (await details.textContent()) ?? '').toMatch(/France/);
    await expect.poll(async () => (await details.textContent()) ?? '').toMatch(/Egypt/);
    await france.locator('.gutter__button').first().focus();
    await france.screenshot({ path: path.join(screenshots, 'editor-gutter-details.png') });
    await france.locator('.presence, [class*="presence"]').first().screenshot({ path: path.join(screenshots, 'presence-panel.png') });
    await france.locator('.gutter').first().screenshot({ path: path.join(screenshots, 'gutter.png') });
  });

  it('lets a chair mark the paragraph agreed; the delegate can no longer change it; the chair reopens it', async () => {
    await openDocument(chair, documentId);
    await firstParagraph(chair).click();
    await chair.getByLabel('Status').selectOption('agreed');
    await chair.getByText('All changes saved').waitFor();
    await france.locator('.gutter__status--agreed').first().waitFor();

    const before = await paragraphText(france);
    await typeAtEnd(france, ' and shall never');
    await france.keyboard.press('Backspace');
    expect(await paragraphText(france)).toBe(before);
    expect(await serverText(documentId)).toBe(before);
    await france.screenshot({ path: path.join(screenshots, 'editor-agreed-locked.png') });

    await firstParagraph(chair).click();
    await chair.getByLabel('Status').selectOption('draft');
    await france.locator('.gutter__status--draft').first().waitFor();
    await typeAtEnd(france, ' in any circumstances');
    await france.getByText('All changes saved').waitFor();
    expect(await serverText(documentId)).toBe(`${before} in any circumstances`);
  });

  it('shows an observer changes live and does not let them type', async () => {
    await openDocument(observer, documentId);
    await observer.getByText('Read-only (observer)').waitFor();
    expect(await editorOf(observer).getAttribute('contenteditable')).toBe('false');
    await typeAtEnd(egypt, '.');
    await expect.poll(async () => (await paragraphText(observer)).endsWith('circumstances.')).toBe(true);
    const seen = await paragraphText(observer);
    await firstParagraph(observer).click();
    await observer.keyboard.type('IAEA text');
    expect(await paragraphText(observer)).toBe(seen);
    expect(await serverText(documentId)).toBe(seen);
    await observer.screenshot({ path: path.join(screenshots, 'editor-observer.png') });
  });

  it('keeps everything typed when the server restarts mid-session', async () => {
    await server.shutdown();
    await france.getByText(/Offline|Connecting/).first().waitFor();
    await typeAtEnd(france, ' [typed while the server was down]');
    server = await startServer();
    await france.getByText('All changes saved').waitFor({ timeout: 30_000 });
    await egypt.getByText('[typed while the server was down]').waitFor({ timeout: 30_000 });
    expect(await serverText(documentId)).toContain('circumstances. [typed while the server was down]');
  });

  it('keeps edits made offline across a page reload, and sends them when the connection returns', async () => {
    const offlineDocument = await server.createDocument('Drafted on a train');
    const email = 'delegate.of.ireland@e2e.concord.example';
    await server.createUser({ role: 'delegate', affiliation: { kind: 'delegation', delegationCode: 'IRL' }, email, name: 'Delegate of Ireland', password });
    const profile = await newProfile(browser, problems);
    profiles.push(profile);
    // The network between this browser and the collaboration endpoint: cut and restored at will, HTTP untouched.
    let cut = false;
    const live: Array<{ close: () => Promise<void> }> = [];
    await profile.routeWebSocket(/\/collab\//, (socket) => {
      if (cut) return void socket.close();
      socket.connectToServer();
      live.push(socket);
    });
    const ireland = await profile.newPage();
    await ireland.goto(server.url);
    await ireland.getByLabel('Email').fill(email);
    await ireland.getByLabel('Password').fill(password);
    await ireland.getByRole('button', { name: 'Sign in' }).click();
    await ireland.getByRole('heading', { name: 'Documents', exact: true }).waitFor();
    await openDocument(ireland, offlineDocument);
    await typeAtEnd(ireland, 'Welcomes');
    await ireland.getByText('All changes saved').waitFor();

    cut = true;
    for (const socket of live.splice(0)) await socket.close();
    await ireland.getByText(/Offline/).first().waitFor();
    await typeAtEnd(ireland, ' the offline draft');
    await ireland.reload();
    await ireland.locator('.ProseMirror').waitFor();
    await expect.poll(() => paragraphText(ireland)).toBe('Welcomes the offline draft');
    expect(await serverText(offlineDocument)).toBe('Welcomes');

    cut = false;
    await ireland.getByText('All changes saved').waitFor({ timeout: 30_000 });
    expect(await serverText(offlineDocument)).toBe('Welcomes the offline draft');
  });

  it('removes the offline copies of a person’s documents from the browser when they sign out', async () => {
    const copies = () => france.evaluate(async () => (await indexedDB.databases()).map((database) => database.name ?? '').filter((name) => name.startsWith('concord:')));
    expect(await copies()).not.toEqual([]);
    await france.getByRole('button', { name: 'Sign out' }).click();
    await france.getByRole('button', { name: 'Sign in' }).waitFor();
    await expect.poll(copies).toEqual([]);
  });

  it('passes an axe scan on every screen, with no CSP violation or page error', async () => {
    await expectNoSeriousAxeViolations(egypt, 'editor');
    await expectNoSeriousAxeViolations(observer, 'observer editor');
    await egypt.goto(server.url);
    await egypt.getByRole('heading', { name: 'Documents', exact: true }).waitFor();
    await expectNoSeriousAxeViolations(egypt, 'documents');
    const secretariat = await personAt('secretariat', { kind: 'secretariat' }, 'Secretariat officer');
    await secretariat.goto(`${server.url}/admin`);
    await secretariat.getByRole('heading', { name: 'Accounts' }).waitFor();
    await expectNoSeriousAxeViolations(secretariat, 'accounts');
    const visitor = await (await newProfile(browser, problems)).newPage();
    await visitor.goto(server.url);
    await visitor.getByRole('button', { name: 'Sign in' }).waitFor();
    await expectNoSeriousAxeViolations(visitor, 'sign-in');
    await visitor.goto(`${server.url}/invitation#token=${'x'.repeat(43)}`);
    await visitor.getByLabel(/password/i).first().waitFor();
    await expectNoSeriousAxeViolations(visitor, 'invitation');
    expect(problems).toEqual([]);
  });
});
