import { useSyncExternalStore } from 'react';

// A tiny router instead of a library: five screens, no nested layouts or loaders; pushState and popstate cover it.
const navigationEvent = 'concord:navigate';

/** Goes to `path` inside the app without reloading; `replace` keeps it out of the back history. */
export function navigate(path: string, { replace = false }: { replace?: boolean } = {}): void {
  if (path === currentLocation()) return;
  if (replace) window.history.replaceState(null, '', path);
  else window.history.pushState(null, '', path);
  window.dispatchEvent(new Event(navigationEvent));
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(navigationEvent, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(navigationEvent, onChange);
  };
}

function currentLocation(): string {
  return window.location.pathname + window.location.search + window.location.hash;
}

/** The current path, re-rendering on navigation and on the browser's back and forward buttons. */
export function usePathname(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname);
}

/** One query parameter of the current address (null when absent), re-rendering on navigation. */
export function useSearchParameter(name: string): string | null {
  return useSyncExternalStore(subscribe, () => new URLSearchParams(window.location.search).get(name));
}
