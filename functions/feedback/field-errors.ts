import type { z } from 'zod';
import type { FieldError } from '../shared/problem.js';

/** Escapes one JSON Pointer reference token (RFC 6901). */
const escapeToken = (token: PropertyKey): string =>
  String(token).replaceAll('~', '~0').replaceAll('/', '~1');

/** JSON Pointer (RFC 6901) of a path inside a document, under an optional prefix. */
export const jsonPointer = (path: readonly PropertyKey[], prefix = ''): string =>
  prefix + path.map((t) => `/${escapeToken(t)}`).join('');

/**
 * Field-level errors of a zod failure, one per issue (one per key for unknown properties), with
 * JSON Pointers to the fields. Input values are never echoed (they may hold personal data).
 */
export function fieldErrorsOf(error: z.ZodError, prefix = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        out.push({
          pointer: jsonPointer([...issue.path, key], prefix),
          detail: 'unknown property',
        });
      }
    } else {
      out.push({ pointer: jsonPointer(issue.path, prefix), detail: issue.message });
    }
  }
  return out;
}
