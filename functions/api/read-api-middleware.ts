import type { Context, MiddlewareHandler } from 'hono';
import type { ApiConfig } from './api-config.js';
import { NO_STORE } from './cache-control.js';

const ALLOW_METHODS = 'GET, HEAD, OPTIONS';
const ALLOW_HEADERS = 'Accept, Accept-Language, If-None-Match, If-Modified-Since';
const EXPOSE_HEADERS = 'ETag, Last-Modified, Content-Language, Content-Disposition, X-Request-Id';
const MAX_AGE = '600';

/**
 * The middleware of the public read API's paths: CORS — the configured origins (default any),
 * GET/HEAD only, no credentials; conditional and language headers may be sent, and the caching,
 * file-name and request-id headers can be read by scripts; preflights (`OPTIONS`) are answered
 * 204 here — and `Cache-Control: no-store` on errors.
 *
 * Written for the hot path (instead of `hono/cors`, which touches `c.res` before the handler
 * runs and so makes Hono rebuild every response): headers are prepared before the handler, and
 * `Vary: Origin` (restricted origins only) is appended to the response's own headers.
 */
export function readApiMiddleware(config: Pick<ApiConfig, 'corsOrigins'>): MiddlewareHandler {
  const anyOrigin = config.corsOrigins === '*';
  const origins = new Set(anyOrigin ? [] : config.corsOrigins);
  return async (c, next) => {
    const origin = c.req.header('origin');
    const allowed = anyOrigin ? '*' : origin && origins.has(origin) ? origin : undefined;
    if (c.req.method === 'OPTIONS') {
      const headers: Record<string, string> = { Allow: ALLOW_METHODS };
      if (allowed) {
        headers['Access-Control-Allow-Origin'] = allowed;
        headers['Access-Control-Allow-Methods'] = ALLOW_METHODS;
        headers['Access-Control-Allow-Headers'] = ALLOW_HEADERS;
        headers['Access-Control-Max-Age'] = MAX_AGE;
      }
      if (!anyOrigin) headers.Vary = 'Origin';
      return c.body(null, 204, headers);
    }
    if (allowed) {
      c.header('Access-Control-Allow-Origin', allowed);
      c.header('Access-Control-Expose-Headers', EXPOSE_HEADERS);
    }
    await next();
    if (c.res.status >= 400 && !c.res.headers.has('Cache-Control')) {
      c.header('Cache-Control', NO_STORE);
    }
    if (!anyOrigin) appendVary(c, 'Origin');
  };
}

/** Appends a field to the response's `Vary` without rebuilding the response. */
function appendVary(c: Context, field: string): void {
  try {
    c.res.headers.append('Vary', field);
  } catch {
    c.header('Vary', field, { append: true });
  }
}
