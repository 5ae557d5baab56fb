import type { z } from 'zod';
import { type FieldError, ProblemError } from '../shared/problem.js';

/** Converts zod issues to field-level errors with JSON Pointers. */
export function zodIssuesToFieldErrors(issues: readonly z.core.$ZodIssue[]): FieldError[] {
  return issues.map((issue) => ({
    pointer: `/${issue.path.map((p) => String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`,
    detail: issue.message,
  }));
}

/**
 * The `defaultHook` of every OpenAPIHono app: a failed request validation becomes a 400
 * `validation` problem (or `invalid-parameter` for the query string) with field-level errors.
 */
export function validationHook(result: {
  success: boolean;
  target?: string;
  error?: { issues: z.core.$ZodIssue[] };
}): void {
  if (result.success || !result.error) return;
  throw new ProblemError(result.target === 'query' ? 'invalid-parameter' : 'validation', {
    detail: 'See `errors` for each field that is not valid.',
    errors: zodIssuesToFieldErrors(result.error.issues),
  });
}
