import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { freePort } from './freePort.ts';
import { setTimeout as delay } from 'node:timers/promises';

export interface RedisServerOptions {
  appendOnly?: boolean;
  appendFsync?: 'always' | 'everysec';
  /** Data directory; a fresh temp directory when omitted. Pass the previous one to restart on the same data. */
  directory?: string;
  /** Port to listen on; a free one when omitted. Pass the previous one to restart at the same address. */
  port?: number;
}

export interface RedisServer {
  url: string;
  port: number;
  directory: string;
  /** Graceful shutdown (SIGTERM), resolved once the process has exited. */
  stop(): Promise<void>;
  /** Crash (SIGKILL): nothing gets flushed. Await `exited` before restarting on the same port. */
  kill(): void;
  exited: Promise<void>;
}

const notFoundMessage = 'redis-server not found: install it (Debian/Ubuntu: apt-get install redis-server) or set REDIS_URL';

// A test worker that exits (or is killed) mid-test must not leave redis-servers behind.
// Data directories outlive stop() so a test can restart on them; they go when the process exits
// normally (vitest workers do not: tests remove theirs, see redisUrlForTests).
const liveServers = new Set<ChildProcess>();
const createdDirectories: string[] = [];
process.once('exit', () => {
  for (const child of liveServers) signal(child, 'SIGKILL');
  for (const directory of createdDirectories) rmSync(directory, { recursive: true, force: true });
});

/** Spawns a real redis-server and resolves once it answers PING. */
export async function startRedisServer(options: RedisServerOptions = {}): Promise<RedisServer> {
  const port = options.port ?? (await freePort());
  const directory = options.directory ?? createDirectory();
  const args = [
    '--port', String(port),
    '--bind', '127.0.0.1',
    '--save', '',
    '--appendonly', options.appendOnly === true ? 'yes' : 'no',
    '--appendfsync', options.appendFsync ?? 'everysec',
    '--dir', directory,
  ];
  const redisServer = findExecutable('redis-server');
  if (redisServer === null) throw new Error(notFoundMessage);
  // setpriv --pdeathsig also covers a worker killed with SIGKILL, where no exit hook runs.
  const setpriv = findExecutable('setpriv');
  const child =
    setpriv === null
      ? spawn(redisServer, args, { stdio: ['ignore', 'pipe', 'pipe'] })
      : spawn(setpriv, ['--pdeathsig', 'KILL', redisServer, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  liveServers.add(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => liveServers.delete(child));
  const spawnError = new Promise<never>((_resolve, reject) => {
    child.once('error', reject);
    void exited.then(() => reject(new Error(`redis-server exited during startup:\n${output}`)));
  });
  spawnError.catch(() => undefined);
  try {
    await Promise.race([waitForPong(port), spawnError]);
  } catch (error) {
    signal(child, 'SIGKILL');
    throw error;
  }

  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    directory,
    exited,
    async stop() {
      signal(child, 'SIGTERM');
      await exited;
    },
    kill() {
      signal(child, 'SIGKILL');
    },
  };
}

/** A Redis for tests: REDIS_URL when set (never stopped by us), else a fresh redis-server. */
export async function redisUrlForTests(): Promise<{ url: string; stop(): Promise<void> }> {
  const givenUrl = process.env.REDIS_URL;
  if (givenUrl !== undefined && givenUrl !== '') return { url: givenUrl, stop: async () => undefined };
  const server = await startRedisServer();
  return {
    url: server.url,
    async stop() {
      await server.stop();
      rmSync(server.directory, { recursive: true, force: true });
    },
  };
}

function createDirectory(): string {
  const directory = mkdtempSync(join(tmpdir(), 'concord-redis-'));
  createdDirectories.push(directory);
  return directory;
}

/** The executable's path on PATH, or null. */
function findExecutable(name: string): string | null {
  for (const directory of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(directory, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not in this directory.
    }
  }
  return null;
}

function signal(child: ChildProcess, name: NodeJS.Signals): void {
  if (child.exitCode === null && child.signalCode === null) child.kill(name);
}


async function waitForPong(port: number, timeoutMilliseconds = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMilliseconds;
  while (Date.now() < deadline) {
    if (await answersPing(port)) return;
    await delay(20);
  }
  throw new Error(`redis-server on port ${port} did not answer PING within ${timeoutMilliseconds} ms`);
}

/** A raw socket PING, so waiting does not depend on a client's retry behaviour. */
function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    let reply = '';
    const finish = (answered: boolean) => {
      socket.destroy();
      resolve(answered);
    };
    socket.setTimeout(1000, () => finish(false));
    socket.once('error', () => finish(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk: Buffer) => {
      reply += chunk.toString();
      if (reply.includes('\r\n')) finish(reply.startsWith('+PONG'));
    });
  });
}
