import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  auditDetailMaxKeys,
  auditEntryInputSchema,
  auditQuerySchema,
  type AuditActor,
  type AuditEntry,
  type AuditEntryInput,
  type AuditQuery,
} from '@concord/shared';
import type { AuditLog } from '../../server/src/audit/AuditLog.ts';
import { SqliteAuditLog } from '../../server/src/audit/SqliteAuditLog.ts';
import { RedisAuditLog, auditStreamKey } from '../../server/src/audit/RedisAuditLog.ts';
import { startRedisServer, type RedisServer } from '../utils/redisServer.ts';

const chair: AuditActor = { userId: 'user-chair-0001', email: 'chair@example.org', role: 'chair', affiliation: 'IRL' };
const delegate: AuditActor = { userId: 'user-delegate-02', email: 'delegate@example.org', role: 'delegate', affiliation: 'FRA' };
const secretariat: AuditActor = { userId: 'user-secretariat', email: 'desk@example.org', role: 'secretariat', affiliation: 'secretariat' };

/** The few better-sqlite3 calls the trigger test makes on its own connection. */
interface RawDatabase {
  prepare(sql: string): { run(...parameters: unknown[]): unknown };
  close(): void;
}

/** A connection of our own, not the log's. better-sqlite3 is the server's dependency, so it is loaded from there. */
function openRawDatabase(path: string): RawDatabase {
  const Database: unknown = createRequire(new URL('../../server/package.json', import.meta.url))('better-sqlite3');
  if (typeof Database !== 'function') throw new Error('better-sqlite3 did not load');
  return new (Database as new (path: string) => RawDatabase)(path);
}

/** A clock the test moves by hand, set in the past so Redis stream ids (real time) are always later. */
function manualClock(start = '2024-05-02T09:00:00.000Z') {
  let current = Date.parse(start);
  return {
    now: () => new Date(current),
    advance(milliseconds: number) {
      current += milliseconds;
    },
  };
}

/** Query with defaults filled in, as the route would pass it. */
const filter = (query: Partial<AuditQuery> = {}): AuditQuery => auditQuerySchema.parse(query);
const idsOf = (entries: AuditEntry[]) => entries.map((entry) => entry.id);

/** Orders ids of either backend: SQLite row ids ('42') and Redis stream ids ('1700000000000-3'). */
function compareIds(first: string, second: string): number {
  const [firstMajor = 0n, firstMinor = 0n] = first.split('-').map(BigInt);
  const [secondMajor = 0n, secondMinor = 0n] = second.split('-').map(BigInt);
  if (firstMajor !== secondMajor) return firstMajor < secondMajor ? -1 : 1;
  return firstMinor === secondMinor ? 0 : firstMinor < secondMinor ? -1 : 1;
}

/** Reads every entry matching `query` page by page, as a client following `before` would. */
async function readAllPages(log: AuditLog, query: Partial<AuditQuery>, limit: number): Promise<{ pages: number; entries: AuditEntry[] }> {
  const entries: AuditEntry[] = [];
  let before: string | undefined;
  for (let pages = 1; ; pages += 1) {
    const page = await log.query(filter({ ...query, limit, before }));
    expect(page.length).toBeLessThanOrEqual(limit);
    entries.push(...page);
    if (page.length < limit) return { pages, entries };
    before = page.at(-1)?.id;
  }
}

interface AuditLogBackend {
  /** Opens a log on this test's storage; a second call opens the same storage again. */
  open(now?: () => Date): AuditLog;
  dispose(): Promise<void>;
}

