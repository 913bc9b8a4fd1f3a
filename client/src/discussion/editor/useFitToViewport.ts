import { useEffect, type RefObject } from 'react';

/**
 * Keeps the side column (sticky, one screen tall) within the visible part of the window: until the page has
 * scrolled past the title above it, its foot would sit below the fold, and with it an open thread's reply box. Sets
 * `--side-visible-top` (how far down the column starts now) on the column that holds `ref`'s element, again on
 * scrolling, resizing, and whenever the page's height changes.
 */
export function useFitToViewport(ref: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const column = ref.current?.closest<HTMLElement>('.drafting__side') ?? null;
    if (column === null) return;
    let frame = 0;
    let applied = '';
    const measure = () => {
      frame = 0;
      const top = `${Math.max(0, Math.round(column.getBoundingClientRect().top))}px`;
      if (top === applied) return;
      applied = top;
      column.style.setProperty('--side-visible-top', top);
    };
    const schedule = () => {
      if (frame === 0) frame = window.requestAnimationFrame(measure);
    };
    measure();
    window.addEventListener('scroll', schedule, { passive: true });
    window.addEventListener('resize', schedule);
    // What is above the column can change height (a title that loads, a notice, a header that wraps).
    const resizes = new ResizeObserver(schedule);
    resizes.observe(document.body);
    return () => {
      resizes.disconnect();
      window.cancelAnimationFrame(frame);
      window.removeEventListener('scroll', schedule);
      window.removeEventListener('resize', schedule);
      column.style.removeProperty('--side-visible-top');
    };
  }, [ref]);
}
