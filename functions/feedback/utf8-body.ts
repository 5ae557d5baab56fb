import { ProblemError } from '../shared/problem.js';

// Decoding whole bodies (never streaming) keeps no state between calls, so one decoder serves all.
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/** A request body as the HTTP layer hands it over. */
export type RawBody = Uint8Array | ArrayBuffer | string | null | undefined;

/**
 * Decodes a request body as strict UTF-8: over `maxBytes` → 413 `payload-too-large`; invalid
 * UTF-8 → 400 `invalid-encoding`. A leading byte-order mark is dropped.
 */
export function decodeUtf8Body(body: RawBody, maxBytes: number): string {
  if (body === null || body === undefined) return '';
  if (typeof body === 'string') {
    if (Buffer.byteLength(body, 'utf8') > maxBytes) throw tooLarge(maxBytes);
    return body.charCodeAt(0) === 0xfeff ? body.slice(1) : body;
  }
  const bytes = body instanceof Uint8Array ? body : new Uint8Array(body);
  if (bytes.byteLength > maxBytes) throw tooLarge(maxBytes);
  try {
    return STRICT_UTF8.decode(bytes);
  } catch {
    throw new ProblemError('invalid-encoding', { detail: 'The body must be UTF-8 text.' });
  }
}

function tooLarge(maxBytes: number): ProblemError {
  return new ProblemError('payload-too-large', {
    detail: `The body must be at most ${maxBytes.toLocaleString('en')} bytes.`,
  });
}
