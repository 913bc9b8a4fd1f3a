import { describe, expect, it } from 'vitest';
import { summarisePositions, type DiscussionMessage, type Flag, type Position } from '@concord/shared';
import type { DocumentPositions } from '../api/positions.ts';
import { PositionsStore, type PositionsSource } from './PositionsStore.ts';

const position: Position = {
  documentId: 'doc-0001',
  blockId: 'op00001',
  delegationCode: 'FRA',
  stance: 'supports',
  explanation: null,
  recordedBy: 'user-fra',
  recordedAt: '2026-11-30T10:00:00.000Z',
};
const flag: Flag = { id: 'flag-0001', documentId: 'doc-0001', blockId: 'op00001', delegationCode: 'EGY', explanation: 'Our text is missing.', raisedBy: 'user-egy', raisedAt: '2026-11-30T10:00:00.000Z', answer: null };

/** A source that answers what it is told, counting the requests and letting the test decide when each answer comes. */
function controlledSource() {
  const calls = { positions: 0, flags: 0 };
  const pending: Array<() => void> = [];
  let positions: Position[] = [];
  let flags: Flag[] = [];
  const source: PositionsSource = {
    listPositions: () => {
      calls.positions += 1;
      return new Promise<DocumentPositions>((resolve) =>
        pending.push(() => resolve({ positions, summaries: Object.fromEntries(positions.map((each) => [each.blockId, summarisePositions(positions, each.documentId, each.blockId)])) })),
      );
    },
    listFlags: () => {
      calls.flags += 1;
      return new Promise<Flag[]>((resolve) => pending.push(() => resolve(flags)));
    },
  };
  const answerAll = async () => {
    while (pending.length > 0) {
      pending.shift()?.();
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  };
  return { source, calls, answerAll, set: (next: { positions?: Position[]; flags?: Flag[] }) => ((positions = next.positions ?? positions), (flags = next.flags ?? flags)) };
}

describe('PositionsStore', () => {
  it('loads both lists on connecting and refetches only what a live message names', async () => {
    const { source, calls, answerAll, set } = controlledSource();
    const store = new PositionsStore('doc-0001', source);
    let listener: (message: DiscussionMessage) => void = () => {};
    store.connect({ subscribeDiscussion: (next) => ((listener = next), () => {}) });
    await answerAll();
    expect(store.getSnapshot().loaded).toBe(true);
    expect(calls).toEqual({ positions: 1, flags: 1 });

    set({ positions: [position] });
    listener({ kind: 'positions', blockId: 'op00001' });
    await answerAll();
    expect(calls).toEqual({ positions: 2, flags: 1 });
    expect(store.getSnapshot().summaries.get('op00001')?.supports.map((entry) => entry.delegationCode)).toEqual(['FRA']);

    set({ flags: [flag] });
    listener({ kind: 'flags', flagId: 'flag-0001' });
    listener({ kind: 'thread', threadId: 'thread-0001' });
    await answerAll();
    expect(calls).toEqual({ positions: 2, flags: 2 });
    expect(store.getSnapshot().flags).toEqual([flag]);

    listener({ kind: 'resync' });
    await answerAll();
    expect(calls).toEqual({ positions: 3, flags: 3 });
  });

  it('runs a burst of messages as one fetch in flight and one after it, so the last answer is the newest', async () => {
    const { source, calls, answerAll } = controlledSource();
    const store = new PositionsStore('doc-0001', source);
    for (let index = 0; index < 5; index++) store.handle({ kind: 'positions', blockId: 'op00001' });
    await answerAll();
    expect(calls.positions).toBe(2);
  });

  it("shows one's own position and flag at once, and tells its subscribers", () => {
    const store = new PositionsStore('doc-0001', controlledSource().source);
    let told = 0;
    store.subscribe(() => (told += 1));
    store.applyRecorded(position, summarisePositions([position], 'doc-0001', 'op00001'));
    store.applyFlag(flag);
    store.applyFlag({ ...flag, answer: { by: 'chair-1', at: '2026-11-30T11:00:00.000Z', text: 'Noted.' } });
    expect(told).toBe(3);
    expect(store.getSnapshot().summaries.get('op00001')?.supports).toHaveLength(1);
    expect(store.getSnapshot().flags.map((each) => each.answer?.text)).toEqual(['Noted.']);
  });

  it('keeps what it showed when a refresh fails, and says so', async () => {
    const store = new PositionsStore('doc-0001', { listPositions: () => Promise.reject(new Error('offline')), listFlags: () => Promise.resolve([flag]) });
    await store.refresh();
    expect(store.getSnapshot().error).toBeInstanceOf(Error);
    expect(store.getSnapshot().flags).toEqual([flag]);
    expect(store.getSnapshot().loaded).toBe(false);
  });
});