/** The behaviour every AuditLog backend must share. */
function describeAuditLogContract(createBackend: () => Promise<AuditLogBackend>): void {
  let backend: AuditLogBackend;
  let opened: AuditLog[];
  const open = (now?: () => Date) => {
    const log = backend.open(now);
    opened.push(log);
    return log;
  };
  beforeEach(async () => {
    backend = await createBackend();
    opened = [];
  });
  afterEach(async () => {
    for (const log of opened) await log.close();
    await backend.dispose();
  });

  it('appends an entry, stamping id and time, and reads it back', async () => {
    const clock = manualClock('2024-05-02T09:30:15.250Z');
    const log = open(clock.now);
    const appended = await log.append({
      type: 'update-refused',
      actor: delegate,
      ip: '192.0.2.7',
      documentId: 'doc-final-document',
      detail: { reason: 'paragraph-locked', paragraphId: 'p-12', bytes: 412, retried: false, note: null },
    });
    expect(appended).toEqual({
      id: expect.any(String),
      at: '2024-05-02T09:30:15.250Z',
      type: 'update-refused',
      actor: delegate,
      subject: null,
      ip: '192.0.2.7',
      documentId: 'doc-final-document',
      detail: { reason: 'paragraph-locked', paragraphId: 'p-12', bytes: 412, retried: false, note: null },
    });
    const failed = await log.append({ type: 'sign-in-failed', actor: null, subject: 'someone@example.org' });
    expect(failed).toMatchObject({ actor: null, subject: 'someone@example.org', ip: null, documentId: null, detail: {} });
    expect(await log.query(filter())).toEqual([failed, appended]);
  });

  it('lists newest first, with ids that increase in append order', async () => {
    const clock = manualClock();
    const log = open(clock.now);
    const appended: AuditEntry[] = [];
    for (const type of ['sign-in', 'account-created', 'invitation-issued', 'export', 'sign-out'] as const) {
      appended.push(await log.append({ type, actor: secretariat }));
      clock.advance(1000);
    }
    for (let index = 1; index < appended.length; index += 1) {
      expect(compareIds(appended[index - 1]?.id ?? '', appended[index]?.id ?? '')).toBe(-1);
    }
    expect(await log.query(filter())).toEqual([...appended].reverse());
    expect(idsOf(await log.query(filter({ limit: 2 })))).toEqual(idsOf([...appended].reverse().slice(0, 2)));
  });

  describe('filters', () => {
    let log: AuditLog;
    let all: AuditEntry[];
    const newestFirst = (keep: (entry: AuditEntry) => boolean) => idsOf([...all].reverse().filter(keep));

    beforeEach(async () => {
      const clock = manualClock('2024-05-02T09:00:00.000Z');
      log = open(clock.now);
      all = [];
      const events: AuditEntryInput[] = [
        { type: 'sign-in', actor: chair },
        { type: 'sign-in', actor: delegate },
        { type: 'sign-in-failed', actor: null, subject: 'chair@example.org' },
        { type: 'status-changed', actor: chair, documentId: 'doc-a', detail: { paragraphId: 'p-1', from: 'open', to: 'agreed' } },
        { type: 'update-refused', actor: delegate, documentId: 'doc-a', detail: { reason: 'paragraph-agreed' } },
        { type: 'status-changed', actor: chair, documentId: 'doc-b', detail: { paragraphId: 'p-9', from: 'open', to: 'bracketed' } },
        { type: 'export', actor: delegate, documentId: 'doc-b', detail: { format: 'docx' } },
        { type: 'account-updated', actor: secretariat, detail: { userId: chair.userId, field: 'role' } },
        { type: 'export', actor: chair, documentId: 'doc-a', detail: { format: 'markdown' } },
      ];
      for (const event of events) {
        all.push(await log.append(event));
        clock.advance(60_000);
      }
    });

    it('by type', async () => {
      expect(idsOf(await log.query(filter({ type: 'status-changed' })))).toEqual(newestFirst((entry) => entry.type === 'status-changed'));
      expect(await log.query(filter({ type: 'session-expired' }))).toEqual([]);
    });

    it('by acting user', async () => {
      const byChair = newestFirst((entry) => entry.actor?.userId === chair.userId);
      expect(byChair).toHaveLength(4);
      expect(idsOf(await log.query(filter({ userId: chair.userId })))).toEqual(byChair);
    });

    it('by document', async () => {
      const onDocumentA = newestFirst((entry) => entry.documentId === 'doc-a');
      expect(onDocumentA).toHaveLength(3);
      expect(idsOf(await log.query(filter({ documentId: 'doc-a' })))).toEqual(onDocumentA);
    });

    it('by time: since is inclusive, until exclusive', async () => {
      const fourth = all[3];
      const seventh = all[6];
      if (fourth === undefined || seventh === undefined) throw new Error('fixture too short');
      expect(idsOf(await log.query(filter({ since: fourth.at })))).toEqual(idsOf(all.slice(3).reverse()));
      expect(idsOf(await log.query(filter({ until: fourth.at })))).toEqual(idsOf(all.slice(0, 3).reverse()));
      expect(idsOf(await log.query(filter({ since: fourth.at, until: seventh.at })))).toEqual(idsOf(all.slice(3, 6).reverse()));
      // Bounds finer than `at`'s milliseconds: the entry at .000 is before .0005, so since excludes and until includes it.
      const justAfterFourth = fourth.at.replace('.000Z', '.0005Z');
      expect(idsOf(await log.query(filter({ since: justAfterFourth })))).toEqual(idsOf(all.slice(4).reverse()));
      expect(idsOf(await log.query(filter({ until: justAfterFourth })))).toEqual(idsOf(all.slice(0, 4).reverse()));
    });

    it('combined', async () => {
      const fifth = all[4];
      if (fifth === undefined) throw new Error('fixture too short');
      const query = { type: 'export', userId: chair.userId, documentId: 'doc-a', since: fifth.at } as const;
      const expected = newestFirst(
        (entry) =>
          entry.type === 'export' &&
          entry.actor?.userId === chair.userId &&
          entry.documentId === 'doc-a' &&
          Date.parse(entry.at) >= Date.parse(fifth.at),
      );
      expect(expected).toHaveLength(1);
      expect(idsOf(await log.query(filter(query)))).toEqual(expected);
      expect(await log.query(filter({ ...query, userId: delegate.userId }))).toEqual([]);
      expect(idsOf(await log.query(filter({ userId: chair.userId, documentId: 'doc-a' })))).toEqual(
        newestFirst((entry) => entry.actor?.userId === chair.userId && entry.documentId === 'doc-a'),
      );
    });
  });

  it('pages back through 1,200 entries with before and limit, alone and with a filter', async () => {
    const clock = manualClock('2024-05-02T00:00:00.000Z');
    const log = open(clock.now);
    const appended: AuditEntry[] = [];
    for (let index = 0; index < 1200; index += 1) {
      // Every seventh is an export: sparse matches make a filtered page read past several stream pages.
      const type = index % 7 === 0 ? 'export' : 'update-refused';
      appended.push(await log.append({ type, actor: delegate, documentId: 'doc-a', detail: { index } }));
      clock.advance(10);
    }
    const newestFirst = idsOf([...appended].reverse());

    const byFiveHundred = await readAllPages(log, {}, 500);
    expect(byFiveHundred.pages).toBe(3);
    expect(idsOf(byFiveHundred.entries)).toEqual(newestFirst);

    const byHundred = await readAllPages(log, {}, 100);
    expect(byHundred.pages).toBe(13);
    expect(idsOf(byHundred.entries)).toEqual(newestFirst);

    const exports = newestFirst.filter((_id, position) => (1199 - position) % 7 === 0);
    expect(exports).toHaveLength(172);
    const exportPages = await readAllPages(log, { type: 'export' }, 100);
    expect(exportPages.pages).toBe(2);
    expect(idsOf(exportPages.entries)).toEqual(exports);

    const middle = appended[600];
    if (middle === undefined) throw new Error('fixture too short');
    expect(idsOf(await log.query(filter({ before: middle.id, limit: 3 })))).toEqual(idsOf(appended.slice(597, 600).reverse()));
    const oldest = appended[0];
    if (oldest === undefined) throw new Error('fixture too short');
    expect(await log.query(filter({ before: oldest.id }))).toEqual([]);
  });

  it('refuses invalid entries with an error naming the field, and stores none of them', async () => {
    const log = open();
    const refusals: [unknown, RegExp][] = [
      [{ type: 'password-changed', actor: chair }, /invalid audit entry[\s\S]*type/],
      [{ type: 'export', actor: chair, detail: { document: { text: 'Operative paragraph 1' } } }, /invalid audit entry[\s\S]*detail\.document/],
      [{ type: 'export', actor: chair, detail: { paragraphs: ['a', 'b'] } }, /invalid audit entry[\s\S]*detail\.paragraphs/],
      [{ type: 'export', actor: chair, detail: { excerpt: 'x'.repeat(501) } }, /invalid audit entry[\s\S]*detail\.excerpt/],
      [{ type: 'export', actor: chair, detail: { ratio: Number.POSITIVE_INFINITY } }, /invalid audit entry[\s\S]*detail\.ratio/],
      [{ type: 'sign-in', actor: { userId: chair.userId, email: chair.email, role: 'president', affiliation: 'IRL' } }, /invalid audit entry[\s\S]*actor\.role/],
      [{ type: 'sign-in' }, /invalid audit entry[\s\S]*actor/],
    ];
    for (const [input, message] of refusals) {
      // Casts stand for a caller that bypasses the types, e.g. with data from JSON.
      await expect(log.append(input as AuditEntryInput), JSON.stringify(input)).rejects.toThrow(message);
    }
    const manyFacts = Object.fromEntries(Array.from({ length: auditDetailMaxKeys + 1 }, (_value, index) => [`part${index}`, 'x'.repeat(500)]));
    await expect(log.append({ type: 'export', actor: chair, detail: manyFacts })).rejects.toThrow(/invalid audit entry[\s\S]*detail fields/);
    expect(await log.query(filter())).toEqual([]);

    const atTheCap = await log.append({ type: 'export', actor: chair, detail: { reason: 'r'.repeat(500) } });
    expect((await log.query(filter()))[0]).toEqual(atTheCap);
  });

  it('drops fields outside the schema, so a password or token passed by mistake is never stored', async () => {
    const log = open();
    const careless = { type: 'sign-in', actor: { ...chair, passwordHash: 'scrypt$secret' }, password: 'hunter2', token: 'session-token' };
    await log.append(careless as AuditEntryInput);
    const [stored] = await log.query(filter());
    expect(stored?.actor).toEqual(chair);
    expect(JSON.stringify(stored)).not.toMatch(/secret|hunter2|session-token/);
  });

  it('refuses a before id it did not hand out', async () => {
    const log = open();
    await log.append({ type: 'sign-in', actor: chair });
    await expect(log.query(filter({ before: 'not-an-id' }))).rejects.toThrow(/invalid audit entry id "not-an-id"/);
  });

  it('keeps its entries across reopening, and appends after them', async () => {
    const clock = manualClock();
    const first = open(clock.now);
    const before = [await first.append({ type: 'sign-in', actor: chair }), await first.append({ type: 'export', actor: chair, documentId: 'doc-a' })];
    await first.close();
    await expect(first.append({ type: 'sign-out', actor: chair })).rejects.toThrow(/closed/);

    clock.advance(1000);
    const second = open(clock.now);
    expect(await second.query(filter())).toEqual([...before].reverse());
    const after = await second.append({ type: 'sign-out', actor: chair });
    expect(compareIds(before[1]?.id ?? '', after.id)).toBe(-1);
    expect(idsOf(await second.query(filter()))).toEqual([after.id, ...idsOf([...before].reverse())]);
  });
}

