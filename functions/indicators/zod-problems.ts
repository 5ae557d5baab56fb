import type { z } from 'zod';
import { type DefinitionProblem, formatPath } from './definition-error.js';

/** Turns a zod validation error into problems naming the file and each offending field. */
export function zodProblems(file: string, error: z.ZodError): DefinitionProblem[] {
  return error.issues.flatMap((issue): DefinitionProblem[] => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        file,
        field: formatPath([...issue.path, key]),
        message: 'is not a known field',
      }));
    }
    return [{ file, field: formatPath(issue.path), message: issue.message }];
  });
}
