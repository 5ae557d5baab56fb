import { randomUUID } from 'node:crypto';
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Logger } from '../shared/logger.js';
import { ProblemError, problemResponse } from '../shared/problem.js';
import { validationHook } from './validation-hook.js';

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
    c.set('logger', logger.child({ requestId }));
    const started = performance.now();
    await next();
    c.header('X-Request-Id', requestId);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    if (!c.res.headers.has('Content-Security-Policy')) {
      c.header('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
    }
    c.get('logger').debug('request', {
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
