import { z } from 'zod';

/** The one error body every API route answers with (also described in the OpenAPI document). */
export const errorBodySchema = z.object({
  error: z.object({
    /** Stable, for programs: invalid_request, unauthenticated, forbidden, csrf, not_found, ... */
    code: z.string(),
    /** For people; may change. */
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

export function errorBody(code: string, message: string, issues?: z.core.$ZodIssue[]): ErrorBody {
  return {
    error: {
      code,
      message,
      ...(issues ? { issues: issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })) } : {}),
    },
  };
}
