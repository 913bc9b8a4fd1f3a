import { describe, expect, it } from 'vitest';
import { SaveTracker } from './SaveTracker.ts';

const update = new Uint8Array([0, 2, 1, 0]);
const syncStep2 = new Uint8Array([0, 1, 1, 0]);
const syncStep1 = new Uint8Array([0, 0, 1, 0]);

describe('SaveTracker', () => {
  it('is saved once the stored count reaches the update-bearing frames sent', () => {
    const tracker = new SaveTracker();
    const socket = {};
    tracker.connectionStarted(socket);
    tracker.frameSent(socket, syncStep1);
    tracker.frameSent(socket, syncStep2);
    tracker.frameSent(socket, update);
    expect(tracker.pending).toBe(2);
    tracker.storedCount(1);
    expect(tracker.pending).toBe(1);
    tracker.storedCount(2);
    expect(tracker.pending).toBe(0);
  });

  it('never lets a smaller (stale) count undo a larger one', () => {
    const tracker = new SaveTracker();
    const socket = {};
    tracker.connectionStarted(socket);
    tracker.frameSent(socket, update);
    tracker.frameSent(socket, update);
    tracker.storedCount(2);
    tracker.storedCount(1);
    expect(tracker.pending).toBe(0);
  });

  it('starts counting again on a new connection and ignores frames of the old one', () => {
    const tracker = new SaveTracker();
    const first = {};
    const second = {};
    tracker.connectionStarted(first);
    tracker.frameSent(first, update);
    tracker.connectionStarted(second);
    expect(tracker.pending).toBe(0);
    tracker.frameSent(first, update);
    expect(tracker.pending).toBe(0);
    tracker.frameSent(second, syncStep2);
    expect(tracker.pending).toBe(1);
    expect(tracker.sentCount).toBe(1);
  });
});
