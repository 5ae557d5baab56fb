import type { HeaderSet } from '../http/response-headers.js';
import type { ApiConfig } from './api-config.js';

/** Methods the read API allows across origins. */
export const CORS_ALLOW_METHODS = 'GET, HEAD, OPTIONS';
/** Request headers a cross-origin script may send. */
export const CORS_ALLOW_HEADERS = 'Accept, Accept-Language, If-None-Match, If-Modified-Since';
/** Response headers a cross-origin script may read. */
export const CORS_EXPOSE_HEADERS =
  'ETag, Last-Modified, Content-Language, Content-Disposition, X-Request-Id';
/** How long a browser may cache a preflight, in seconds. */
export const CORS_MAX_AGE = '600';

const VARY_ORIGIN: HeaderSet = Object.freeze({ Vary: 'Origin' });

/** The CORS decision for a request's `Origin`: the allowed origin and the headers to add. */
export interface CorsDecision {
  /** The `Access-Control-Allow-Origin` value, when the origin is allowed. */
  readonly allowed: string | undefined;
  /** The constant header set every response to this origin gets (undefined: none). */
  readonly headers: HeaderSet | undefined;
}

/**
 * The CORS policy of the read API as a function of the request's `Origin`: any origin (`*`, the
 * default) or the configured ones, no credentials. The header sets are constants shared by every
 * response (with `Vary: Origin` when the answer depends on the origin).
 */
export function corsPolicy(
  config: Pick<ApiConfig, 'corsOrigins'>,
): (origin: string | null | undefined) => CorsDecision {
  const anyOrigin = config.corsOrigins === '*';
  const origins = new Set(anyOrigin ? [] : config.corsOrigins);
  const sets = new Map<string, HeaderSet>();
  const notAllowed: CorsDecision = {
    allowed: undefined,
    headers: anyOrigin ? undefined : VARY_ORIGIN,
  };
  return (origin) => {
    const allowed = anyOrigin ? '*' : origin && origins.has(origin) ? origin : undefined;
    if (!allowed) return notAllowed;
    let headers = sets.get(allowed);
    if (!headers) {
      headers = Object.freeze({
        'Access-Control-Allow-Origin': allowed,
        'Access-Control-Expose-Headers': CORS_EXPOSE_HEADERS,
        ...(anyOrigin ? {} : VARY_ORIGIN),
      });
      sets.set(allowed, headers);
    }
    return { allowed, headers };
  };
}
