import { ProblemError } from '../shared/problem.js';

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * Decodes a request or file body as UTF-8, dropping a leading byte order mark. A string is
 * taken as already decoded (only its BOM is dropped). Invalid UTF-8 is a 422
 * `unprocessable-content` problem naming the byte offset and line of the first bad byte.
 */
export function decodeUtf8(body: Uint8Array | string): string {
  if (typeof body === 'string') return body.charCodeAt(0) === 0xfeff ? body.slice(1) : body;
  try {
    return decoder.decode(body);
  } catch {
    const offset = firstInvalidUtf8Offset(body);
    let line = 1;
    for (let i = 0; i < offset; i++) if (body[i] === 0x0a) line++;
    const byte = (body[offset] ?? 0).toString(16).toUpperCase().padStart(2, '0');
    throw new ProblemError('unprocessable-content', {
      detail:
        `The body is not valid UTF-8: byte 0x${byte} at offset ${offset} (line ${line}). ` +
        'Save the file as "CSV UTF-8" or choose the UTF-8 encoding when exporting.',
      extensions: { offset, line },
    });
  }
}

/** Offset of the first byte that breaks UTF-8 (the length when there is none). */
export function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    let need: number;
    let min: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else {
      return i;
    }
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return i;
}
