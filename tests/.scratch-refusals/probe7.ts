import WebSocket from 'ws';
import { startTestServer } from '../utils/startTestServer.ts';
import { startRedisServer } from '../utils/redisServer.ts';
const redis = await startRedisServer();
const server = await startTestServer({ MAX_CONNECTIONS_PER_DOCUMENT: 3, REDIS_URL: redis.url });
const results: number[] = [];
for (let round = 0; round < 20; round++) {
  const documentId = await server.createDocument();
  const url = `${server.url.replace('http', 'ws')}/collab/${documentId}`;
  const holder = new WebSocket(url); await new Promise((r) => holder.once("open", r)); await new Promise((r) => setTimeout(r, 50));
  const sockets = Array.from({ length: 10 }, () => new WebSocket(url));
  const outcomes = await Promise.all(sockets.map((socket) => new Promise<number | 'open'>((resolve) => {
    socket.once('open', () => resolve('open'));
    socket.once('unexpected-response', (_q, r) => resolve(r.statusCode ?? 0));
    socket.on('error', () => {});
  })));
  results.push(outcomes.filter((o) => o === 'open').length);
  for (const s of sockets) s.terminate(); holder.terminate();
}
console.log('opened per round', results);
await server.stop(); await redis.stop();
