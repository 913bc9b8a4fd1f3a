import { freePort } from './freePort.ts';
import type * as Y from 'yjs';
import { credentialsFor } from './credentials.ts';
import { documentText, draftText } from './draft.ts';
import { RawClient } from './RawClient.ts';
import { spawnServer, type ServerProcess } from './spawnServer.ts';

/**
 * Helpers for tests that run Concord as separate processes on shared data: several instances on
 * one Redis, or one instance stopped, crashed and started again at the same address.
 */

export { freePort };

/**
 * A Concord process at a fixed port, so that clients (and reconnecting providers) find a
 * restarted process at the address they already know.
 */
export class ServerAtFixedPort {
  private constructor(
    readonly port: number,
    private readonly environment: Record<string, string>,
    private current: ServerProcess,
  ) {}

  static async start(environment: Record<string, string>): Promise<ServerAtFixedPort> {
    const port = await freePort();
    const environmentWithPort = { ...environment, PORT: String(port) };
    return new ServerAtFixedPort(port, environmentWithPort, await spawnServer(environmentWithPort));
  }

  get url(): string {
    return this.current.url;
  }

  get process(): ServerProcess {
    return this.current;
  }

  /** Sends `signal` and resolves with the exit code (null when the signal killed it). */
  stop(signal: 'SIGTERM' | 'SIGKILL'): Promise<number | null> {
    return this.current.kill(signal);
  }

  /** Starts a new process with the same environment: same port, same data. */
  async restart(): Promise<void> {
    if (this.current.child.exitCode === null && this.current.child.signalCode === null) throw new Error('the previous process is still running');
    this.current = await spawnServer(this.environment);
  }

  /** Kills whatever still runs (test cleanup). */
  async kill(): Promise<void> {
    await this.current.kill('SIGKILL');
  }
}

/** Creates a document through the HTTP API of the server at `serverUrl`, as its remembered account, and returns its id. */
export async function createDocumentAt(serverUrl: string, title = 'Restart test'): Promise<string> {
  const credentials = credentialsFor(serverUrl);
  if (credentials === undefined) throw new Error(`no session for ${serverUrl}: spawn it with an account`);
  const response = await fetch(`${serverUrl}/api/documents`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...credentials.headers },
    body: JSON.stringify({ title, kind: 'other', session: 'Test session' }),
  });
  if (response.status !== 201) throw new Error(`document creation failed: ${response.status}`);
  const body: unknown = await response.json();
  if (typeof body !== 'object' || body === null || !('id' in body) || typeof body.id !== 'string') throw new Error('document creation returned no id');
  return body.id;
}

/** The text a brand-new client receives from the server on its first sync. */
export async function readDocumentText(serverUrl: string, documentId: string): Promise<string> {
  const reader = new RawClient(serverUrl, documentId);
  try {
    await reader.opened;
    await reader.whenSynced();
    return reader.text;
  } finally {
    reader.destroy();
  }
}

/** The tokens of `tokens` that `text` does not contain (an empty list reads well in a failed expect). */
export function missingTokens(text: string, tokens: readonly string[]): string[] {
  return tokens.filter((token) => !text.includes(token));
}

/** Every token `<name:n>` in `text`. */
export function tokensIn(text: string): string[] {
  return text.match(/<[^<>]+>/g) ?? [];
}

interface TypedToken {
  token: string;
  /** The raw client that sent it, or null when a provider (which gets no acknowledgements) did. */
  sender: RawClient | null;
  /** The sender's `updatesSent` right after the token went out (stored once `storedCount` reaches it); infinite when it could not go out. */
  mark: number;
}

/**
 * Types distinct tokens (`<name:0>`, `<name:1>`, ...) at the end of a document's text, one
 * transaction each, and remembers which of them the server acknowledged as stored. Always
 * appending at the end keeps every token contiguous whatever the others type concurrently.
 */
export class TokenTyper {
  /** The raw client whose acknowledgements confirm the next tokens; swap it when the document reconnects. */
  sender: RawClient | null;
  private readonly entries: TypedToken[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(
    readonly name: string,
    readonly doc: Y.Doc,
    sender: RawClient | null = null,
  ) {
    this.sender = sender;
  }

  typeOne(): string {
    const token = `<${this.name}:${this.entries.length}>`;
    const text = draftText(this.doc);
    text.insert(text.length, token);
    // An update typed while the socket is not open is never sent, so it can never be confirmed.
    const sender = this.sender;
    const sent = sender !== null && sender.socket.readyState === sender.socket.OPEN;
    this.entries.push({ token, sender, mark: sent ? sender.updatesSent : Number.POSITIVE_INFINITY });
    return token;
  }

  /** Types one token every `intervalMs` until `stop()`. */
  start(intervalMs = 20): void {
    this.timer ??= setInterval(() => this.typeOne(), intervalMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Every token typed so far, in order. */
  get typed(): string[] {
    return this.entries.map((entry) => entry.token);
  }

  /** Tokens the server has acknowledged as durably stored. */
  confirmed(): string[] {
    return this.entries.filter((entry) => entry.sender !== null && entry.sender.storedCount >= entry.mark).map((entry) => entry.token);
  }

  /** Tokens in the document's text that someone else typed. */
  receivedFromOthers(): string[] {
    return tokensIn(documentText(this.doc)).filter((token) => !token.startsWith(`<${this.name}:`));
  }
}
