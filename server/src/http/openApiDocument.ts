import { z } from 'zod';
import type { Action } from '@concord/shared';

/** Who may call a route: anyone, any signed-in user, or a signed-in user whose role grants `action`. */
export type RouteAccess = { kind: 'public' } | { kind: 'session' } | { kind: 'permission'; action: Action };

export interface RouteResponse {
  description: string;
  schema?: z.ZodType;
  /** Media type when not JSON. */
  mediaType?: string;
  headers?: Record<string, string>;
}

/** One row of the route table: enough to describe the route in OpenAPI 3.1. */
export interface RouteDescription {
  /** The OpenAPI operationId (and the name a generated client would use). */
  id: string;
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Hono syntax: `/api/users/:userId`. */
  path: string;
  summary: string;
  tag: string;
  access: RouteAccess;
  /** Unsafe API routes that need only an allowed Origin and a JSON body (no session yet). */
  withoutCsrfToken?: boolean;
  query?: z.ZodObject;
  body?: z.ZodType;
  responses: Record<number, RouteResponse>;
}

type JsonSchema = Record<string, unknown>;

/** A zod schema as JSON Schema 2020-12 (the dialect of OpenAPI 3.1); requests are described as sent, answers as received. */
function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, target: 'draft-2020-12', unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

/** `/api/users/:userId` → `/api/users/{userId}` and its path parameters. */
function openApiPath(path: string): { path: string; parameters: string[] } {
  const parameters: string[] = [];
  const converted = path.replace(/:([A-Za-z0-9_]+)/g, (_match, name: string) => {
    parameters.push(name);
    return `{${name}}`;
  });
  return { path: converted, parameters };
}

function accessNote(access: RouteAccess): string {
  if (access.kind === 'public') return 'No session needed.';
  if (access.kind === 'session') return 'Needs a session.';
  return `Needs a session whose role grants \`${access.action}\`.`;
}

export interface OpenApiInfo {
  title: string;
  version: string;
  description: string;
}

/** Builds the OpenAPI 3.1 document from the route table and the zod schemas it names. */
export function openApiDocument(info: OpenApiInfo, routes: readonly RouteDescription[], sessionCookie: string, csrfHeader: string): JsonSchema {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const { path, parameters } = openApiPath(route.path);
    const unsafe = route.method !== 'get';
    const security: Array<Record<string, string[]>> =
      route.access.kind === 'public' ? [] : [unsafe ? { sessionCookie: [], csrfToken: [] } : { sessionCookie: [] }];
    const operation: Record<string, unknown> = {
      operationId: route.id,
      summary: route.summary,
      description: `${accessNote(route.access)}${unsafe && route.path.startsWith('/api/') ? (route.withoutCsrfToken ? ' Needs an allowed Origin and Content-Type: application/json.' : ` Needs an allowed Origin and, with a session, the \`${csrfHeader}\` header.`) : ''}`,
      tags: [route.tag],
      security,
      parameters: [
        ...parameters.map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } })),
        ...Object.entries(route.query?.shape ?? {}).map(([name, field]) => ({
          name,
          in: 'query',
          required: !(field as z.ZodType).safeParse(undefined).success,
          schema: jsonSchemaOf(field as z.ZodType, 'input'),
        })),
      ],
      ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchemaOf(route.body, 'input') } } } } : {}),
      responses: Object.fromEntries(
        Object.entries(route.responses).map(([status, response]) => [
          status,
          {
            description: response.description,
            ...(response.headers ? { headers: Object.fromEntries(Object.entries(response.headers).map(([name, description]) => [name, { description, schema: { type: 'string' } }])) } : {}),
            ...(response.schema || response.mediaType
              ? { content: { [response.mediaType ?? 'application/json']: { schema: response.schema ? jsonSchemaOf(response.schema, 'output') : { type: 'string' } } } }
              : {}),
          },
        ]),
      ),
    };
    paths[path] = { ...paths[path], [route.method]: operation };
  }
  return {
    openapi: '3.1.0',
    info,
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    paths,
    components: {
      securitySchemes: {
        sessionCookie: { type: 'apiKey', in: 'cookie', name: sessionCookie, description: 'Set by POST /api/session (HttpOnly).' },
        csrfToken: { type: 'apiKey', in: 'header', name: csrfHeader, description: 'The csrfToken of the session info, on every POST, PATCH and DELETE.' },
      },
    },
  };
}
