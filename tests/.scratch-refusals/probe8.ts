import WebSocket from 'ws';
import * as Y from 'yjs';
import { startTestServer } from '../utils/startTestServer.ts';
import { RawClient } from '../utils/RawClient.ts';
import { updateFrame, syncStep1Frame, textInsertUpdate } from '../utils/maliciousFrames.ts';
const server = await startTestServer({ MAX_MESSAGES_PER_SECOND: 100_000 });
const documentId = await server.createDocument();
const honest = new RawClient(server.url, documentId);
await honest.whenSynced();
honest.doc.getText('text').insert(0, 'hello');
await honest.whenStored();
const url = `${server.url.replace('http', 'ws')}/collab/${documentId}`;
const future = new Y.Doc();
future.getText('text').insert(0, 'never sent');
const pending: Uint8Array[] = [];
future.on('update', (u: Uint8Array) => pending.push(u));
future.getText('text').insert(3, 'abc');
for (const frame of [updateFrame(pending[0]!), updateFrame(textInsertUpdate(12345, 7))]) {
  for (const withBarrier of [false, true]) {
    const ws = new WebSocket(url);
    const got: string[] = [];
    ws.on('message', (d: Buffer) => got.push(`${d[0]},${d[1]}`));
    await new Promise((r) => ws.once('open', r));
    ws.send(frame);
    if (withBarrier) ws.send(syncStep1Frame(Y.encodeStateVector(honest.doc)));
    const closed = await Promise.race([new Promise((r) => ws.once('close', (c, reason) => r(`${c} ${reason}`))), new Promise((r) => setTimeout(() => r('open'), 1000))]);
    console.log(withBarrier, closed, got);
    ws.terminate();
  }
}
honest.destroy();
await server.stop();
