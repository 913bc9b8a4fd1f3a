import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';

/** The one error body every API route answers with. */
export interface ErrorBody {
  error: { code: string; message: string; issues?: Array<{ path: string; message: string }> };
}

export function errorBody(code: string, message: string, issues?: z.core.$ZodIssue[]): ErrorBody {
  return {
    error: {
      code,
      message,
      ...(issues ? { issues: issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })) } : {}),
    },
  };
}

export function fail(context: Context, status: ContentfulStatusCode, code: string, message: string) {
  return context.json(errorBody(code, message), status);
}
