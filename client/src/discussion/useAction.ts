import { useCallback, useState } from 'react';

export interface Action {
  pending: boolean;
  /** What the server (or the network) answered to the last attempt, until the next one. */
  error: unknown;
  /** Runs `task`; resolves to its result, or undefined when it failed (the error is then shown). */
  run: <T>(task: () => Promise<T>) => Promise<T | undefined>;
  clearError: () => void;
}

/** One action's progress and error, to show next to its button. */
export function useAction(): Action {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = useCallback(async <T,>(task: () => Promise<T>): Promise<T | undefined> => {
    setPending(true);
    setError(null);
    try {
      return await task();
    } catch (caught) {
      setError(caught);
      return undefined;
    } finally {
      setPending(false);
    }
  }, []);
  const clearError = useCallback(() => setError(null), []);
  return { pending, error, run, clearError };
}
