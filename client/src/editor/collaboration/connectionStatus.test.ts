import { describe, expect, it } from 'vitest';
import { connectionDisplay, nextAnnouncement, type ConnectionFacts } from './connectionStatus.ts';

const base: ConnectionFacts = { open: true, everOpenOrFailed: true, synced: true, canEdit: true, pending: 0, unsentLocalChanges: false };

describe('connectionDisplay', () => {
  it('says connecting before the first attempt ends, and offline after', () => {
    expect(connectionDisplay({ ...base, open: false, everOpenOrFailed: false })).toBe('connecting');
    expect(connectionDisplay({ ...base, open: false })).toBe('offline');
    expect(connectionDisplay({ ...base, open: false, unsentLocalChanges: true })).toBe('offlineUnsaved');
  });

  it('says saving until the server confirms every update, then saved', () => {
    expect(connectionDisplay({ ...base, pending: 2 })).toBe('saving');
    expect(connectionDisplay({ ...base, unsentLocalChanges: true })).toBe('saving');
    expect(connectionDisplay(base)).toBe('saved');
  });

  it('says connected while synchronising, and for read-only accounts that have nothing to save', () => {
    expect(connectionDisplay({ ...base, synced: false })).toBe('connected');
    expect(connectionDisplay({ ...base, canEdit: false })).toBe('connected');
  });
});

describe('nextAnnouncement', () => {
  it('announces connection changes at once', () => {
    expect(nextAnnouncement(null, 'connecting')).toBe('connecting');
    expect(nextAnnouncement('saved', 'offline')).toBe('offline');
    expect(nextAnnouncement('offline', 'offlineUnsaved')).toBe('offlineUnsaved');
  });

  it('says "saved" only after something was pending, and nothing twice', () => {
    expect(nextAnnouncement('saving', 'saved')).toBe('saved');
    expect(nextAnnouncement('offlineUnsaved', 'saved')).toBe('saved');
    expect(nextAnnouncement('connecting', 'saved')).toBe('saved');
    expect(nextAnnouncement('connected', 'saved')).toBeNull();
    expect(nextAnnouncement('saved', 'saved')).toBeNull();
  });
});
