import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import type { CreateDocument } from '@concord/shared';
import { provisionAccount, rememberCredentials, signInOverHttp, type AccountSpec, type Credentials } from '../utils/credentials.ts';
import { freePort } from '../utils/freePort.ts';

/** A server under test, running as its own process so its CPU and RSS can be read from /proc. */
export interface BenchServer {
  readonly label: string;
  readonly url: string;
  readonly pid: number;
  readonly port: number;
  /** Creates a document (Concord: through the API, as its signed-in chair) and returns its id. */
  createDocument(title?: string): Promise<string>;
  /** Documents held in memory and V8 heap in use, as the server reports them. */
  stats(): Promise<{ documentsLoaded: number; heapUsed: number }>;
  /** Runs a full V8 garbage collection in the server (through its inspector; needs `inspector: true`). */
  collectGarbage(): Promise<void>;
  /** SIGTERM, resolved once the process has exited; throws when it exits with an error. */
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
// A failed run must not leave servers behind; only processes this benchmark spawned are touched.
process.once('exit', () => {
  for (const child of running) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

interface NodeServerProcess {
  url: string;
  pid: number;
  /** The V8 inspector's websocket URL, when started with one. */
  inspectorUrl: string | null;
  /** SIGTERM; resolves with the exit code and everything the process printed. */
  stop(): Promise<{ code: number | null; output: string }>;
}

/**
 * Runs `node --import tsx <script>` and waits for the line that gives its URL. BENCH_PROFILE_DIR=<dir>
 * adds --cpu-prof, so each server writes a V8 CPU profile there when it exits.
 */
async function spawnNodeServer(script: string, cwd: string, environment: Record<string, string | undefined>, ready: RegExp, inspector = false): Promise<NodeServerProcess> {
  const profileDirectory = process.env.BENCH_PROFILE_DIR;
  const profiling = profileDirectory ? ['--cpu-prof', `--cpu-prof-dir=${profileDirectory}`] : [];
  const inspecting = inspector ? ['--inspect=127.0.0.1:0'] : [];
  const child = spawn(process.execPath, [...profiling, ...inspecting, '--import', 'tsx', script], { cwd, env: { ...process.env, ...environment }, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  void exited.then(() => running.delete(child));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not start within 30 s:\n${output}`)), 30_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = ready.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited with ${code}:\n${output}`));
    });
  });
  if (child.pid === undefined) throw new Error(`${script} has no pid`);
  return {
    url,
    pid: child.pid,
    inspectorUrl: /Debugger listening on (ws:\S+)/.exec(output)?.[1] ?? null,
    async stop() {
      child.kill('SIGTERM');
      return { code: await exited, output };
    },
  };
}

/** HeapProfiler.collectGarbage over the inspector protocol: a full GC, so heap figures show what is still referenced. */
async function collectGarbage(server: NodeServerProcess): Promise<void> {
  if (server.inspectorUrl === null) throw new Error('the server was started without an inspector');
  const socket = new WebSocket(server.inspectorUrl);
  try {
    await new Promise<void>((resolve, reject) => socket.once('open', () => resolve()).once('error', reject));
    await new Promise<void>((resolve, reject) => {
      socket.on('message', (data: Buffer) => {
        const reply = JSON.parse(data.toString()) as { id?: number; error?: { message?: string } };
        if (reply.id !== 1) return;
        if (reply.error) reject(new Error(`collectGarbage failed: ${reply.error.message ?? 'unknown error'}`));
        else resolve();
      });
      socket.send(JSON.stringify({ id: 1, method: 'HeapProfiler.collectGarbage' }));
    });
  } finally {
    socket.close();
  }
}

async function stopCleanly(label: string, server: NodeServerProcess): Promise<void> {
  const { code, output } = await server.stop();
  if (code !== 0) throw new Error(`${label} exited with ${code}:\n${output}`);
}

const serverDirectory = fileURLToPath(new URL('../../server', import.meta.url));

export interface ConcordOptions {
  label: string;
  /** SQLite directory; when omitted, a fresh temp directory that `stop()` removes. */
  dataDirectory?: string;
  redisUrl?: string;
  port?: number;
  environment?: Record<string, string>;
  /** Start with the V8 inspector on a free port, for collectGarbage(). */
  inspector?: boolean;
}

