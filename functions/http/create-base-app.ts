import { OpenAPIHono } from '@hono/zod-openapi';
import type { Logger } from '../shared/logger.js';
import { ProblemError, problemResponse } from '../shared/problem.js';
import { lazyChildLogger } from './lazy-child-logger.js';
import { requestIdOf } from './request-id.js';
import {
  applyResponseHeaders,
  createResponseHeaderBag,
  type ResponseHeaderBag,
} from './response-headers.js';
import { validationHook } from './validation-hook.js';

/** Hono variables every Mirante route can read. */
export interface MiranteVariables {
  requestId: string;
  logger: Logger;
  /** The authenticated staff member on staff routes. */
  staff: string;
  /**
   * Headers every response of the request gets (security headers, request id, CORS); middleware
   * adds to it before the handler runs (see `response-headers.ts`).
   */
  responseHeaders: ResponseHeaderBag;
  /** Set by a route that merged `responseHeaders` into a response it built itself. */
  responseHeadersApplied: boolean;
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
    const requestId = requestIdOf(c.req.header('x-request-id'));
    c.set('requestId', requestId);
    c.set('logger', lazyChildLogger(logger, { requestId }));
    const started = performance.now();
    const headers = createResponseHeaderBag(requestId);
    c.set('responseHeaders', headers);
    await next();
    if (!c.get('responseHeadersApplied')) applyResponseHeaders(c, headers);
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
