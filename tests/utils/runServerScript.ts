import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const serverDirectory = fileURLToPath(new URL('../../server', import.meta.url));

/** Scripts of the server package that tests run as their own processes. */
export type ServerScript = 'src/main.ts' | 'src/cli/concord.ts';

function start(script: ServerScript, args: readonly string[], environment: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: serverDirectory,
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'warn', ...environment },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Runs a script to its end (a CLI command, or a server that refuses to start) and returns its exit code and output. */
export async function runToExit(script: ServerScript, args: readonly string[], environment: Record<string, string>, timeoutMs = 60_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = start(script, args, environment);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} ${args.join(' ')} did not exit:\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.once('exit', (exitCode) => {
      clearTimeout(timer);
      resolve(exitCode);
    });
  });
  return { code, stdout, stderr };
}

export interface RunningServer {
  url: string;
  /** Output so far. */
  output(): string;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

/** Starts `src/main.ts` with `args` and waits until it prints its URL (as tests/utils/spawnServer.ts does, plus arguments). */
export async function startServerProcess(args: readonly string[], environment: Record<string, string>, timeoutMs = 60_000): Promise<RunningServer> {
  const child = start('src/main.ts', args, environment);
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Concord is running at (\S+)/.exec(output);
      // With --demo the account list follows the URL line: wait for the whole block.
      if (match?.[1] && (!args.includes('--demo') || /Demo accounts[^\n]*\n(?:.*\n){8}/.test(output))) {
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
  return {
    url,
    output: () => output,
    async stop() {
      child.kill('SIGTERM');
      return exited;
    },
  };
}
