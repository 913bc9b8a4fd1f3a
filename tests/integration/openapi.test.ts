import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../utils/startTestServer.ts';

interface Operation {
  operationId: string;
  security: Array<Record<string, string[]>>;
  parameters: Array<{ name: string; in: string; required: boolean; schema: Record<string, unknown> }>;
  requestBody?: { content: Record<string, { schema: { type?: string; properties?: Record<string, unknown>; required?: string[] } }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: Record<string, unknown> }> }>;
}

interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, Operation>>;
  components: { securitySchemes: Record<string, { type: string; in: string; name: string }> };
}

/** Every route of the server, as OpenAPI names them. */
const routes = [
  'get /',
  'get /home.css',
  'get /healthz',
  'get /readyz',
  'get /metrics',
  'get /api/openapi.json',
  'post /api/session',
  'get /api/session',
  'delete /api/session',
  'get /api/users',
  'post /api/users',
  'patch /api/users/{userId}',
  'post /api/users/{userId}/invitation',
  'post /api/invitations/accept',
  'get /api/audit',
  'get /api/documents',
  'post /api/documents',
  'get /api/documents/{documentId}',
  'get /api/documents/{documentId}/threads',
  'post /api/documents/{documentId}/threads',
  'post /api/threads/{threadId}/comments',
  'post /api/threads/{threadId}/moderation',
  'get /api/documents/{documentId}/positions',
  'put /api/documents/{documentId}/positions',
  'get /api/documents/{documentId}/flags',
  'post /api/documents/{documentId}/flags',
  'get /api/threads/{threadId}',
  'post /api/threads/{threadId}/follow',
  'delete /api/threads/{threadId}/follow',
  'post /api/flags/{flagId}/answer',
  'get /api/notifications',
  'post /api/notifications/read',
  'get /api/documents/{documentId}/snapshots',
  'post /api/documents/{documentId}/snapshots',
  'get /api/documents/{documentId}/export',
  'get /api/documents/{documentId}/content',
  'get /api/snapshots/public-key',
  'get /api/snapshots/{snapshotId}',
  'get /api/snapshots/{snapshotId}/export',
  'get /api/snapshots/{snapshotId}/signature',
  'get /api/snapshots/{snapshotId}/compare',
  'get /api/reports/progress',
  'get /api/reports/progress/download',
];

describe('GET /api/openapi.json', () => {
  let server: TestServer;
  let document: OpenApiDocument;
  beforeAll(async () => {
    server = await startTestServer();
    const response = await fetch(`${server.url}/api/openapi.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    document = JSON.parse(await response.text()) as OpenApiDocument;
  });
  afterAll(async () => {
    await server.stop();
  });

  it('is an OpenAPI 3.1 document, served without a session', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(document.info.title).toBe('Concord');
    expect(document.components.securitySchemes.sessionCookie).toEqual(expect.objectContaining({ type: 'apiKey', in: 'cookie', name: 'concord_session' }));
    expect(document.components.securitySchemes.csrfToken).toEqual(expect.objectContaining({ type: 'apiKey', in: 'header', name: 'x-csrf-token' }));
  });

  it('lists every route, each with a unique operationId and at least one answer', () => {
    const listed = Object.entries(document.paths).flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method} ${path}`));
    expect(listed.sort()).toEqual([...routes].sort());
    const operations = Object.values(document.paths).flatMap((operations) => Object.values(operations));
    const ids = operations.map((operation) => operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const operation of operations) expect(Object.keys(operation.responses).length).toBeGreaterThan(0);
  });

  it('describes bodies, parameters and answers with the schemas the routes use', () => {
    const createUser = document.paths['/api/users']?.post;
    const body = createUser?.requestBody?.content['application/json']?.schema;
    expect(body?.type).toBe('object');
    expect(body?.required?.sort()).toEqual(['affiliation', 'email', 'name', 'role']);
    expect(createUser?.responses['409']).toBeDefined();

    const createDocument = document.paths['/api/documents']?.post?.requestBody?.content['application/json']?.schema;
    expect(createDocument?.properties?.kind).toEqual(expect.objectContaining({ enum: expect.arrayContaining(['phase1-options-report', 'other']) }));

    const patchUser = document.paths['/api/users/{userId}']?.patch;
    expect(patchUser?.parameters).toContainEqual(expect.objectContaining({ name: 'userId', in: 'path', required: true }));

    const audit = document.paths['/api/audit']?.get;
    expect(audit?.parameters.map((parameter) => parameter.name).sort()).toEqual(['before', 'documentId', 'limit', 'since', 'type', 'until', 'userId']);
    expect(audit?.parameters.every((parameter) => parameter.in === 'query' && !parameter.required)).toBe(true);

    const signIn = document.paths['/api/session']?.post;
    expect(signIn?.responses['429']).toBeDefined();
    expect(signIn?.responses['200']?.content?.['application/json']?.schema).toEqual(expect.objectContaining({ type: 'object' }));
  });

  it('says which routes need a session (and a CSRF token) and which do not', () => {
    expect(document.paths['/api/session']?.post?.security).toEqual([]);
    expect(document.paths['/api/invitations/accept']?.post?.security).toEqual([]);
    expect(document.paths['/healthz']?.get?.security).toEqual([]);
    expect(document.paths['/api/users']?.get?.security).toEqual([{ sessionCookie: [] }]);
    expect(document.paths['/api/users']?.post?.security).toEqual([{ sessionCookie: [], csrfToken: [] }]);
    expect(document.paths['/api/documents/{documentId}']?.get?.security).toEqual([{ sessionCookie: [] }]);
  });
});
