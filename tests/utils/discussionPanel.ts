import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';

/** How long a live change may take to reach another browser (message 103, then a refetch over HTTP). */
export const live = { timeout: 15_000 };

/** A thread's card in the discussion panel. */
export const threadItem = (page: Page, threadId: string): Locator => page.locator(`[data-testid="thread-item"][data-thread-id="${threadId}"]`);

/** The comments a thread's card shows (open cards only). */
export const commentsOf = (page: Page, threadId: string): Locator => threadItem(page, threadId).getByTestId('comment');

/** The thread's `comment` mark in the text. */
export const anchorMark = (page: Page, threadId: string): Locator => page.locator(`.ProseMirror span.comment-anchor[data-thread-id="${threadId}"]`);

/** The balance of a thread as the page words it (whitespace collapsed; "Comments: NWS 1 · NNWS 0 …"), and its state attribute. */
export async function balanceOf(page: Page, threadId: string): Promise<{ words: string; state: string | null }> {
  const balance = threadItem(page, threadId).getByTestId('balance');
  const words = (await balance.innerText()).replace(/\s+/g, ' ').trim();
  return { words, state: await balance.getAttribute('data-balance') };
}

/** Waits until the thread's balance reads `words` with the state `state` (e.g. "only-nnws", "all"). */
export async function expectBalance(page: Page, threadId: string, words: string, state: string): Promise<void> {
  await expect.poll(() => balanceOf(page, threadId), live).toEqual({ words, state });
}

/** Opens a thread's card (its heading button), as a person would to read and reply. */
export async function openThread(page: Page, threadId: string): Promise<void> {
  const toggle = threadItem(page, threadId).locator('.thread__toggle');
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await expect.poll(() => toggle.getAttribute('aria-expanded'), live).toBe('true');
}

/**
 * Starts noting every "Anchored text deleted" warning the page shows, however briefly (a MutationObserver in the
 * page); the function returned reads what was noted.
 */
export async function recordDetachedWarnings(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { __detachedWarnings: string[] }).__detachedWarnings = seen;
    new MutationObserver(() => {
      for (const warning of document.querySelectorAll('.anchor__detached')) seen.push(warning.textContent ?? '');
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  return () => page.evaluate(() => [...(window as unknown as { __detachedWarnings: string[] }).__detachedWarnings]);
}

/** Whether a person sees the element and can click it without scrolling: inside the window, and on top at its centre. */
export async function clickableWithoutScrolling(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => {
    const box = element.getBoundingClientRect();
    const inside = box.top >= 0 && box.left >= 0 && box.bottom <= window.innerHeight && box.right <= window.innerWidth;
    const onTop = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    return inside && onTop !== null && (onTop === element || element.contains(onTop));
  });
}
