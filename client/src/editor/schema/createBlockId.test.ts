import { describe, expect, it } from 'vitest';
import { blockIdSchema } from '@concord/shared';
import { createBlockId } from './createBlockId.ts';

describe('createBlockId', () => {
  it('makes ids the server accepts, each different', () => {
    const ids = new Set(Array.from({ length: 500 }, () => createBlockId()));
    expect(ids.size).toBe(500);
    for (const id of ids) expect(blockIdSchema.safeParse(id).success).toBe(true);
  });
});
