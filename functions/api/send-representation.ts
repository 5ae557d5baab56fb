import type { Context } from 'hono';
import { etagMatches } from '../http/entity-tag.js';
import type { Representation } from './representation.js';

/**
 * Sends a representation, or a bodiless 304 when the request's `If-None-Match` matches its
 * entity tag (or, without `If-None-Match`, when `If-Modified-Since` is not older than it).
 */
export function sendRepresentation(c: Context, r: Representation): Response {
  const ifNoneMatch = c.req.header('if-none-match');
  if (ifNoneMatch !== undefined) {
    if (etagMatches(ifNoneMatch, r.etag)) return c.body(null, 304, r.notModifiedHeaders);
  } else if (r.lastModifiedMs !== undefined) {
    const since = Date.parse(c.req.header('if-modified-since') ?? '');
    if (Number.isFinite(since) && Math.floor(r.lastModifiedMs / 1000) * 1000 <= since) {
      return c.body(null, 304, r.notModifiedHeaders);
    }
  }
  return c.body(r.body, 200, r.headers);
}