describe('audit entry schema', () => {
  it('carries no nested objects or arrays in detail, and caps every string', () => {
    const jsonSchema: unknown = auditEntryInputSchema.toJSONSchema({ io: 'input' });
    expect(jsonSchema).toMatchObject({
      properties: {
        detail: {
          type: 'object',
          additionalProperties: {
            anyOf: [{ type: 'string', maxLength: 500 }, { type: 'number' }, { type: 'boolean' }, { type: 'null' }],
          },
        },
      },
    });

    // Walks the whole schema: every string has a cap, and the only objects are the entry, its actor and its detail.
    const objectPaths: string[] = [];
    const uncappedStrings: string[] = [];
    const visit = (node: unknown, path: string): void => {
      if (Array.isArray(node)) return node.forEach((child, index) => visit(child, `${path}[${index}]`));
      if (typeof node !== 'object' || node === null) return;
      const record = node as Record<string, unknown>;
      if (record.type === 'object') objectPaths.push(path);
      if (record.type === 'array') objectPaths.push(`${path} (array)`);
      if (record.type === 'string' && record.enum === undefined && typeof record.maxLength !== 'number') uncappedStrings.push(path);
      for (const [key, child] of Object.entries(record)) visit(child, `${path}/${key}`);
    };
    visit(jsonSchema, '');
    expect(uncappedStrings).toEqual([]);
    expect(objectPaths).toEqual(['', '/properties/actor/anyOf[0]', '/properties/detail']);
  });
});

