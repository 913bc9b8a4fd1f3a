import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { z } from 'zod';
import { errorBody } from '../routes/errors.ts';
import type { AppEnv } from './appEnv.ts';

/** Answers a body that fails its schema; the default is 400 `invalid_request` with the zod issues. */
type OnInvalid = (context: Context<AppEnv>, error: z.ZodError) => Response;

/**
 * Parses the JSON body with `schema` (a body that is not JSON counts as undefined and fails it) and
 * hands the result to the handler as `context.req.valid('json')`. Its input type is the `hc` client's `json`.
 */
export function jsonBody<Schema extends z.ZodType>(schema: Schema, message: string, onInvalid?: OnInvalid) {
  return createMiddleware<AppEnv, string, { in: { json: z.input<Schema> }; out: { json: z.output<Schema> } }>(async (context, next) => {
    const body: unknown = await context.req.json().catch(() => undefined);
    const parsed = schema.safeParse(body);
    if (!parsed.success) return onInvalid ? onInvalid(context, parsed.error) : context.json(errorBody('invalid_request', message, parsed.error.issues), 400);
    context.req.addValidatedData('json', parsed.data as object);
    await next();
  });
}

/** Parses the query string with `schema`; `context.req.valid('query')` in the handler. */
export function queryString<Schema extends z.ZodType>(schema: Schema, message: string) {
  return createMiddleware<AppEnv, string, { in: { query: Record<string, string | undefined> }; out: { query: z.output<Schema> } }>(async (context, next) => {
    const parsed = schema.safeParse(context.req.query());
    if (!parsed.success) return context.json(errorBody('invalid_request', message, parsed.error.issues), 400);
    context.req.addValidatedData('query', parsed.data as object);
    await next();
  });
}
