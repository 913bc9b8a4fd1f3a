import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { documentText, draftText } from '../utils/draft.ts';
import { RawClient } from '../utils/RawClient.ts';
import { connectProvider, eventually, whenProviderSynced } from '../utils/providers.ts';
import { startTestServer, type TestServer } from '../utils/startTestServer.ts';

describe('twenty clients editing one document', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  it('converge, and a late joiner receives everything', async () => {
    const documentId = await server.createDocument();
    const providers: WebsocketProvider[] = [];
    const raws: RawClient[] = [];
    for (let index = 0; index < 10; index++) providers.push(connectProvider(server.url, documentId));
    for (let index = 0; index < 10; index++) raws.push(new RawClient(server.url, documentId));
    await Promise.all([...providers.map((provider) => whenProviderSynced(provider)), ...raws.map((raw) => raw.whenSynced())]);

    const docs = [...providers.map((provider) => provider.doc), ...raws.map((raw) => raw.doc)];
    for (let round = 0; round < 5; round++) {
      docs.forEach((doc, index) => {
        // Every client types into the document's one paragraph, at positions spread over it.
        const text = draftText(doc);
        text.insert(Math.min(text.length, (index * 7 + round) % (text.length + 1)), `[${index}:${round}]`);
      });
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const expectedLength = docs.reduce((sum, _doc, index) => sum + [0, 1, 2, 3, 4].reduce((total, round) => total + `[${index}:${round}]`.length, 0), 0);
    await eventually(() => docs.every((doc) => draftText(doc).length === expectedLength), 15_000, 'every client to hold every edit');
    const reference = documentText(docs[0]!);
    for (const doc of docs) expect(documentText(doc)).toBe(reference);
    await Promise.all(raws.map((raw) => raw.whenStored()));

    const late = new RawClient(server.url, documentId);
    await late.whenSynced();
    expect(late.text).toBe(reference);
    expect(Y.encodeStateVector(late.doc)).toEqual(Y.encodeStateVector(docs[0]!));

    for (const provider of providers) provider.destroy();
    for (const raw of [...raws, late]) raw.destroy();
  });
});
