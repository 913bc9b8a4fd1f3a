import WebSocket from 'ws';
import { startTestServer } from '../utils/startTestServer.ts';
import { startRedisServer } from '../utils/redisServer.ts';
import { RawClient } from '../utils/RawClient.ts';
const redis = await startRedisServer();
const server = await startTestServer({ MAX_CONNECTIONS_PER_DOCUMENT: 3, REDIS_URL: redis.url });
for (let round = 0; round < 2; round++) {
  const documentId = await server.createDocument();
  if (round === 1) { const first = new RawClient(server.url, documentId); await first.whenSynced(); }
  const burst = Array.from({ length: 10 }, () => new RawClient(server.url, documentId));
  await Promise.allSettled(burst.map((c) => c.opened));
  await new Promise((r) => setTimeout(r, 300));
  console.log('redis burst round', round, 'still open', burst.filter((c) => c.socket.readyState === WebSocket.OPEN).length);
  for (const c of burst) c.destroy();
}
await server.stop();
await redis.stop();
