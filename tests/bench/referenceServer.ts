/**
 * The reference: y-websocket's own server utilities (@y/websocket-server) behind a plain http
 * server, with the same URL layout as Concord (/collab/<room>). Run as its own process by the
 * benchmark. Env: PORT; YPERSISTENCE=<dir> makes the utilities persist to LevelDB (read by the
 * module when it loads), which is what lets a restarted reference load a document from storage.
 * No sign-in and no schema: the reference relays whatever it gets, so it shows the floor.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as Y from 'yjs';
import { WebSocketServer } from 'ws';
import { docs, getPersistence, setContentInitializor, setupWSConnection } from '@y/websocket-server/utils';
import { referenceTemplate } from './referenceTemplate.ts';

// Every room starts as a Concord document does, with one empty paragraph (the same update each time).
const template = referenceTemplate();
setContentInitializor(async (doc) => Y.applyUpdate(doc, template));

const collaborationPath = /^\/collab\/([^/?]+)/;

const server = createServer((request, response) => {
  // Same role as Concord's /metrics for the memory workload: what the process holds.
  if (request.url === '/stats') {
    const body = JSON.stringify({ documentsLoaded: docs.size, heapUsed: process.memoryUsage().heapUsed });
    response.writeHead(200, { 'content-type': 'application/json' }).end(body);
    return;
  }
  response.writeHead(404).end();
});
const sockets = new WebSocketServer({ noServer: true });
server.on('upgrade', (request, socket, head) => {
  const room = collaborationPath.exec(request.url ?? '')?.[1];
  if (room === undefined) {
    socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
    return;
  }
  sockets.handleUpgrade(request, socket, head, (websocket) => setupWSConnection(websocket, request, { docName: decodeURIComponent(room) }));
});

server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  console.log(`reference server listening at http://127.0.0.1:${port}`);
});

process.on('SIGTERM', () => {
  for (const client of sockets.clients) client.terminate();
  server.close();
  // LevelDB writes are asynchronous: let them finish before the process ends.
  const persistence = getPersistence() as { provider?: { destroy?: () => Promise<void> } } | null;
  void (persistence?.provider?.destroy?.() ?? Promise.resolve()).finally(() => process.exit(0));
});
