import type { MiddlewareHandler } from 'hono';
import type { MiranteEnv } from '../http/create-base-app.js';
import type { ApiConfig } from './api-config.js';
import { NO_STORE } from './cache-control.js';
import {
  CORS_ALLOW_HEADERS,
  CORS_ALLOW_METHODS,
  CORS_MAX_AGE,
  corsPolicy,
} from './cors-header-sets.js';

/**
 * The middleware of the public read API's paths: CORS (see {@link corsPolicy}; preflights —
 * `OPTIONS` — are answered 204 here) and `Cache-Control: no-store` on errors.
 *
 * Written for the hot path (instead of `hono/cors`, which touches `c.res` before the handler runs
 * and so makes Hono rebuild every response): the CORS headers go into the request's
 * `responseHeaders`, which the base app (or the route itself) adds to the response.
 */
export function readApiMiddleware(
  config: Pick<ApiConfig, 'corsOrigins'>,
): MiddlewareHandler<MiranteEnv> {
  const cors = corsPolicy(config);
  return async (c, next) => {
    const decision = cors(c.req.header('origin'));
    if (c.req.method === 'OPTIONS') {
      const headers: Record<string, string> = { Allow: CORS_ALLOW_METHODS, ...decision.headers };
      if (decision.allowed) {
        headers['Access-Control-Allow-Methods'] = CORS_ALLOW_METHODS;
        headers['Access-Control-Allow-Headers'] = CORS_ALLOW_HEADERS;
        headers['Access-Control-Max-Age'] = CORS_MAX_AGE;
        delete headers['Access-Control-Expose-Headers'];
      }
      return c.body(null, 204, headers);
    }
    if (decision.headers) c.get('responseHeaders')?.sets.push(decision.headers);
    await next();
    if (c.res.status >= 400 && !c.res.headers.has('Cache-Control')) {
      c.header('Cache-Control', NO_STORE);
    }
  };
}
