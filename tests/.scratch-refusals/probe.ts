import WebSocket from 'ws';
import * as Y from 'yjs';
import { startTestServer } from '../utils/startTestServer.ts';
import { RawClient } from '../utils/RawClient.ts';

const server = await startTestServer();
const documentId = await server.createDocument();
const honest = new RawClient(server.url, documentId);
await honest.whenSynced();
honest.doc.getText('text').insert(0, 'hello');
await honest.whenStored();
const url = `${server.url.replace('http', 'ws')}/collab/${documentId}?acks=1`;
const bad = new Uint8Array([0, 2, 3, 1, 1, 5]);
const total = Number(process.argv[2] ?? 2000);
const concurrency = Number(process.argv[3] ?? 32);
let done = 0; const codes = new Map<number, number>();
const started = performance.now();
async function worker() {
  while (done < total) {
    done++;
    await new Promise<void>((resolve) => {
      const ws = new WebSocket(url);
      ws.on('open', () => ws.send(bad));
      ws.on('error', () => {});
      ws.on('close', (code) => { codes.set(code, (codes.get(code) ?? 0) + 1); resolve(); });
    });
  }
}
await Promise.all(Array.from({ length: concurrency }, worker));
const ms = performance.now() - started;
console.log({ total, ms, perConnection: ms / total, codes: [...codes], rss: process.memoryUsage().rss / 1e6 });
honest.destroy();
await server.stop();
