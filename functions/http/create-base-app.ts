import { randomUUID } from 'node:crypto';
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Logger } from '../shared/logger.js';
import { ProblemError, problemResponse } from '../shared/problem.js';
import { lazyChildLogger } from './lazy-child-logger.js';
import { validationHook } from './validation-hook.js';

/** Headers of every response (an HTML route sends its own Content-Security-Policy). */
const SECURITY_HEADERS: readonly (readonly [string, string])[] = [
  ['X-Content-Type-Options', 'nosniff'],
  ['Referrer-Policy', 'no-referrer'],
  ['Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'"],
];

/** Hono variables every Mirante route can read. */
export interface MiranteVariables {
  requestId: string;
  logger: Logger;
  /** The authenticated staff member on staff routes. */
  staff: string;
}

/** Hono environment of Mirante's apps. */
export interface MiranteEnv {
  Variables: MiranteVariables;
}

/**
 * An OpenAPIHono app with what every Mirante HTTP surface shares: a request id on every response
 * and log line, security headers, problem+json for every error (validation, unknown routes,
 * unexpected failures — never a stack trace or an internal name), and structured access logs.
 */
export function createBaseApp(logger: Logger): OpenAPIHono<MiranteEnv> {
  const app = new OpenAPIHono<MiranteEnv>({ defaultHook: validationHook });

  app.use('*', async (c, next) => {
    const incoming = c.req.header('x-request-id');
    const requestId = incoming && /^[\w.:-]{1,128}$/.test(incoming) ? incoming : randomUUID();
    c.set('requestId', requestId);
    c.set('logger', lazyChildLogger(logger, { requestId }));
    const started = performance.now();
    // Prepared before the handler runs, so every response built through the context (c.body,
    // c.json, problems) carries them without being rebuilt afterwards; a route sets its own
    // Content-Security-Policy (an HTML page) by sending that header.
    for (const [name, value] of SECURITY_HEADERS) c.header(name, value);
    c.header('X-Request-Id', requestId);
    await next();
    // A handler that returned a Response of its own bypassed the prepared headers.
    if (!c.res.headers.has('X-Request-Id')) {
      const csp = c.res.headers.has('Content-Security-Policy');
      for (const [name, value] of SECURITY_HEADERS) {
        if (name !== 'Content-Security-Policy' || !csp) c.header(name, value);
      }
      c.header('X-Request-Id', requestId);
    }
    logger.debug('request', {
      requestId,
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round(performance.now() - started),
    });
  });

  app.onError((error, c) => {
    if (error instanceof ProblemError) return problemResponse(c, error);
    const log = c.get('logger') ?? logger;
    log.error('unhandled error', {
      error: error instanceof Error ? error.message : String(error),
      name: error instanceof Error ? error.name : undefined,
    });
    return problemResponse(
      c,
      new ProblemError('internal', {
        detail: `Something went wrong on our side. Quote request id ${c.get('requestId') ?? ''}.`,
      }),
    );
  });

  app.notFound((c) =>
    problemResponse(
      c,
      new ProblemError('not-found', { detail: `No route for ${c.req.method} ${c.req.path}.` }),
    ),
  );
  return app;
}
