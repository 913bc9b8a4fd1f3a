import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

/** tests/golden: expected outputs, reviewed by a person when written. */
export const goldenDirectory = fileURLToPath(new URL('../golden', import.meta.url));

/**
 * Compares `actual` with the golden file `name` (relative to tests/golden). With UPDATE_GOLDEN=1 it writes the file
 * first: review the diff before committing it.
 */
export function expectGolden(name: string, actual: string): void {
  const file = path.join(goldenDirectory, name);
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, actual);
  }
  expect(existsSync(file), `${file} is missing: run the test with UPDATE_GOLDEN=1 and review the file`).toBe(true);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}