describe('SqliteAuditLog', () => {
  let directory = '';
  describeAuditLogContract(async () => {
    directory = mkdtempSync(join(tmpdir(), 'concord-audit-'));
    return {
      open: (now) => new SqliteAuditLog({ directory, now }),
      dispose: async () => rmSync(directory, { recursive: true, force: true }),
    };
  });

  it('refuses UPDATE and DELETE even through a raw connection (triggers)', async () => {
    const log = new SqliteAuditLog({ directory });
    const entry = await log.append({ type: 'status-changed', actor: chair, documentId: 'doc-a', detail: { to: 'agreed' } });
    const raw = openRawDatabase(join(directory, 'concord.sqlite'));
    try {
      expect(() => raw.prepare("UPDATE audit_log SET type = 'export' WHERE id = ?").run(Number(entry.id))).toThrow(/append-only: UPDATE refused/);
      expect(() => raw.prepare('DELETE FROM audit_log WHERE id = ?').run(Number(entry.id))).toThrow(/append-only: DELETE refused/);
      expect(() => raw.prepare('DELETE FROM audit_log').run()).toThrow(/append-only: DELETE refused/);
      expect(await log.query(filter())).toEqual([entry]);
    } finally {
      raw.close();
      await log.close();
    }
  });
});

describe('RedisAuditLog', () => {
  let server: RedisServer;
  let url = '';
  beforeAll(async () => {
    server = await startRedisServer();
    url = server.url;
  });
  afterAll(async () => {
    await server.stop();
    rmSync(server.directory, { recursive: true, force: true });
  });

  /** A raw client on our own redis-server, for what the log itself never does. */
  async function withRawClient<T>(use: (redis: Redis) => Promise<T>): Promise<T> {
    const redis = new Redis(url);
    try {
      return await use(redis);
    } finally {
      await redis.quit();
    }
  }

  describeAuditLogContract(async () => {
    // Every log uses the one stream key, so each test starts from an empty server.
    await withRawClient((redis) => redis.flushall());
    return { open: (now) => new RedisAuditLog(url, { now }), dispose: async () => undefined };
  });

  it('reports a corrupted entry instead of skipping it, and since keeps older entries out of the scan', async () => {
    await withRawClient((redis) => redis.flushall());
    // Written with explicit ids, as if appended in 2001; the log itself only ever appends with `*`.
    await withRawClient(async (redis) => {
      await redis.xadd(auditStreamKey, '1000000000000-0', 'entry', '{"type":"sign-in", truncated');
      await redis.xadd(auditStreamKey, '1000000000001-0', 'entry', JSON.stringify({ type: 'sign-in', actor: chair, at: '2001-09-09T01:46:40.001Z' }));
    });
    const log = new RedisAuditLog(url);
    try {
      const recent = await log.append({ type: 'export', actor: chair, documentId: 'doc-a' });
      await expect(log.query(filter())).rejects.toThrow(/corrupted audit entry 1000000000000-0 in concord:audit: not JSON/);
      await expect(log.query(filter({ type: 'sign-out' }))).rejects.toThrow(/corrupted audit entry 1000000000000-0/);
      expect(await log.query(filter({ limit: 2 }))).toEqual([recent, expect.objectContaining({ id: '1000000000001-0', detail: {} })]);
      expect(await log.query(filter({ since: '2020-01-01T00:00:00Z' }))).toEqual([recent]);
    } finally {
      await log.close();
    }
  });
});
