import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { CloseCode } from '@concord/shared';
import { ServerAtFixedPort, TokenTyper, createDocumentAt, missingTokens, readDocumentText } from '../utils/cluster.ts';
import { websocketHeaders } from '../utils/credentials.ts';
import { eventually } from '../utils/providers.ts';
import { RawClient } from '../utils/RawClient.ts';
import { startRedisServer } from '../utils/redisServer.ts';

const serverDirectory = fileURLToPath(new URL('../../server', import.meta.url));

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function track(client: RawClient): RawClient {
  cleanups.push(() => client.destroy());
  return client;
}

function temporaryDirectory(): string {
  const directory = mkdtempSync(path.join(tmpdir(), 'concord-shutdown-'));
  cleanups.push(() => rmSync(directory, { recursive: true, force: true }));
  return directory;
}

/** Everything the server writes back on `socket` until it ends the connection. */
function readUntilClosed(socket: Socket): Promise<string> {
  return new Promise((resolve) => {
    let received = '';
    socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
    socket.on('error', () => undefined);
    socket.once('close', () => resolve(received));
  });
}

describe('SIGTERM', () => {
  it('during a burst of edits: exits 0, closes the client with 1001, and keeps every acknowledged update', async () => {
    const server = await ServerAtFixedPort.start({ DATA_DIR: temporaryDirectory(), SHUTDOWN_TIMEOUT_MS: '5000', MAX_MESSAGES_PER_SECOND: '100000' });
    cleanups.push(() => server.kill());
    const documentId = await createDocumentAt(server.url, 'Burst');
    const writer = track(new RawClient(server.url, documentId));
    await writer.whenSynced();
    const typer = new TokenTyper('burst', writer.doc, writer);
    const burst = setInterval(() => {
      for (let keystroke = 0; keystroke < 5; keystroke++) typer.typeOne();
    }, 1);
    cleanups.push(() => clearInterval(burst));
    await writer.waitFor(() => writer.storedCount >= 200, 10_000, 'the burst to be under way');

    const exitCode = server.stop('SIGTERM');
    const closeEvent = await writer.closed;
    clearInterval(burst);
    expect(closeEvent.code).toBe(CloseCode.goingAway);
    // main.ts exits with 1 once SHUTDOWN_TIMEOUT_MS has passed, so 0 means the shutdown finished in time.
    expect(await exitCode).toBe(0);
    const confirmed = typer.confirmed();
    // The burst outlived the server: some keystrokes were never acknowledged.
    expect(typer.typed.length).toBeGreaterThan(confirmed.length);

    await server.restart();
    const recovered = await readDocumentText(server.url, documentId);
    expect(missingTokens(recovered, confirmed)).toEqual([]);
    // A single writer appending at the end: what was kept is a prefix of what was typed, without holes.
    expect(typer.typed.join('').startsWith(recovered)).toBe(true);
  });

  it('refuses upgrades once it has begun, and acknowledges the writes it waits for before closing with 1001', async () => {
    const redis = await startRedisServer();
    cleanups.push(() => redis.stop());
    const server = await ServerAtFixedPort.start({ REDIS_URL: redis.url, LOG_LEVEL: 'info', SHUTDOWN_TIMEOUT_MS: '20000' });
    cleanups.push(() => server.kill());
    const documentId = await createDocumentAt(server.url, 'Shutdown');
    const writer = track(new RawClient(server.url, documentId));
    await writer.whenSynced();
    const typer = new TokenTyper('writer', writer.doc, writer);
    typer.typeOne();
    await writer.whenStored();

    // A connection accepted before the signal, whose upgrade request is finished only after it.
    const lateUpgrade = connect(server.port, '127.0.0.1');
    cleanups.push(() => void lateUpgrade.destroy());
    await new Promise<void>((resolve) => lateUpgrade.once('connect', () => resolve()));
    const response = readUntilClosed(lateUpgrade);
    // Signed in like the writer, so that only the shutdown can refuse it.
    const { cookie, origin } = websocketHeaders(server.url);
    if (cookie === undefined) throw new Error(`no session remembered for ${server.url}`);
    lateUpgrade.write(`GET /collab/${documentId} HTTP/1.1\r\nHost: ${new URL(server.url).host}\r\nOrigin: ${origin}\r\nCookie: ${cookie}\r\n`);

    // Redis holds every write, so the shutdown waits on the store with the writer's last update in flight.
    const admin = new Redis(redis.url);
    cleanups.push(async () => {
      await admin.call('CLIENT', 'UNPAUSE').catch(() => undefined);
      admin.disconnect();
    });
    await admin.call('CLIENT', 'PAUSE', '30000', 'WRITE');
    typer.typeOne();
    const exitCode = server.stop('SIGTERM');
    await eventually(() => server.process.output().includes('shutting down'), 10_000, 'the shutdown to begin');

    const newcomer = track(new RawClient(server.url, documentId));
    await expect(newcomer.opened).rejects.toThrow(/ECONNREFUSED/);
    const key = randomBytes(16).toString('base64');
    lateUpgrade.write(`Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`);
    expect(await response).toMatch(/^HTTP\/1\.1 503 /);
    expect(writer.storedCount).toBeLessThan(writer.updatesSent);

    await admin.call('CLIENT', 'UNPAUSE');
    expect((await writer.closed).code).toBe(CloseCode.goingAway);
    expect(await exitCode).toBe(0);
    // The update the store held up was stored, and acknowledged before the going-away close.
    expect(writer.storedCount).toBe(writer.updatesSent);

    await server.restart();
    expect(missingTokens(await readDocumentText(server.url, documentId), typer.typed)).toEqual([]);
  });
});

describe('a bad configuration', () => {
  it.each([
    ['PORT', 'abc'],
    ['REDIS_URL', 'http://x'],
    ['SHUTDOWN_TIMEOUT_MS', '-1'],
  ])('%s=%s stops the process with one line on stderr naming the variable', async (name, value) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: serverDirectory,
      env: { ...process.env, PORT: '0', DATA_DIR: temporaryDirectory(), REDIS_URL: '', LOG_LEVEL: 'warn', [name]: value },
      stdio: ['ignore', 'pipe', 'pipe'],
      // A process that starts despite the bad value must not outlive the test.
      timeout: 30_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exitCode = await new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

    expect(stdout).not.toContain('Concord is running');
    expect(exitCode).not.toBe(0);
    expect(exitCode).not.toBeNull();
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(name);
  });
});
