import * as Y from 'yjs';
import { startTestServer } from '../utils/startTestServer.ts';
import { RawClient } from '../utils/RawClient.ts';
import { connectProvider, eventually, whenProviderSynced } from '../utils/providers.ts';
import { encodeUpdate, updateFrame } from '../utils/maliciousFrames.ts';

const server = await startTestServer();
const documentId = await server.createDocument();
const observer = new RawClient(server.url, documentId);
await observer.whenSynced();
// reconnect: clean close
for (let round = 0; round < 20; round++) {
  const doc = new Y.Doc();
  const first = new RawClient(server.url, documentId, { doc });
  await first.whenSynced();
  doc.getText('text').insert(0, `a${round}`);
  await first.whenStored();
  if (round % 2 === 0) await first.close(); else { first.socket.terminate(); await first.closed; }
  doc.getText('text').insert(0, `b${round}`);
  const second = new RawClient(server.url, documentId, { doc });
  const outcome = await Promise.race([second.whenSynced().then(() => second.whenStored()).then(() => 'stored'), second.closed.then((e) => `closed ${e.code} ${e.reason}`)]);
  if (outcome !== 'stored') console.log('round', round, outcome);
  second.destroy(); first.destroy();
}
// provider reconnect
{
  const doc = new Y.Doc();
  const provider = connectProvider(server.url, documentId, doc);
  await whenProviderSynced(provider);
  doc.getText('text').insert(0, 'P1');
  await eventually(() => observer.text.includes('P1'));
  provider.disconnect();
  doc.getText('text').insert(0, 'P2');
  provider.connect();
  await eventually(() => observer.text.includes('P2'), 5000, 'provider offline edit').catch((e) => console.log(e.message));
  provider.destroy();
}
// impostor writes under an offline owner's clientID
{
  const doc = new Y.Doc();
  const owner = new RawClient(server.url, documentId, { doc });
  await owner.whenSynced();
  doc.getText('text').insert(0, 'OWNER');
  await owner.whenStored();
  await owner.close();
  await new Promise((r) => setTimeout(r, 50));
  doc.getText('text').insert(0, 'OFFLINE');
  const imp = new Y.Doc(); imp.clientID = doc.clientID;
  const impostor = new RawClient(server.url, documentId, { doc: imp });
  await impostor.whenSynced();
  imp.getText('text').insert(0, 'IMPOSTOR');
  await impostor.whenStored();
  impostor.destroy();
  const back = new RawClient(server.url, documentId, { doc });
  await back.whenSynced(); await back.whenStored().catch(() => {});
  const fresh = new RawClient(server.url, documentId);
  await fresh.whenSynced();
  console.log('owner has', doc.getText('text').toString().slice(0, 30), '| server has', fresh.text.slice(0, 30), 'closed?', await Promise.race([back.closed, new Promise((r) => setTimeout(() => r('open'), 200))]));
  back.destroy(); fresh.destroy();
}
// ContentDeleted with 2^40 length under own clientID
{
  const attacker = new RawClient(server.url, documentId);
  await attacker.whenSynced();
  attacker.sendUpdate(encodeUpdate([{ client: 424242, clock: 0, structs: [{ kind: 'item', parent: { root: 'text' }, content: { kind: 'deleted', length: 2 ** 40 } }] }]));
  const r = await Promise.race([attacker.whenStored().then(() => 'stored'), attacker.closed.then((e) => `closed ${e.code} ${e.reason}`)]);
  const fresh = new RawClient(server.url, documentId);
  await fresh.whenSynced();
  console.log('deleted 2^40:', r, 'state', Y.decodeStateVector(Y.encodeStateVector(fresh.doc)).get(424242));
  attacker.destroy(); fresh.destroy();
}
observer.destroy();
await server.stop();
