import { ProblemError } from '../shared/problem.js';
import { closestIds } from './closest-ids.js';

/**
 * Rejects query parameters a route does not know with a 400 naming the valid ones (a typo in a
 * filter should not silently return everything).
 */
export function assertKnownParameters(url: string, valid: readonly string[]): void {
  const query = url.indexOf('?');
  if (query < 0) return;
  for (const name of new URLSearchParams(url.slice(query + 1)).keys()) {
    if (valid.includes(name)) continue;
    const [suggestion] = closestIds(name, valid, 1);
    throw new ProblemError('invalid-parameter', {
      detail: `Unknown query parameter '${name}'.${suggestion ? ` Did you mean '${suggestion}'?` : ''} ${
        valid.length ? `Valid parameters: ${valid.join(', ')}.` : 'This route takes no parameters.'
      }`,
      errors: [{ pointer: `/${name}`, detail: 'unknown parameter' }],
      extensions: { validParameters: [...valid] },
    });
  }
}
