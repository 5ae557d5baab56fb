import { ProblemError } from '../shared/problem.js';
import type { DatasetDefinition } from './dataset-definition.js';
import { decodeUtf8 } from './decode-utf8.js';

/**
 * Reads the rows of a JSON metrics body `{ "rows": [ {...}, ... ] }` (raw bytes, text, or an
 * already parsed value). Malformed JSON is a 400 `invalid-json` problem; any other shape, extra
 * top-level properties or an empty `rows` array is a 422 `unprocessable-content` problem. The
 * rows themselves are checked by `validateRows`.
 */
export function parseJsonRows(
  dataset: DatasetDefinition,
  body: Uint8Array | string | { readonly parsed: unknown },
): unknown[] {
  let value: unknown;
  if (typeof body === 'object' && 'parsed' in body) {
    value = body.parsed;
  } else {
    const text = decodeUtf8(body);
    if (text.trim() === '') {
      throw new ProblemError('unprocessable-content', {
        detail: 'The body is empty. Expected a JSON object { "rows": [ ... ] }',
      });
    }
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new ProblemError('invalid-json', {
        detail: `The body is not valid JSON: ${(error as Error).message}`,
      });
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ProblemError('unprocessable-content', {
      detail: 'Expected a JSON object { "rows": [ ... ] }',
    });
  }
  const extra = Object.keys(value).filter((k) => k !== 'rows');
  if (extra.length > 0) {
    throw new ProblemError('unprocessable-content', {
      detail: `Unexpected properties: ${extra.join(', ')}. Expected a JSON object { "rows": [ ... ] }`,
    });
  }
  const rows = (value as { rows?: unknown }).rows;
  if (!Array.isArray(rows)) {
    throw new ProblemError('unprocessable-content', {
      detail: '"rows" must be an array of row objects',
    });
  }
  if (rows.length === 0) {
    throw new ProblemError('unprocessable-content', {
      detail: `"rows" is empty; nothing to store in ${dataset.name}.`,
    });
  }
  return rows;
}
