import { ProblemError } from '../shared/problem.js';

/**
 * Checks a `Content-Type` header against the accepted media types (case-insensitive, parameters
 * allowed, but a `charset` other than UTF-8 is refused) and returns the matched media type.
 * Anything else → 415 `unsupported-media-type`.
 */
export function requireMediaType(
  contentType: string | null | undefined,
  accepted: readonly string[],
): string {
  const [essence = '', ...params] = (contentType ?? '').split(';');
  const mediaType = essence.trim().toLowerCase();
  const charset = params
    .map((p) => p.trim().toLowerCase())
    .find((p) => p.startsWith('charset='))
    ?.slice('charset='.length)
    .replace(/^"(.*)"$/, '$1');
  if (!accepted.includes(mediaType) || (charset !== undefined && !/^utf-?8$/.test(charset))) {
    throw new ProblemError('unsupported-media-type', {
      detail: `Send the body as ${accepted.join(' or ')} (UTF-8).`,
    });
  }
  return mediaType;
}
