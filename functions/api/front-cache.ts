import type { OpenAPIHono } from '@hono/zod-openapi';
import type { MiranteEnv } from '../http/create-base-app.js';
import { requestIdOf } from '../http/request-id.js';
import { createResponseHeaderBag } from '../http/response-headers.js';
import type { Logger } from '../shared/logger.js';
import type { CorsDecision } from './cors-header-sets.js';
import type { Representation } from './representation.js';
import { isNotModified, representationResponse } from './send-representation.js';

/**
 * Published results replayed before routing: a repeated `GET`/`HEAD` of a result the API already
 * served — same URL (path, query string, host), same `Accept` and `Accept-Language` — is answered
 * from memory without going through the router and middleware, with the same headers the full
 * path gives (security headers, a request id, CORS, entity tag, conditional 304). An entry holds
 * only while the manifest or version record it was built from is still the store's current one,
 * so a newly published version is served as soon as the manifest cache moves on.
 */
export interface FrontCache {
  /** Remembers the representation served for a request, valid while `isCurrent()` holds. */
  remember(request: Request, representation: Representation, isCurrent: () => boolean): void;
  /**
   * The response to a request from memory, or undefined (the app routes it). `env` is what the
   * server adapter passed to `fetch` (on Node, its `incoming` message's parsed headers are read
   * directly).
   */
  respond(request: Request, env?: unknown): Response | undefined;
}

/** Options of {@link createFrontCache}. */
export interface FrontCacheOptions {
  /** The read API's CORS policy (the same as its middleware's). */
  readonly cors: (origin: string | null | undefined) => CorsDecision;
  /** Where the access line of a replayed response goes (debug level, like the base app's). */
  readonly logger?: Logger | undefined;
  /** How many request keys are held (default 2,048, least recently stored out). */
  readonly maxEntries?: number;
}

interface Entry {
  readonly representation: Representation;
  readonly isCurrent: () => boolean;
}

/** Reads a request header (lower-case name); undefined when absent. */
type HeaderReader = (name: string) => string | undefined;

const keyOf = (url: string, header: HeaderReader): string =>
  `${url}\u0000${header('accept') ?? ''}\u0000${header('accept-language') ?? ''}`;

/**
 * A header reader for a request: the Node adapter's parsed `incoming.headers` when there is one
 * (plain property reads), else the `Request`'s headers.
 */
function headerReader(request: Request, env: unknown): HeaderReader {
  const incoming = (
    env as { incoming?: { headers?: Record<string, string | string[] | undefined> } }
  )?.incoming?.headers;
  if (incoming) {
    return (name) => {
      const value = incoming[name];
      return typeof value === 'string' ? value : undefined;
    };
  }
  return (name) => request.headers.get(name) ?? undefined;
}

/** Creates a {@link FrontCache}. */
export function createFrontCache(options: FrontCacheOptions): FrontCache {
  const maxEntries = options.maxEntries ?? 2048;
  const entries = new Map<string, Entry>();
  return {
    remember(request, representation, isCurrent) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return;
      const key = keyOf(request.url, headerReader(request, undefined));
      entries.delete(key);
      entries.set(key, { representation, isCurrent });
      if (entries.size > maxEntries) {
        const oldest = entries.keys().next().value;
        if (oldest !== undefined) entries.delete(oldest);
      }
    },
    respond(request, env) {
      const method = request.method;
      if (method !== 'GET' && method !== 'HEAD') return undefined;
      const header = headerReader(request, env);
      const key = keyOf(request.url, header);
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (!entry.isCurrent()) {
        entries.delete(key);
        return undefined;
      }
      const requestId = requestIdOf(header('x-request-id'));
      const bag = createResponseHeaderBag(requestId);
      const cors = options.cors(header('origin')).headers;
      if (cors) bag.sets.push(cors);
      const notModified = isNotModified(
        entry.representation,
        header('if-none-match'),
        header('if-modified-since'),
      );
      const response = representationResponse(
        entry.representation,
        bag,
        notModified,
        method === 'HEAD',
      );
      options.logger?.debug('request', {
        requestId,
        method,
        path: pathOf(request.url),
        status: response.status,
        ms: 0,
        frontCache: true,
      });
      return response;
    },
  };
}

/**
 * Puts a front cache in front of an app's router: `app.fetch` (what `@hono/node-server`,
 * `hono/aws-lambda` and `app.request` call) answers from the cache first.
 */
export function installFrontCache(app: OpenAPIHono<MiranteEnv>, cache: FrontCache): void {
  const routed = app.fetch;
  app.fetch = (request, env, executionCtx) =>
    cache.respond(request, env) ?? routed(request, env, executionCtx);
}

function pathOf(url: string): string {
  const start = url.indexOf('/', url.indexOf('//') + 2);
  const query = url.indexOf('?', start);
  return url.slice(start, query < 0 ? undefined : query);
}
