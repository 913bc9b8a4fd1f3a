import WebSocket from 'ws';
import { startTestServer } from '../utils/startTestServer.ts';
import { RawClient } from '../utils/RawClient.ts';

// 1. concurrent upgrades vs MAX_CONNECTIONS_PER_DOCUMENT
{
  const server = await startTestServer({ MAX_CONNECTIONS_PER_DOCUMENT: 3 });
  const documentId = await server.createDocument();
  const first = new RawClient(server.url, documentId);
  await first.whenSynced();
  const burst = Array.from({ length: 10 }, () => new RawClient(server.url, documentId));
  const results = await Promise.allSettled(burst.map((c) => c.opened));
  await new Promise((r) => setTimeout(r, 300));
  console.log('burst opened', results.filter((r) => r.status === 'fulfilled').length, 'still open', burst.filter((c) => c.socket.readyState === WebSocket.OPEN).length);
  for (const c of [first, ...burst]) c.destroy();
  await server.stop();
}
// 2. slow reader
{
  const server = await startTestServer({ MAX_SEND_BUFFER_BYTES: 65536, MAX_MESSAGE_BYTES: 1024 * 1024 });
  const documentId = await server.createDocument();
  const writer = new RawClient(server.url, documentId);
  const observer = new RawClient(server.url, documentId);
  const slow = new RawClient(server.url, documentId);
  await Promise.all([writer.whenSynced(), observer.whenSynced(), slow.whenSynced()]);
  slow.socket.pause();
  const started = performance.now();
  let count = 0;
  const chunk = 'x'.repeat(200_000);
  let slowCloseAt = 0;
  slow.closed.then((e) => { slowCloseAt = performance.now(); console.log('slow closed', e); });
  for (let i = 0; i < 60; i++) {
    writer.doc.getText('text').insert(0, chunk);
    count += chunk.length;
    await writer.whenStored();
    await observer.waitFor(() => observer.text.length === count, 20000);
  }
  console.log('wrote', count, 'in', performance.now() - started);
  slow.socket.resume();
  const ev = await Promise.race([slow.closed, new Promise((r) => setTimeout(() => r('timeout'), 8000))]);
  console.log('slow', ev, 'slow text length', slow.text.length);
  for (const c of [writer, observer, slow]) c.destroy();
  await server.stop();
}
