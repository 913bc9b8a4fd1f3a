/**
 * The drafting room in a real Chromium against the real server and its built client: two delegations co-draft a
 * paragraph, a chair agrees and reopens it, an observer follows, the server restarts mid-session, and every
 * screen passes an axe scan. Screenshots go to tests/artifacts/screenshots (git-ignored) to be looked at.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { newProfile } from '../utils/browser.ts';
import { createPerson, expectNoSeriousAxeViolations, firstParagraph, openDocument, personAt, signIn, typeAtEnd, closeStage, openStage, screenshotDirectory, type OpenedStage } from '../utils/browserPeople.ts';
import { freePort } from '../utils/freePort.ts';
import { RawClient } from '../utils/RawClient.ts';
import { startTestServer, type TestServer } from '../utils/startTestServer.ts';

let stage: OpenedStage;
let port: number;

/** The server on a fixed port and data directory: restarted mid-test, it comes back where the browsers expect it. */
async function startServer(dataDirectory = stage.dataDirectory): Promise<TestServer> {
  return startTestServer({ PORT: port, DATA_DIR: dataDirectory, HEARTBEAT_INTERVAL_MS: 2000 });
}

beforeAll(async () => {
  port = await freePort();
  stage = await openStage('drafting', startServer);
});

afterAll(async () => {
  await closeStage(stage);
});

const editorOf = (page: Page) => page.locator('.ProseMirror');

/** The first paragraph's text as the reader sees it, without other people's caret labels. */
function paragraphText(page: Page): Promise<string> {
  return firstParagraph(page).evaluate((paragraph) => {
    const copy = paragraph.cloneNode(true) as HTMLElement;
    for (const caret of copy.querySelectorAll('.collab-caret')) caret.remove();
    return copy.textContent ?? '';
  });
}

/** What the server holds: the text a brand-new client receives. */
async function serverText(documentId: string): Promise<string> {
  const reader = new RawClient(stage.server.url, documentId);
  try {
    await reader.opened;
    await reader.whenSynced();
    return reader.text;
  } finally {
    reader.destroy();
  }
}