/** The account the load clients of a Concord under test use: a chair may create documents and edit them. */
const benchAccount: AccountSpec = { role: 'chair', affiliation: { kind: 'delegation', delegationCode: 'KWT' }, name: 'Benchmark chair' };

/**
 * Creates a bench account in the server's storage (DATA_DIR or REDIS_URL), as `concord users add` would, signs
 * it in, and remembers the session for the server's URL: LoadClient connects with it (credentials.ts), as a
 * browser would. One account per process start keeps a restarted or second instance independent of the first.
 */
async function signInBenchAccount(url: string, storage: Record<string, string>): Promise<Credentials> {
  const user = await provisionAccount(storage, benchAccount);
  const credentials = await signInOverHttp(url, user.email);
  rememberCredentials(url, credentials);
  return credentials;
}

/** Concord as `node --import tsx src/main.ts` in server/, exactly as `pnpm start` runs it, with a signed-in chair. */
export async function startConcord(options: ConcordOptions): Promise<BenchServer & { dataDirectory: string }> {
  const dataDirectory = options.dataDirectory ?? mkdtempSync(join(tmpdir(), 'concord-bench-'));
  const port = options.port ?? (await freePort());
  // REDIS_URL empty means unset: one in the caller's environment must not turn the SQLite variant into Redis.
  const environment = { PORT: String(port), DATA_DIR: dataDirectory, LOG_LEVEL: 'warn', REDIS_URL: options.redisUrl ?? '', ...options.environment };
  const server = await spawnNodeServer('src/main.ts', serverDirectory, environment, /Concord is running at (\S+)/, options.inspector);
  const storage: Record<string, string> = options.redisUrl ? { REDIS_URL: options.redisUrl } : { DATA_DIR: dataDirectory };
  let credentials: Credentials;
  try {
    credentials = await signInBenchAccount(server.url, storage);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return {
    label: options.label,
    url: server.url,
    pid: server.pid,
    port,
    dataDirectory,
    async createDocument(title = 'Benchmark document') {
      const document: CreateDocument = { title, kind: 'other', session: 'Benchmark session' };
      const response = await fetch(`${server.url}/api/documents`, {
        method: 'POST',
        headers: { ...credentials.headers, 'content-type': 'application/json' },
        body: JSON.stringify(document),
      });
      if (response.status !== 201) throw new Error(`document creation failed: HTTP ${response.status}`);
      const body = (await response.json()) as { id?: unknown };
      if (typeof body.id !== 'string') throw new Error('document creation answered without an id');
      return body.id;
    },
    async stats() {
      const metrics = await (await fetch(`${server.url}/metrics`)).text();
      const gauge = (name: string): number => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(metrics)?.[1] ?? Number.NaN);
      return { documentsLoaded: gauge('concord_documents_loaded'), heapUsed: gauge('nodejs_heap_size_used_bytes') };
    },
    collectGarbage: () => collectGarbage(server),
    async stop() {
      await stopCleanly(options.label, server);
      if (options.dataDirectory === undefined) rmSync(dataDirectory, { recursive: true, force: true });
    },
  };
}

const referenceScript = fileURLToPath(new URL('./referenceServer.ts', import.meta.url));

export interface ReferenceOptions {
  label: string;
  /** LevelDB directory for y-websocket's persistence; in memory only when omitted (its default). */
  persistenceDirectory?: string;
  port?: number;
  inspector?: boolean;
}

/** The reference y-websocket server (referenceServer.ts), also under `node --import tsx`. */
export async function startReference(options: ReferenceOptions): Promise<BenchServer> {
  const port = options.port ?? (await freePort());
  const environment = { PORT: String(port), YPERSISTENCE: options.persistenceDirectory };
  const server = await spawnNodeServer(referenceScript, fileURLToPath(new URL('.', import.meta.url)), environment, /listening at (\S+)/, options.inspector);
  return {
    label: options.label,
    url: server.url,
    pid: server.pid,
    port,
    // Any room name is a document for y-websocket.
    createDocument: async () => randomBytes(9).toString('base64url'),
    async stats() {
      const body = (await (await fetch(`${server.url}/stats`)).json()) as { documentsLoaded?: unknown; heapUsed?: unknown };
      return { documentsLoaded: Number(body.documentsLoaded), heapUsed: Number(body.heapUsed) };
    },
    collectGarbage: () => collectGarbage(server),
    stop: () => stopCleanly(options.label, server),
  };
}
