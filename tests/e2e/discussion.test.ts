/**
 * Issue 5 in a real Chromium against the real server and its built client: three people, each in their own
 * browser profile, on one document at once. An NNWS delegate comments on words of the text, an NWS delegate
 * replies, the chair switches on the alternating floor, the NWS's next comment waits in the chair's queue until
 * released, and the chair resolves the thread; every page follows live, balance included. Then hostile text in a
 * comment stays text. Screenshots go to tests/artifacts/screenshots/discussion-NN-*.png to be looked at.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectNoSeriousAxeViolations, markWithoutReload, nextPaint, openDocument, personAt, typeAtEnd, closeStage, openStage, screenshotDirectory, type OpenedStage } from '../utils/browserPeople.ts';
import { anchorMark, clickableWithoutScrolling, commentsOf, expectBalance, live, openThread, recordDetachedWarnings, threadItem } from '../utils/discussionPanel.ts';

let stage: OpenedStage;

beforeAll(async () => {
  stage = await openStage('discussion');
});

afterAll(async () => {
  await closeStage(stage);
});

const shoot = (page: Page, name: string) => page.screenshot({ path: path.join(screenshotDirectory, `discussion-${name}.png`) });

describe('a thread under the alternating floor, live on three pages', () => {
  let documentId: string;
  let egypt: Page;
  let france: Page;
  let chair: Page;
  let threadId: string;
  const sameWorld: Array<() => Promise<boolean>> = [];
  const detachedWarnings: Array<() => Promise<string[]>> = [];
  const quote = 'reaffirm their assurances';
  const opening = 'Egypt asks that the assurances be legally binding, without conditions.';
  const reply = 'France recalls its unilateral declaration of 1995.';
  const further = 'France adds that the assurances must remain compatible with the Charter.';

  beforeAll(async () => {
    documentId = await stage.server.createDocument('Negative security assurances: draft recommendations');
    egypt = await personAt(stage, 'delegate', { kind: 'delegation', delegationCode: 'EGY' }, 'Delegate of Egypt');
    france = await personAt(stage, 'delegate', { kind: 'delegation', delegationCode: 'FRA' }, 'Delegate of France');
    chair = await personAt(stage, 'chair', { kind: 'delegation', delegationCode: 'KWT' }, 'Chair of the committee');
    for (const page of [egypt, france, chair]) {
      await openDocument(page, stage.server.url, documentId);
      sameWorld.push(await markWithoutReload(page));
      detachedWarnings.push(await recordDetachedWarnings(page));
    }
  });

  it('1. EGY (NNWS) comments on selected words: the thread and its mark appear on every page, only NNWS heard', async () => {
    await typeAtEnd(egypt, 'Calls upon the nuclear-weapon States to reaffirm their assurances');
    for (const page of [france, chair]) await page.locator('.ProseMirror').getByText('to reaffirm their assurances').waitFor(live);
    await egypt.getByText('All changes saved').waitFor(live);
    for (let word = 0; word < 3; word += 1) await egypt.keyboard.press('Control+Shift+ArrowLeft');
    const commentButton = egypt.getByTestId('comment-button');
    await expect.poll(() => commentButton.textContent(), live).toBe('Comment on the selection');
    await commentButton.click();
    const form = egypt.getByTestId('new-thread-form');
    await expect.poll(() => form.locator('q').textContent(), live).toBe(quote);
    await egypt.getByTestId('new-thread-body').fill(opening);
    await shoot(egypt, '01-egy-writes-comment');
    await egypt.getByTestId('new-thread-send').click();
    await form.waitFor({ state: 'detached' });
    // The commented words are no longer the selection: one more click would not open a second thread on them.
    await expect.poll(() => commentButton.textContent(), live).toBe('Comment on this paragraph');

    const created = egypt.getByTestId('thread-item');
    await expect.poll(() => created.count(), live).toBe(1);
    threadId = (await created.getAttribute('data-thread-id')) ?? '';
    expect(threadId).not.toBe('');
    for (const page of [egypt, france, chair]) {
      await threadItem(page, threadId).waitFor(live);
      await expect.poll(() => anchorMark(page, threadId).textContent(), live).toBe(quote);
      // The card quotes the words, and (once the mark has arrived) does not call them deleted.
      await expect.poll(() => threadItem(page, threadId).locator('.anchor__detached').count(), live).toBe(0);
      expect(await threadItem(page, threadId).locator('.thread__toggle q').textContent()).toBe(quote);
    }
    // The thread reached the others before its mark did: no page said, even for a moment, that the words were deleted.
    for (const warnings of detachedWarnings) expect(await warnings()).toEqual([]);
    await expect.poll(() => commentsOf(egypt, threadId).first().textContent(), live).toContain(opening);
    await expect.poll(() => commentsOf(egypt, threadId).first().locator('.comment__author').innerText(), live).toMatch(/^EGY\s+Delegate of Egypt\s+NNWS\b/);
    // EGY has the thread open (details: which delegations spoke); the others see it closed.
    await expectBalance(egypt, threadId, 'Comments: NWS 0 · NNWS 1 Only NNWS heard NNWS: EGY', 'only-nnws');
    for (const page of [france, chair]) await expectBalance(page, threadId, 'Comments: NWS 0 · NNWS 1 Only NNWS heard', 'only-nnws');
    await expect.poll(() => france.getByTestId('discussion-summary').textContent(), live).toBe("1 open thread · 1 lacks one group's input");
    // All of it arrived live: no page was reloaded (a reload would have cleared the mark set on its window).
    for (const sameAsBefore of sameWorld) expect(await sameAsBefore()).toBe(true);
    await shoot(egypt, '02-egy-thread-created');
    await shoot(france, '03-fra-sees-thread-live');
  });

  it('2. FRA (NWS) replies: both groups heard, NWS 1 · NNWS 1, on every page', async () => {
    // On a 1280x800 screen, the open thread's reply box and its button are in view without scrolling.
    await france.setViewportSize({ width: 1280, height: 800 });
    await openThread(france, threadId);
    await expect.poll(() => clickableWithoutScrolling(france.getByTestId('reply-send')), live).toBe(true);
    await france.getByTestId('reply-box').fill(reply);
    await france.getByTestId('reply-send').click();
    await expect.poll(() => commentsOf(egypt, threadId).nth(1).textContent(), live).toContain(reply);
    await expect.poll(() => commentsOf(egypt, threadId).nth(1).getAttribute('data-state'), live).toBe('published');
    for (const page of [egypt, france]) await expectBalance(page, threadId, 'Comments: NWS 1 · NNWS 1 Both groups heard NWS: FRA · NNWS: EGY', 'all');
    await expectBalance(chair, threadId, 'Comments: NWS 1 · NNWS 1 Both groups heard', 'all');
    await expect.poll(() => chair.getByTestId('discussion-summary').textContent(), live).toBe("1 open thread · 0 lack one group's input");
    await shoot(egypt, '04-egy-sees-reply');
    // Egypt follows the thread it opened: the bell tells it of France's reply, live, and leads back to the thread.
    await egypt.getByRole('button', { name: 'Notifications, 1 unread' }).click(live);
    const item = egypt.locator('.bell__popover li').first();
    await expect.poll(() => item.innerText(), live).toContain('New reply from FRA in a thread you follow, on “Negative security assurances: draft recommendations”');
    await item.getByRole('link').click();
    await expect.poll(() => new URL(egypt.url()).searchParams.get('thread'), live).toBe(threadId);
    await egypt.getByRole('button', { name: 'Notifications', exact: true }).waitFor(live);
  });

  it('3. the chair switches the alternating floor on with k = 1; the delegates see it', async () => {
    await openThread(chair, threadId);
    const controls = threadItem(chair, threadId).getByTestId('chair-controls');
    const summary = controls.locator('details > summary');
    expect(await summary.textContent()).toBe('Alternating floor off · requests for input');
    await summary.click();
    await controls.getByLabel('On for this thread').check();
    const kField = controls.getByLabel('Comments in a row per group');
    await kField.fill('1');
    // The number sits on the line of its label, below the checkbox.
    const [kBox, kLabelBox, checkBox] = await Promise.all([kField.boundingBox(), controls.getByText('Comments in a row per group').boundingBox(), controls.getByLabel('On for this thread').boundingBox()]);
    expect(Math.abs(kBox!.y + kBox!.height / 2 - (kLabelBox!.y + kLabelBox!.height / 2))).toBeLessThan(6);
    expect(kLabelBox!.y).toBeGreaterThan(checkBox!.y + checkBox!.height);
    await shoot(chair, '05-chair-floor-controls');
    await controls.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => summary.textContent(), live).toBe('Alternating floor on (once in a row) · requests for input');
    for (const page of [egypt, france, chair]) await threadItem(page, threadId).locator('.thread-flag--floor', { hasText: 'Alternating floor' }).waitFor(live);
    await threadItem(france, threadId).getByText('Alternating floor: a group speaks at most once in a row; a further comment waits for the Chair.').waitFor(live);
    // FRA spoke last: the reply box warns before anything is sent.
    await threadItem(france, threadId).getByText(/^Your group has just spoken: under the alternating floor, your reply will wait in the Chair's queue/).waitFor(live);
    await expectBalance(egypt, threadId, 'Comments: NWS 1 · NNWS 1 Both groups heard NWS: FRA · NNWS: EGY', 'all');
  });

  it('4. FRA comments again: it waits in the chair’s queue; EGY does not see it; the balance does not count it', async () => {
    const egyptRefetched = egypt.waitForResponse((response) => response.request().method() === 'GET' && new URL(response.url()).pathname === `/api/threads/${threadId}`, live);
    await france.getByTestId('reply-box').fill(further);
    await france.getByTestId('reply-send').click();

    const queuedAtFrance = commentsOf(france, threadId).filter({ hasText: further });
    await expect.poll(() => queuedAtFrance.getAttribute('data-state'), live).toBe('queued');
    expect(await queuedAtFrance.textContent()).toContain("Waiting in the Chair's queue: others will see it once the Chair releases it.");
    await threadItem(france, threadId).getByText("Your reply is waiting in the Chair's queue.").waitFor(live);
    await expectBalance(france, threadId, 'Comments: NWS 1 · NNWS 1 Both groups heard NWS: FRA · NNWS: EGY', 'all');
    await shoot(france, '06-fra-comment-queued');

    const queueToggle = chair.getByTestId('queue-toggle');
    await expect.poll(() => queueToggle.textContent(), live).toBe('Queue (1)');
    await queueToggle.click();
    const queued = chair.getByTestId('chair-queue').getByTestId('queued-comment');
    await expect.poll(() => queued.count(), live).toBe(1);
    expect(await queued.textContent()).toContain(further);
    expect(await queued.getByTestId('comment').getAttribute('data-state')).toBe('queued');
    // The chair sees where it hangs, what it follows, and why it waits.
    expect(await queued.locator('.chair-queue__thread q').textContent()).toBe(quote);
    expect(await queued.locator('.chair-queue__follows').textContent()).toBe(`After FRA: ${reply}`);
    expect(await queued.locator('.chair-queue__follows q').textContent()).toBe(reply);
    expect(await queued.locator('.chair-queue__why').textContent()).toBe('Held: NWS has just spoken (1 comment in a row), and the alternating floor allows 1 in a row (k = 1).');
    await shoot(chair, '07-chair-queue');

    // EGY was told the thread changed and fetched it again: what came back, and what it shows, leave the comment out.
    const refetched = (await (await egyptRefetched).json()) as { comments: Array<{ body: string }> };
    expect(refetched.comments.map((comment) => comment.body)).toEqual([opening, reply]);
    await nextPaint(egypt);
    await expect.poll(() => commentsOf(egypt, threadId).count(), live).toBe(2);
    expect(await threadItem(egypt, threadId).textContent()).not.toContain(further);
    await expectBalance(egypt, threadId, 'Comments: NWS 1 · NNWS 1 Both groups heard NWS: FRA · NNWS: EGY', 'all');
    await shoot(egypt, '08-egy-does-not-see-queued');
  });

  it('5. the chair releases it: EGY sees it, and the balance reads NWS 2 · NNWS 1 everywhere', async () => {
    await chair.getByTestId('queued-comment').getByTestId('release-button').click();
    await expect.poll(() => chair.getByTestId('queue-toggle').textContent(), live).toBe('Queue (0)');
    await chair.getByTestId('chair-queue').getByText('No comment is waiting.').waitFor(live);
    const released = commentsOf(egypt, threadId).filter({ hasText: further });
    await expect.poll(() => released.getAttribute('data-state'), live).toBe('published');
    await expect.poll(() => commentsOf(france, threadId).filter({ hasText: further }).getAttribute('data-state'), live).toBe('published');
    for (const page of [egypt, france]) await expectBalance(page, threadId, 'Comments: NWS 2 · NNWS 1 Both groups heard NWS: FRA · NNWS: EGY', 'all');
    await chair.getByRole('button', { name: 'Threads', exact: true }).click();
    await expectBalance(chair, threadId, 'Comments: NWS 2 · NNWS 1 Both groups heard NWS: FRA · NNWS: EGY', 'all');
    await shoot(egypt, '09-egy-sees-released');
  });

  it('6. the chair resolves the thread without being asked for a reason; it is resolved for everyone, replies closed', async () => {
    await threadItem(chair, threadId).getByTestId('resolve-button').click();
    await threadItem(chair, threadId).getByTestId('reopen-button').waitFor(live);
    expect(await chair.getByTestId('override-form').count()).toBe(0);
    for (const page of [egypt, france, chair]) {
      const thread = threadItem(page, threadId);
      await thread.locator('.thread-flag--resolved', { hasText: 'Resolved' }).waitFor(live);
      // Worded for the viewer: the chair has the Reopen button just below.
      const blocked = page === chair ? 'This thread is resolved. You can reopen it.' : 'This thread is resolved. The Chair may reopen it.';
      await expect.poll(() => thread.getByTestId('reply-blocked').textContent(), live).toBe(blocked);
      expect(await thread.getByTestId('reply-box').count()).toBe(0);
      // The floor governs replies: a resolved thread no longer shows it.
      expect(await thread.locator('.thread-flag--floor').count()).toBe(0);
      expect(await thread.textContent()).not.toContain('Alternating floor: a group speaks');
      await expect.poll(() => page.getByTestId('discussion-summary').textContent(), live).toBe("0 open threads · 0 lack one group's input");
    }
    // Still open on the chair's screen, but no longer listed under Open (whose count is 0): apart, with a note.
    expect(await chair.locator('.segment--on').innerText()).toMatch(/^Open\s+0$/);
    expect(await chair.locator('.threads[aria-label="Open"] [data-testid="thread-item"]').count()).toBe(0);
    const kept = chair.getByTestId('kept-thread');
    expect(await kept.locator(`[data-thread-id="${threadId}"]`).count()).toBe(1);
    expect(await kept.locator('.discussion__kept-note').textContent()).toBe('Resolved: no longer counted under “Open”. It stays here while you have it open.');
    await shoot(chair, '11-chair-thread-resolved');
    await kept.getByRole('button', { name: 'Show “Resolved”' }).click();
    await chair.locator('.threads[aria-label="Resolved"]').locator(`[data-thread-id="${threadId}"]`).waitFor(live);
    expect(await chair.getByTestId('kept-thread').count()).toBe(0);
    for (const sameAsBefore of sameWorld) expect(await sameAsBefore()).toBe(true);
    await shoot(egypt, '10-egy-thread-resolved');
  });

  it('passes an axe scan with the discussion open, with no CSP violation or page error', async () => {
    await expectNoSeriousAxeViolations(chair, 'chair with a resolved thread open');
    await expectNoSeriousAxeViolations(france, 'delegate with a resolved thread open');
    expect(stage.problems).toEqual([]);
  });

  it('shows hostile text in a comment as literal text on another delegate’s page, with one safe link', async () => {
    const hostile = '<img src=x onerror="window.__pwned=1"> <script>window.__pwned=2</script> [click](javascript:window.__pwned=3) https://example.org/safe';
    await typeAtEnd(egypt, '');
    await egypt.keyboard.press('Enter');
    await egypt.keyboard.type('Recalls Security Council resolution 984 (1995)', { delay: 10 });
    const commentButton = egypt.getByTestId('comment-button');
    await expect.poll(() => commentButton.textContent(), live).toBe('Comment on this paragraph');
    await commentButton.click();
    await egypt.getByTestId('new-thread-body').fill(hostile);
    await egypt.getByTestId('new-thread-send').click();
    await egypt.getByTestId('new-thread-form').waitFor({ state: 'detached' });
    const newThread = egypt.locator(`[data-testid="thread-item"]:not([data-thread-id="${threadId}"])`);
    await expect.poll(() => newThread.count(), live).toBe(1);
    const hostileId = (await newThread.getAttribute('data-thread-id')) ?? '';

    await threadItem(france, hostileId).waitFor(live);
    await expect.poll(() => threadItem(france, hostileId).locator('.thread__preview').textContent(), live).toBe(`EGY ${hostile}`);
    await openThread(france, hostileId);
    const comment = commentsOf(france, hostileId).first();
    await expect.poll(() => comment.locator('.comment__body').textContent(), live).toBe(hostile);
    expect(await comment.locator('img, script, iframe, object, embed, svg').count()).toBe(0);
    const links = await comment.locator('a').evaluateAll((anchors) => anchors.map((anchor) => ({ href: anchor.getAttribute('href'), rel: anchor.getAttribute('rel') ?? '' })));
    expect(links).toHaveLength(1);
    expect(links[0]!.href).toBe('https://example.org/safe');
    expect(links[0]!.rel.split(' ')).toContain('noopener');
    await shoot(france, '12-fra-sees-hostile-text');
    for (const page of [france, egypt, chair]) {
      expect(await page.locator('img[src="x"], .discussion script').count()).toBe(0);
      expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
    }
    expect(stage.problems).toEqual([]);
  });
});
