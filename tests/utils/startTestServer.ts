import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { configSchema, startConcordServer, type Config, type ConcordServer } from '@concord/server';

export interface TestServer extends ConcordServer {
  dataDirectory: string;
  /** Creates a document through the API and returns its id. */
  createDocument(title?: string): Promise<string>;
  stop(): Promise<void>;
}

/** A real Concord server in this process, on port 0, with its own SQLite directory unless REDIS_URL is given. */
export async function startTestServer(overrides: Partial<Record<keyof Config, string | number>> = {}): Promise<TestServer> {
  const dataDirectory = typeof overrides.DATA_DIR === 'string' ? overrides.DATA_DIR : mkdtempSync(path.join(tmpdir(), 'concord-test-'));
  const config = configSchema.parse({ PORT: 0, LOG_LEVEL: 'silent', DATA_DIR: dataDirectory, ...overrides });
  const server = await startConcordServer(config, pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }));
  return {
    ...server,
    url: server.url,
    port: server.port,
    store: server.store,
    collaboration: server.collaboration,
    shutdown: server.shutdown,
    dataDirectory,
    async createDocument(title = 'Test document') {
      const response = await fetch(`${server.url}/api/documents`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title }) });
      if (response.status !== 201) throw new Error(`document creation failed: ${response.status}`);
      return ((await response.json()) as { id: string }).id;
    },
    async stop() {
      await server.shutdown();
      if (typeof overrides.DATA_DIR !== 'string') rmSync(dataDirectory, { recursive: true, force: true });
    },
  };
}
