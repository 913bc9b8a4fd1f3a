import { randomBytes } from 'node:crypto';
import type { Store } from './storage/Store.ts';

const demoTitles = ['Phase 1 options report on negative security assurances (demo)', 'Annual progress report 2026 (demo)'];

/** Gives a fresh demo installation something to open; does nothing once documents exist. */
export async function seedDemoDocuments(store: Store): Promise<void> {
  if ((await store.listDocuments()).length > 0) return;
  for (const title of demoTitles) {
    await store.createDocument({ id: randomBytes(9).toString('base64url'), title, createdAt: new Date().toISOString() });
  }
}
