import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const store = fileURLToPath(new URL('../../node_modules/.pnpm', import.meta.url));

describe('the dependency tree', () => {
  it('holds exactly one yjs, a 13.6 release (two copies break Yjs type checks; Tiptap needs 13)', () => {
    const copies = readdirSync(store).filter((name) => /^yjs@/.test(name));
    expect(copies).toHaveLength(1);
    expect(copies[0]).toMatch(/^yjs@13\.6\.\d+$/);
  });
});
