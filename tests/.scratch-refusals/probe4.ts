import WebSocket from 'ws';
import { startTestServer } from '../utils/startTestServer.ts';
import { RawClient } from '../utils/RawClient.ts';
const server = await startTestServer({ MAX_CONNECTIONS_PER_DOCUMENT: 3 });
for (let round = 0; round < 3; round++) {
  const documentId = await server.createDocument();
  const burst = Array.from({ length: 10 }, () => new RawClient(server.url, documentId));
  await Promise.allSettled(burst.map((c) => c.opened));
  await new Promise((r) => setTimeout(r, 300));
  console.log('fresh doc burst: still open', burst.filter((c) => c.socket.readyState === WebSocket.OPEN).length);
  for (const c of burst) c.destroy();
}
await server.stop();
