import { useEffect, useRef } from 'react';

/** How often a page without a live connection reads again what others may have changed. */
export const refreshIntervalMs = 60_000;

/** Calls `refresh` every minute and whenever the window gets the focus back (coming back to the tab, say). */
export function useRefreshSchedule(refresh: () => void): void {
  const latest = useRef(refresh);
  latest.current = refresh;
  useEffect(() => {
    const run = () => latest.current();
    const timer = window.setInterval(run, refreshIntervalMs);
    window.addEventListener('focus', run);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener('focus', run);
    };
  }, []);
}
