import { createHash } from 'node:crypto';

/**
 * A strong entity tag (RFC 9110) from the parts that decide a representation's bytes: for a
 * published result, its version plus the language, format and filters.
 */
export function strongEtag(...parts: readonly string[]): string {
  return `"${createHash('sha256').update(parts.join('\u0000')).digest('base64url').slice(0, 27)}"`;
}

/**
 * Whether an `If-None-Match` header matches an entity tag, using the weak comparison RFC 9110
 * prescribes for `If-None-Match` (a `W/` prefix is ignored; `*` matches anything).
 */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const opaque = etag.replace(/^W\//, '');
  for (const candidate of ifNoneMatch.split(',')) {
    const tag = candidate.trim();
    if (tag === '*' || tag.replace(/^W\//, '') === opaque) return true;
  }
  return false;
}
