import type { Context } from 'hono';
import { etagMatches } from '../http/entity-tag.js';
import { mergeResponseHeaders, type ResponseHeaderBag } from '../http/response-headers.js';
import type { Representation } from './representation.js';

/**
 * Whether a conditional request is answered 304: its `If-None-Match` matches the entity tag, or,
 * without `If-None-Match`, its `If-Modified-Since` is not older than the representation.
 */
export function isNotModified(
  r: Representation,
  ifNoneMatch: string | null | undefined,
  ifModifiedSince: string | null | undefined,
): boolean {
  if (ifNoneMatch !== undefined && ifNoneMatch !== null) return etagMatches(ifNoneMatch, r.etag);
  if (r.lastModifiedMs === undefined || !ifModifiedSince) return false;
  const since = Date.parse(ifModifiedSince);
  return Number.isFinite(since) && Math.floor(r.lastModifiedMs / 1000) * 1000 <= since;
}

/**
 * A representation as a response — 200 with its body, or a bodiless 304 (see
 * {@link isNotModified}) — with every header in one plain object: the representation's and the
 * request's bag (security headers, request id, CORS), so it is written without any further
 * header processing.
 */
export function representationResponse(
  r: Representation,
  bag: ResponseHeaderBag | undefined,
  notModified: boolean,
  head = false,
): Response {
  return notModified
    ? new Response(null, { status: 304, headers: mergeResponseHeaders(bag, r.notModifiedHeaders) })
    : new Response(head ? null : r.body, {
        status: 200,
        headers: mergeResponseHeaders(bag, r.headers),
      });
}

/** Sends a representation through a Hono context (see {@link representationResponse}). */
export function sendRepresentation(c: Context, r: Representation): Response {
  const notModified = isNotModified(
    r,
    c.req.header('if-none-match'),
    c.req.header('if-modified-since'),
  );
  c.set('responseHeadersApplied', true);
  return representationResponse(
    r,
    c.get('responseHeaders') as ResponseHeaderBag | undefined,
    notModified,
  );
}
