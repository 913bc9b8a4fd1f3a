import { startTestServer } from '../utils/startTestServer.ts';
import { RawClient } from '../utils/RawClient.ts';

// slow reader with small frames
{
  const server = await startTestServer({ MAX_SEND_BUFFER_BYTES: 65536, MAX_MESSAGE_BYTES: 65536 });
  const documentId = await server.createDocument();
  const writer = new RawClient(server.url, documentId);
  const observer = new RawClient(server.url, documentId);
  const slow = new RawClient(server.url, documentId);
  await Promise.all([writer.whenSynced(), observer.whenSynced(), slow.whenSynced()]);
  slow.socket.pause();
  for (const [n, c] of Object.entries({ writer, observer, slow })) void c.closed.then((e) => console.log(n, "closed", e, performance.now() - started));
  const conns = (server.collaboration as unknown as { connections: Set<{ closed: boolean }> }).connections;
  const started = performance.now();
  let count = 0;
  const chunk = 'x'.repeat(16_000);
  let slowClosedOnServerAfter = -1;
  for (let i = 0; i < 600; i++) {
    writer.doc.getText('text').insert(0, chunk);
    count += chunk.length;
    await writer.whenStored().catch((e) => { console.log(i, e.message, writer.storedCount, writer.socket.readyState); throw e; });
    await observer.waitFor(() => observer.text.length === count, 20000);
    if ([...conns].some((c) => c.closed)) { slowClosedOnServerAfter = i; break; }
  }
  console.log('wrote', count, 'in', performance.now() - started, 'closed after', slowClosedOnServerAfter);
  slow.socket.resume();
  const ev = await Promise.race([slow.closed, new Promise((r) => setTimeout(() => r('timeout'), 8000))]);
  console.log('slow', ev, 'slow text length', slow.text.length);
  // big document then a fresh joiner
  const late = new RawClient(server.url, documentId);
  const ev2 = await Promise.race([late.closed, late.whenSynced().then(() => 'synced'), new Promise((r) => setTimeout(() => r('timeout'), 8000))]);
  console.log('late joiner', ev2);
  for (const c of [writer, observer, slow, late]) c.destroy();
  await server.stop();
}