describe('the drafting room', () => {
  let documentId: string;
  let france: Page;
  let egypt: Page;
  let chair: Page;
  let observer: Page;

  beforeAll(async () => {
    documentId = await stage.server.createDocument('Recommendations on negative security assurances');
    france = await personAt(stage, 'delegate', { kind: 'delegation', delegationCode: 'FRA' }, 'Delegate of France');
    egypt = await personAt(stage, 'delegate', { kind: 'delegation', delegationCode: 'EGY' }, 'Delegate of Egypt');
    chair = await personAt(stage, 'chair', { kind: 'delegation', delegationCode: 'KWT' }, 'Chair of the committee');
    observer = await personAt(stage, 'observer', { kind: 'observer', organisationId: 'IAEA' }, 'Observer of the IAEA');
  });

  it('lets an NWS and an NNWS delegate type into the same paragraph; both see both edits, and the gutter names both', async () => {
    await openDocument(france, stage.server.url, documentId);
    await openDocument(egypt, stage.server.url, documentId);
    await typeAtEnd(france, 'The nuclear-weapon States undertake');
    // In the text: the discussion panel's hint may name the paragraph by the same words.
    await editorOf(egypt).getByText('The nuclear-weapon States undertake').waitFor();
    await typeAtEnd(egypt, ' not to use nuclear weapons against non-nuclear-weapon States');
    const full = 'The nuclear-weapon States undertake not to use nuclear weapons against non-nuclear-weapon States';
    await editorOf(france).getByText(full).waitFor();
    await expect.poll(() => paragraphText(egypt)).toBe(full);
    await france.getByText('All changes saved').waitFor();
    await egypt.getByText('All changes saved').waitFor();
    expect(await serverText(documentId)).toBe(full);

    const details = france.locator('.gutter__details').first();
    await expect.poll(async () => (await details.textContent()) ?? '').toMatch(/France/);
    await expect.poll(async () => (await details.textContent()) ?? '').toMatch(/Egypt/);
    await france.locator('.gutter__button').first().focus();
    await france.screenshot({ path: path.join(screenshotDirectory, 'editor-gutter-details.png') });
    await france.locator('.presence, [class*="presence"]').first().screenshot({ path: path.join(screenshotDirectory, 'presence-panel.png') });
    await france.locator('.gutter').first().screenshot({ path: path.join(screenshotDirectory, 'gutter.png') });
  });

  it('offers "Record a position" beside the paragraph being worked on only; a position recorded there shows in the other delegation’s margin live', async () => {
    const positionsDocument = await stage.server.createDocument('Positions in the margin');
    await openDocument(egypt, stage.server.url, positionsDocument);
    await openDocument(france, stage.server.url, positionsDocument);
    await typeAtEnd(egypt, 'First paragraph.');
    await egypt.keyboard.press('Enter');
    await egypt.keyboard.type('Second paragraph.', { delay: 15 });
    await editorOf(france).getByText('Second paragraph.').waitFor();
    // Which paragraphs show the button, by index among the paragraphs (the gutter sits just before its paragraph).
    const shownBeside = (page: Page) =>
      page.locator('.ProseMirror > p').evaluateAll((paragraphs) =>
        paragraphs.flatMap((paragraph, index) => {
          const button = paragraph.previousElementSibling?.querySelector('.gutter-positions__toggle');
          return button instanceof HTMLElement && button.offsetParent !== null ? [index] : [];
        }),
      );
    await expect.poll(() => shownBeside(egypt)).toEqual([1]);
    await firstParagraph(france).click();
    await expect.poll(() => shownBeside(france)).toEqual([0]);
    // Pointing at another paragraph's gutter shows its button; after its dialog closes, the focus is back on it.
    const secondGutter = france.locator('.ProseMirror > .gutter').nth(1);
    await secondGutter.hover();
    await secondGutter.locator('.gutter-positions__toggle').click();
    await france.getByRole('dialog', { name: /Positions on/ }).waitFor();
    await france.mouse.move(5, 5);
    await france.keyboard.press('Escape');
    await expect.poll(() => france.evaluate(() => document.activeElement?.closest('.gutter-positions__toggle') !== null && document.activeElement?.checkVisibility())).toBe(true);
    await firstParagraph(france).click();
    await expect.poll(() => shownBeside(france)).toEqual([0]);

    await egypt.locator('.gutter-positions__toggle', { hasText: 'Record a position' }).filter({ visible: true }).click();
    const dialog = egypt.getByRole('dialog', { name: /Positions on/ });
    await dialog.getByLabel('Stance').selectOption({ label: 'We support it' });
    await dialog.getByLabel('Explanation (optional)').fill('Legally binding assurances are our priority.');
    await dialog.getByRole('button', { name: 'Record position' }).click();
    await dialog.getByText('Position recorded.').waitFor();
    // Once recorded, the line shows beside its paragraph wherever the cursor is.
    await france.locator('.gutter-positions__line', { hasText: 'supported by EGY (NNWS)' }).waitFor();
    await expect.poll(() => shownBeside(france)).toEqual([0, 1]);
    await france.screenshot({ path: path.join(screenshotDirectory, 'positions-margin.png') });
    // Back to the document the next steps work on.
    await openDocument(egypt, stage.server.url, documentId);
    await openDocument(france, stage.server.url, documentId);
  });

  it('lets a chair mark the paragraph agreed; the delegate can no longer change it; the chair reopens it', async () => {
    await openDocument(chair, stage.server.url, documentId);
    await firstParagraph(chair).click();
    await chair.getByLabel('Status').selectOption('agreed');
    await chair.getByText('All changes saved').waitFor();
    await france.locator('.gutter__status--agreed').first().waitFor();

    const before = await paragraphText(france);
    await typeAtEnd(france, ' and shall never');
    await france.keyboard.press('Backspace');
    expect(await paragraphText(france)).toBe(before);
    expect(await serverText(documentId)).toBe(before);
    await france.screenshot({ path: path.join(screenshotDirectory, 'editor-agreed-locked.png') });

    await firstParagraph(chair).click();
    await chair.getByLabel('Status').selectOption('draft');
    await france.locator('.gutter__status--draft').first().waitFor();
    await typeAtEnd(france, ' in any circumstances');
    await france.getByText('All changes saved').waitFor();
    expect(await serverText(documentId)).toBe(`${before} in any circumstances`);
  });

  it('shows an observer changes live and does not let them type', async () => {
    await openDocument(observer, stage.server.url, documentId);
    await observer.getByText('Read-only (observer)').waitFor();
    expect(await editorOf(observer).getAttribute('contenteditable')).toBe('false');
    await typeAtEnd(egypt, '.');
    await expect.poll(async () => (await paragraphText(observer)).endsWith('circumstances.')).toBe(true);
    const seen = await paragraphText(observer);
    await firstParagraph(observer).click();
    await observer.keyboard.type('IAEA text');
    expect(await paragraphText(observer)).toBe(seen);
    expect(await serverText(documentId)).toBe(seen);
    await observer.screenshot({ path: path.join(screenshotDirectory, 'editor-observer.png') });
  });

  it('keeps everything typed when the server restarts mid-session', async () => {
    await stage.server.shutdown();
    await france.getByText(/Offline|Connecting/).first().waitFor();
    await typeAtEnd(france, ' [typed while the server was down]');
    stage.server = await startServer();
    await france.getByText('All changes saved').waitFor({ timeout: 30_000 });
    await editorOf(egypt).getByText('[typed while the server was down]').waitFor({ timeout: 30_000 });
    expect(await serverText(documentId)).toContain('circumstances. [typed while the server was down]');
  });

  it('keeps edits made offline across a page reload, and sends them when the connection returns', async () => {
    const offlineDocument = await stage.server.createDocument('Drafted on a train');
    const email = await createPerson(stage, 'delegate', { kind: 'delegation', delegationCode: 'IRL' }, 'Delegate of Ireland');
    const profile = await newProfile(stage.browser, stage.problems);
    stage.profiles.push(profile);
    // The network between this browser and the collaboration endpoint: cut and restored at will, HTTP untouched.
    let cut = false;
    const live: Array<{ close: () => Promise<void> }> = [];
    await profile.routeWebSocket(/\/collab\//, (socket) => {
      if (cut) return void socket.close();
      socket.connectToServer();
      live.push(socket);
    });
    const ireland = await profile.newPage();
    await signIn(ireland, stage.server.url, email);
    await openDocument(ireland, stage.server.url, offlineDocument);
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
    await egypt.goto(stage.server.url);
    await egypt.getByRole('heading', { name: 'Documents', exact: true }).waitFor();
    await expectNoSeriousAxeViolations(egypt, 'documents');
    const secretariat = await personAt(stage, 'secretariat', { kind: 'secretariat' }, 'Secretariat officer');
    await secretariat.goto(`${stage.server.url}/admin`);
    await secretariat.getByRole('heading', { name: 'Accounts' }).waitFor();
    await expectNoSeriousAxeViolations(secretariat, 'accounts');
    const visitorProfile = await newProfile(stage.browser, stage.problems);
    stage.profiles.push(visitorProfile);
    const visitor = await visitorProfile.newPage();
    await visitor.goto(stage.server.url);
    await visitor.getByRole('button', { name: 'Sign in' }).waitFor();
    await expectNoSeriousAxeViolations(visitor, 'sign-in');
    await visitor.goto(`${stage.server.url}/invitation#token=${'x'.repeat(43)}`);
    await visitor.getByLabel(/password/i).first().waitFor();
    await expectNoSeriousAxeViolations(visitor, 'invitation');
    expect(stage.problems).toEqual([]);
  });
});
