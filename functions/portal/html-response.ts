import type { Context } from 'hono';
import type { MiranteEnv } from '../http/create-base-app.js';

/** An HTML response with the page's security policy and caching. */
export function htmlResponse(
  c: Context<MiranteEnv>,
  body: string,
  status: 200 | 201 | 400 | 404 | 409 | 410 | 422 | 429 | 503,
  csp: string,
  cacheControl: string,
): Response {
  return c.body(body, status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': csp,
    'Cache-Control': cacheControl,
  });
}
