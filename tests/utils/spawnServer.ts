import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { provisionAccount, rememberCredentials, signInOverHttp, type AccountSpec } from './credentials.ts';

const serverDirectory = fileURLToPath(new URL('../../server', import.meta.url));

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Output so far, for failure messages. */
  output(): string;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
  kill(signal: NodeJS.Signals): Promise<number | null>;
}

/** Whom a spawned server's test clients sign in as: a chair, who may create documents and edit them. */
export const defaultTestAccount: AccountSpec = { role: 'chair', affiliation: { kind: 'delegation', delegationCode: 'KWT' } };

/**
 * Starts `server/src/main.ts` as its own process (for SIGTERM and kill -9 tests) and waits for its URL.
 * Then creates `account` in its stores and signs it in: the test utilities' clients use that session.
 */
export async function spawnServer(environment: Record<string, string>, timeoutMs = 30_000, account: AccountSpec | null = defaultTestAccount): Promise<ServerProcess> {
  // `node --import tsx` keeps the server in this one process, so signals reach it directly.
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: serverDirectory,
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'warn', ...environment },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Concord is running at (\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
  if (account !== null) {
    const user = await provisionAccount(environment, account);
    rememberCredentials(url, await signInOverHttp(url, user.email));
  }
  return {
    url,
    child,
    output: () => output,
    exited,
    async kill(signal) {
      child.kill(signal);
      return exited;
    },
  };
}
