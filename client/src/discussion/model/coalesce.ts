/**
 * Runs `task` now, or once more after the run in progress when called during one: a burst of live-update
 * messages about one thread costs at most two requests, and the last one starts after the last message.
 */
export function coalesce(task: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | null = null;
  let again = false;
  const run = async (): Promise<void> => {
    try {
      do {
        again = false;
        await task().catch(() => undefined);
      } while (again);
    } finally {
      running = null;
    }
  };
  return () => {
    if (running !== null) {
      again = true;
      return running;
    }
    running = run();
    return running;
  };
}
