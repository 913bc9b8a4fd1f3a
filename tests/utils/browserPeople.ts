import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import type { Affiliation, Role } from '@concord/shared';
import { launchBrowser, newProfile } from './browser.ts';
import { startTestServer, type TestServer } from './startTestServer.ts';

const repository = fileURLToPath(new URL('../..', import.meta.url));
const axeSource = readFileSync(createRequire(path.join(repository, 'client', 'package.json')).resolve('axe-core/axe.min.js'), 'utf8');
const password = 'a long demo passphrase';

/** Browser screenshots, to be looked at (git-ignored). */
export const screenshotDirectory = path.join(repository, 'tests', 'artifacts', 'screenshots');

/** A stage with the data directory its server started on. */
export type OpenedStage = BrowserStage & { dataDirectory: string };

/**
 * Starts what a browser test needs: a server on a fresh data directory (through `start`, for a test that restarts
 * it on the same port and data) and Chromium. Refuses to start without the built client.
 */
export async function openStage(
  name: string,
  start: (dataDirectory: string) => Promise<TestServer> = (dataDirectory) => startTestServer({ DATA_DIR: dataDirectory }),
): Promise<OpenedStage> {
  const clientBuild = path.join(repository, 'client', 'dist', 'index.html');
  if (!existsSync(clientBuild)) throw new Error(`the browser tests need the built client (${clientBuild}): run \`npx -y pnpm@12.4.2 build\` first`);
  mkdirSync(screenshotDirectory, { recursive: true });
  const dataDirectory = mkdtempSync(path.join(tmpdir(), `concord-e2e-${name}-`));
  const server = await start(dataDirectory);
  return { server, browser: await launchBrowser(), problems: [], profiles: [], dataDirectory };
}

/** Closes the profiles, the browser and the server, and removes the data directory. */
export async function closeStage(stage: OpenedStage | undefined): Promise<void> {
  if (stage === undefined) return;
  for (const profile of stage.profiles) await profile.close().catch(() => {});
  await stage.browser.close();
  await stage.server.stop();
  rmSync(stage.dataDirectory, { recursive: true, force: true });
}

/** Where browser tests find what they share: the browser, the server, the profiles to close, the problems seen. */
export interface BrowserStage {
  browser: Browser;
  server: TestServer;
  /** Page errors and CSP violations from every profile (a test ends by expecting none). */
  problems: string[];
  profiles: BrowserContext[];
}

/** The e-mail address of a test person, from their name ("Delegate of France" → delegate.of.france@…). */
export const emailOf = (name: string): string => `${name.toLowerCase().replace(/\W+/g, '.')}@e2e.concord.example`;

/** Creates the account of a test person (the password every browser test uses); answers its e-mail address. */
export async function createPerson(stage: BrowserStage, role: Role, affiliation: Affiliation, name: string): Promise<string> {
  const email = emailOf(name);
  await stage.server.createUser({ role, affiliation, email, name, password });
  return email;
}

/** Signs in through the sign-in screen, as a person would, and waits for the documents. */
export async function signIn(page: Page, serverUrl: string, email: string): Promise<void> {
  await page.goto(serverUrl);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Documents', exact: true }).waitFor();
}

/** A person at their own browser: a fresh profile (own cookies, own IndexedDB), signed in through the sign-in screen. */
export async function personAt(stage: BrowserStage, role: Role, affiliation: Affiliation, name: string): Promise<Page> {
  const email = await createPerson(stage, role, affiliation, name);
  const profile = await newProfile(stage.browser, stage.problems);
  stage.profiles.push(profile);
  const page = await profile.newPage();
  await signIn(page, stage.server.url, email);
  return page;
}

/** Opens a document and waits until its text is connected. */
export async function openDocument(page: Page, serverUrl: string, documentId: string): Promise<void> {
  await page.goto(`${serverUrl}/documents/${documentId}`);
  await page.locator('.ProseMirror').waitFor();
  await page.getByText(/All changes saved|Connected/).first().waitFor();
}

export const firstParagraph = (page: Page): Locator => page.locator('.ProseMirror > p').first();

/** Puts the caret at the end of the text and types like a person. */
export async function typeAtEnd(page: Page, text: string): Promise<void> {
  await firstParagraph(page).click();
  // End would stop at the end of the visual line of a wrapped paragraph.
  await page.keyboard.press('Control+End');
  await page.keyboard.type(text, { delay: 15 });
}

/** Resolves after the page has painted once more: React has rendered what it received before this call. */
export function nextPaint(page: Page): Promise<void> {
  return page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
}

/** Marks the page's JavaScript world, to prove later that it was never reloaded (the mark would be gone). */
export async function markWithoutReload(page: Page): Promise<() => Promise<boolean>> {
  await page.evaluate(() => ((window as unknown as { __sameWorld: boolean }).__sameWorld = true));
  return () => page.evaluate(() => (window as unknown as { __sameWorld?: boolean }).__sameWorld === true);
}

/** Runs axe (WCAG 2.1 A/AA) on the page and fails on any serious or critical violation. */
export async function expectNoSeriousAxeViolations(page: Page, screen: string): Promise<void> {
  // Evaluated through the DevTools protocol, which the page's CSP does not apply to (it forbids injected scripts).
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: Array<{ id: string; impact: string | null; nodes: Array<{ target: unknown }> }> }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((violation) => ({ id: violation.id, impact: violation.impact, targets: violation.nodes.map((node) => node.target) }));
  });
  const serious = violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  expect(serious, `${screen}: ${JSON.stringify(serious)}`).toEqual([]);
}
