import { ProblemError } from '../shared/problem.js';

/** Deepest nesting of arrays and objects any Mirante request body may have. */
export const MAX_JSON_DEPTH = 20;

/**
 * Parses JSON text after checking, without recursion, that arrays and objects nest at most
 * `maxDepth` levels: too deep → 400 `nesting-too-deep`; not JSON → 400 `invalid-json`.
 */
export function parseJsonBody(text: string, maxDepth: number = MAX_JSON_DEPTH): unknown {
  if (jsonDepthExceeds(text, maxDepth)) {
    throw new ProblemError('nesting-too-deep', {
      detail: `Arrays and objects may nest at most ${maxDepth} levels.`,
    });
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new ProblemError('invalid-json', { detail: 'The body is not valid JSON.' });
  }
}

/** Whether brackets outside string literals nest deeper than `maxDepth` (text need not be JSON). */
export function jsonDepthExceeds(text: string, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > maxDepth) return true;
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
    }
  }
  return false;
}
