import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';

/**
 * Opens `<directory>/concord.sqlite`, the one file of the embedded store, as each of its users does: WAL (so the
 * document store, the account store and the audit log may each hold a connection), a busy timeout for their
 * brief write locks, foreign keys on, and the durability level the caller needs.
 */
export function openSqliteFile(directory: string, synchronous: 'NORMAL' | 'FULL'): Database.Database {
  mkdirSync(directory, { recursive: true });
  const database = new Database(join(directory, 'concord.sqlite'));
  database.pragma('journal_mode = WAL');
  database.pragma(`synchronous = ${synchronous}`);
  database.pragma('busy_timeout = 5000');
  database.pragma('foreign_keys = ON');
  return database;
}
